import SQLKit

/// Accounts a user follows (users whose approved authorship claims put them on papers).
/// Number 18 is another branch's.
struct CreateFollowedAccounts: Migration {
    let number = 19
    let name = "create followed accounts"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "followed_accounts")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull)
            .column("account_id", type: .bigint, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .unique("user_id", "account_id")
            .run()
        // Deleting an account removes the follows of it too.
        try await db.create(index: "followed_accounts_account").on("followed_accounts").column("account_id").run()
    }
}
