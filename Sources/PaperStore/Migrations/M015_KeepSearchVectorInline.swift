import SQLKit

/// Keeps PostgreSQL's full-text vector in the paper's row (compressed) rather than in the TOAST
/// table, so that ranking a broad match reads no second table per paper. Rows written before
/// this step keep their place until rewritten (`VACUUM FULL papers`). Nothing to do on SQLite.
struct KeepSearchVectorInline: Migration {
    let number = 15
    let name = "keep the search vector inline"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await dialect.keepFullTextVectorInline(on: db)
    }
}
