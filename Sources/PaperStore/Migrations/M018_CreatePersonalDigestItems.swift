import SQLKit

/// The papers each user's personal digests listed: one row per user and paper, so that a paper
/// goes to a user once, tied to the delivery that lists it.
struct CreatePersonalDigestItems: Migration {
    let number = 18
    let name = "create personal digest items"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "digest_personal_items")
            .column("user_id", type: .bigint, .notNull)
            .column("paper_id", type: .text, .notNull)
            .column("delivery_id", type: .bigint, .notNull)
            .column("section", type: .text, .notNull)
            .column("reason", type: .text, .notNull)
            .column("position", type: .bigint, .notNull)
            .primaryKey("user_id", "paper_id")
            .run()
        try await db.create(index: "digest_personal_items_delivery").on("digest_personal_items").column("delivery_id").run()
    }
}
