import SQLKit

/// SQLite's side of the schema: an FTS5 index that mirrors the papers table through triggers.
struct SQLiteSchemaDialect: SchemaDialect {
    /// Column weights for BM25, in the order of the index's columns:
    /// title above author names above abstract; categories count a little.
    static let bm25Weights = "10.0, 1.0, 3.0, 0.5"

    func hasTable(_ name: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)").first() != nil
    }

    /// FTS5 keeps its own tables; nothing to move.
    func keepFullTextVectorInline(on db: any SQLDatabase) async throws {}

    /// FTS5 keeps every word, stop words included.
    func indexPlainWords(on db: any SQLDatabase) async throws {}

    func createPaperFullTextIndex(on db: any SQLDatabase) async throws {
        let statements: [SQLQueryString] = [
            """
            CREATE VIRTUAL TABLE papers_fts USING fts5(
                title, abstract, author_names, categories,
                content='papers', content_rowid='seq',
                tokenize='porter unicode61 remove_diacritics 2'
            )
            """,
            """
            CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
                INSERT INTO papers_fts(rowid, title, abstract, author_names, categories)
                VALUES (new.seq, new.title, new.abstract, new.author_names, new.categories);
            END
            """,
            """
            CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
                INSERT INTO papers_fts(papers_fts, rowid, title, abstract, author_names, categories)
                VALUES ('delete', old.seq, old.title, old.abstract, old.author_names, old.categories);
            END
            """,
            // Only text changes touch the index: votes and comment counts change far more often.
            """
            CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, author_names, categories ON papers BEGIN
                INSERT INTO papers_fts(papers_fts, rowid, title, abstract, author_names, categories)
                VALUES ('delete', old.seq, old.title, old.abstract, old.author_names, old.categories);
                INSERT INTO papers_fts(rowid, title, abstract, author_names, categories)
                VALUES (new.seq, new.title, new.abstract, new.author_names, new.categories);
            END
            """,
            "INSERT INTO papers_fts(papers_fts, rank) VALUES ('rank', 'bm25(\(unsafeRaw: Self.bm25Weights))')",
            // Buffer up to 64 MB of new terms per transaction (default 1 MB): an import batch
            // becomes one index segment instead of dozens that must be merged again.
            "INSERT INTO papers_fts(papers_fts, rank) VALUES ('hashsize', 67108864)",
            // Merge segments 8 at a time rather than 4: half the rewriting during imports,
            // still few segments for a query to visit.
            "INSERT INTO papers_fts(papers_fts, rank) VALUES ('automerge', 8)",
        ]
        for statement in statements {
            try await db.raw(statement).run()
        }
    }
}
