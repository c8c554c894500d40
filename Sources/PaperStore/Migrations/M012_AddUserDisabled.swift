import SQLKit

/// Whether an operator disabled an account (`paperfeed user disable`): 0 or 1, like `is_admin`.
struct AddUserDisabled: Migration {
    let number = 12
    let name = "add user disabled"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.alter(table: "users").column("disabled", type: .bigint, .notNull, .default(0)).run()
    }
}
