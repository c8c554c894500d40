import SQLKit

/// The full-text index over papers; its form depends on the database.
struct CreatePaperFullTextIndex: Migration {
    let number = 2
    let name = "create paper full-text index"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await dialect.createPaperFullTextIndex(on: db)
    }
}
