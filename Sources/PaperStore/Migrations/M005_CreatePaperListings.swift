import SQLKit

/// Every day a paper was put on the daily feed: Hugging Face lists some papers again on a later
/// day, and those days' lists must include them. Filled from `papers.listed_on` (the first day).
struct CreatePaperListings: Migration {
    let number = 5
    let name = "create paper listings"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "paper_listings")
            .column("paper_id", type: .text, .notNull)
            .column("day", type: .text, .notNull)
            .column("submitter_name", type: .text)
            .primaryKey("paper_id", "day")
            .run()
        try await db.create(index: "paper_listings_day").on("paper_listings").column("day").column("paper_id").run()
        try await db.raw("""
            INSERT INTO paper_listings (paper_id, day, submitter_name)
            SELECT id, listed_on, submitter_name FROM papers WHERE listed_on IS NOT NULL
            """).run()
    }
}
