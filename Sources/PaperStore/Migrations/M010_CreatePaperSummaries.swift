import SQLKit

/// Summaries and keyphrases PaperFeed generated for papers that came without Hugging Face's,
/// one row per paper, apart from `papers` so that imports never touch them.
struct CreatePaperSummaries: Migration {
    let number = 10
    let name = "create generated paper summaries"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "paper_summaries")
            .column("paper_id", type: .text, .primaryKey(autoIncrement: false))
            .column("model", type: .text, .notNull)
            .column("summary", type: .text)
            .column("keywords_json", type: .text, .notNull)
            .run()
    }
}
