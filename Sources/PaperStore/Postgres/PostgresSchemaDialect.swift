import SQLKit

/// PostgreSQL's side of the schema: a weighted `tsvector` kept by the database itself (a stored
/// generated column) and a GIN index over it. Title weighs A, author names B, abstract C,
/// categories D.
struct PostgresSchemaDialect: SchemaDialect {
    func hasTable(_ name: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT to_regclass(\(bind: name))::text AS found").first()?.decodeNil(column: "found") == false
    }

    func createPaperFullTextIndex(on db: any SQLDatabase) async throws {
        try await db.raw("""
            ALTER TABLE papers ADD COLUMN search tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', title), 'A') ||
                setweight(to_tsvector('simple', author_names), 'B') ||
                setweight(to_tsvector('english', abstract), 'C') ||
                setweight(to_tsvector('simple', categories), 'D')
            ) STORED
            """).run()
        try await db.raw("CREATE INDEX papers_search ON papers USING GIN (search)").run()
    }
}
