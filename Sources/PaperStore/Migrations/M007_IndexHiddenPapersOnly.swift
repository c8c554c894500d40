import SQLKit

/// Replaces migration 6's index on `papers.hidden` with one over hidden papers only. The full
/// index tempted SQLite to read every visible paper through it (6 ms for a day's list) instead
/// of looking the day's papers up by id; the partial one serves only "which papers are hidden".
struct IndexHiddenPapersOnly: Migration {
    let number = 7
    let name = "index hidden papers only"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.raw("DROP INDEX IF EXISTS papers_hidden").run()
        try await db.raw("CREATE INDEX IF NOT EXISTS papers_hidden_only ON papers (seq) WHERE hidden = 1").run()
    }
}
