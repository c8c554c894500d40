import SQLKit

/// Accounts, sessions, votes, comments, authorship claims, moderation flags, digest
/// subscribers and the digest outbox. Booleans are integers (0/1) so both engines agree.
struct CreateCommunity: Migration {
    let number = 6
    let name = "create community"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        // Community counts live beside the imported ones: an import never overwrites them.
        for column in ["community_upvotes", "community_comments", "hidden"] {
            try await db.alter(table: "papers").column(column, type: .bigint, .notNull, .default(0)).run()
        }
        try await db.create(index: "papers_hidden").on("papers").column("hidden").run()
        try await db.create(table: "users")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull)
            .column("name_key", type: .text, .notNull, .unique)
            .column("email", type: .text, .notNull)
            .column("email_key", type: .text, .notNull, .unique)
            .column("password_hash", type: .text, .notNull)
            .column("is_admin", type: .bigint, .notNull, .default(0))
            .column("created_at", type: .bigint, .notNull)
            .run()
        for table in ["sessions", "password_resets"] {
            try await db.create(table: table)
                .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
                .column("user_id", type: .bigint, .notNull)
                .column("expires_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "\(table)_user").on(table).column("user_id").run()
        }
        try await db.create(table: "votes")
            .column("user_id", type: .bigint, .notNull)
            .column("paper_id", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .primaryKey("user_id", "paper_id")
            .run()
        try await db.create(table: "comments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("paper_id", type: .text, .notNull)
            .column("user_id", type: .bigint, .notNull)
            .column("body", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("edited_at", type: .bigint)
            .column("hidden", type: .bigint, .notNull, .default(0))
            .run()
        try await db.create(index: "comments_paper").on("comments").column("paper_id").column("id").run()
        try await db.create(index: "comments_user").on("comments").column("user_id").column("id").run()
        try await db.create(table: "authorship_claims")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("paper_id", type: .text, .notNull)
            .column("user_id", type: .bigint, .notNull)
            .column("author_name", type: .text, .notNull)
            .column("state", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .unique("user_id", "paper_id", "author_name")
            .run()
        try await createSubscriptions(on: db)
    }

    private func createSubscriptions(on db: any SQLDatabase) async throws {
        try await db.create(table: "subscribers")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("email", type: .text, .notNull)
            .column("email_key", type: .text, .notNull, .unique)
            .column("frequency", type: .text, .notNull)
            // pending (waiting for the confirmation link), confirmed, unsubscribed
            .column("state", type: .text, .notNull)
            .column("token", type: .text, .notNull, .unique)
            .column("user_id", type: .bigint)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await db.create(table: "digest_outbox")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("subscriber_id", type: .bigint, .notNull)
            .column("period", type: .text, .notNull)
            // queued, sending (leased until available_at), sent, skipped, failed
            .column("state", type: .text, .notNull)
            .column("available_at", type: .bigint, .notNull)
            .column("attempts", type: .bigint, .notNull, .default(0))
            .column("node", type: .text)
            .column("last_error", type: .text)
            .column("finished_at", type: .bigint)
            .unique("subscriber_id", "period")
            .run()
        try await db.create(index: "digest_outbox_due").on("digest_outbox").column("state").column("available_at").run()
    }
}
