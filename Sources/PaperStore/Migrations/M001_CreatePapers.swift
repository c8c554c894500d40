import SQLKit

/// The papers table: one row per paper id, typed columns for what lists sort and filter on.
struct CreatePapers: Migration {
    let number = 1
    let name = "create papers"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "papers")
            // An explicit integer key keeps full-text rowids stable across VACUUM.
            .column("seq", type: .bigint, .primaryKey(autoIncrement: true))
            .column("id", type: .text, .notNull, .unique)
            .column("version", type: .bigint)
            .column("title", type: .text, .notNull)
            .column("abstract", type: .text, .notNull)
            .column("authors_json", type: .text, .notNull)
            .column("author_names", type: .text, .notNull)
            .column("categories", type: .text, .notNull)
            .column("published_at", type: .bigint)
            .column("updated_at", type: .bigint)
            .column("year", type: .bigint)
            .column("listed_on", type: .text)
            .column("submitter_name", type: .text)
            .column("submitter_fullname", type: .text)
            .column("upvotes", type: .bigint, .notNull, .default(0))
            .column("comment_count", type: .bigint, .notNull, .default(0))
            .column("github_repo", type: .text)
            .column("github_stars", type: .bigint)
            .column("project_page", type: .text)
            .column("ai_keywords_json", type: .text, .notNull)
            .column("ai_summary", type: .text)
            .column("doi", type: .text)
            .column("journal_ref", type: .text)
            .column("source", type: .text, .notNull)
            .run()
        for (index, columns) in [
            ("papers_listed_on", ["listed_on", "upvotes"]),
            ("papers_published_at", ["published_at"]),
            ("papers_year", ["year"]),
        ] {
            var builder = db.create(index: index).on("papers")
            for column in columns { builder = builder.column(column) }
            try await builder.run()
        }
    }
}
