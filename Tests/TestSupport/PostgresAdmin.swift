import Foundation
import Logging
import PostgresKit

/// Creates and drops test databases through the server's maintenance database.
enum PostgresAdmin {
    /// `base` with its database replaced by `database`.
    static func url(_ base: String, database: String) -> String {
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs one statement on the `postgres` database of the server `base` names, on a connection
    /// of its own that is closed before this returns. (A `PostgresClient` whose `run()` was
    /// cancelled left its connection open: the suite's hundreds of databases used up the server's
    /// connection slots.)
    static func run(_ statement: String, on base: String) async throws {
        let components = URLComponents(string: base)!
        let configuration = PostgresConnection.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user!,
            password: components.password, database: "postgres", tls: .disable)
        let logger = Logger(label: "paperfeed.tests.postgres-admin")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
