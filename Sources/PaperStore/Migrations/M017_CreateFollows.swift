import SQLKit

/// Followed authors, saved searches and each user's one private-feed token (its hash only).
struct CreateFollows: Migration {
    let number = 17
    let name = "create follows"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "followed_authors")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull)
            .column("name", type: .text, .notNull)
            // The lower-cased name: one follow per name and user, however it is capitalised.
            .column("name_key", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .unique("user_id", "name_key")
            .run()
        try await db.create(table: "saved_searches")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull)
            .column("query", type: .text, .notNull)
            .column("mode", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .unique("user_id", "query", "mode")
            .run()
        try await db.create(table: "feed_tokens")
            .column("user_id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("token_hash", type: .text, .notNull, .unique)
            .column("created_at", type: .bigint, .notNull)
            .run()
    }
}
