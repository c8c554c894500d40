import SQLKit

/// The arXiv categories a digest subscriber follows, space-separated; empty for all papers.
struct AddSubscriberCategories: Migration {
    let number = 11
    let name = "add subscriber categories"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.alter(table: "subscribers").column("categories", type: .text, .notNull, .default("")).run()
    }
}
