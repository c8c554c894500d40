import SQLKit

/// Finds a paper by its DOI without a scan (a search for a DOI jumps to its paper). DOIs are
/// case-insensitive, so the index is over the lower-cased form; most papers have none.
struct IndexPaperDOIs: Migration {
    let number = 13
    let name = "index paper DOIs"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.raw("CREATE INDEX papers_doi ON papers (lower(doi)) WHERE doi IS NOT NULL").run()
    }
}
