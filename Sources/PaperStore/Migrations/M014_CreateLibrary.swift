import SQLKit

/// The personal library: collections of papers with notes, "not interested" marks, and the
/// personal API tokens (hashes only) that `huggingface_hub` and scripts send as bearer tokens.
struct CreateLibrary: Migration {
    let number = 14
    let name = "create library"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "collections")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull)
            .column("title", type: .text, .notNull)
            // The lower-cased title: one collection per title and owner, as on Hugging Face.
            .column("title_key", type: .text, .notNull)
            .column("description", type: .text)
            .column("private", type: .bigint, .notNull, .default(1))
            // The owner's id on their default ("Saved") collection, NULL on the others: unique,
            // so two requests that make it at once make one (NULLs never collide).
            .column("default_for", type: .bigint, .unique)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .unique("user_id", "title_key")
            .run()
        try await db.create(index: "collections_updated").on("collections").column("updated_at").column("id").run()
        try await db.create(table: "collection_items")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("collection_id", type: .bigint, .notNull)
            .column("paper_id", type: .text, .notNull)
            .column("note", type: .text)
            .column("position", type: .bigint, .notNull)
            .column("added_at", type: .bigint, .notNull)
            .unique("collection_id", "paper_id")
            .run()
        try await db.create(index: "collection_items_position").on("collection_items").column("collection_id").column("position").run()
        try await db.create(index: "collection_items_paper").on("collection_items").column("paper_id").run()
        try await db.create(table: "not_interested")
            .column("user_id", type: .bigint, .notNull)
            .column("paper_id", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .primaryKey("user_id", "paper_id")
            .run()
        try await db.create(table: "api_tokens")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull)
            .column("name", type: .text, .notNull)
            .column("token_hash", type: .text, .notNull, .unique)
            .column("created_at", type: .bigint, .notNull)
            .column("last_used_at", type: .bigint)
            .column("revoked_at", type: .bigint)
            .run()
        try await db.create(index: "api_tokens_user").on("api_tokens").column("user_id").run()
    }
}
