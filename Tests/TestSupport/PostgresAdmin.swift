import Foundation
import PostgresKit

/// Creates and drops test databases through the server's maintenance database.
enum PostgresAdmin {
    /// `base` with its database replaced by `database`.
    static func url(_ base: String, database: String) -> String {
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs one statement on the `postgres` database of the server `base` names.
    static func run(_ statement: String, on base: String) async throws {
        let components = URLComponents(string: base)!
        let configuration = PostgresClient.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user!,
            password: components.password, database: "postgres", tls: .disable)
        let client = PostgresClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: statement))
            group.cancelAll()
        }
    }
}
