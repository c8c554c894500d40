import Foundation
import Logging
import PostgresKit

/// `postgres://` URLs, and PostgreSQL's failures in words an operator can act on.
enum PostgresURL {
    /// The parts of a URL both connection kinds need.
    struct Parts {
        let host: String
        let port: Int
        let user: String
        let password: String?
        let database: String?
    }

    static func parts(_ url: String) throws -> Parts {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
              let host = components.host, let user = components.user else {
            throw StoreError.cannotOpen(path: redacted(url), reason: "use postgres://user:password@host:port/database")
        }
        let database = components.path.drop { $0 == "/" }
        return Parts(host: host, port: components.port ?? 5432, user: user, password: components.password,
                     database: database.isEmpty ? nil : String(database))
    }

    static func clientConfiguration(_ parts: Parts) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: parts.host, port: parts.port, username: parts.user, password: parts.password, database: parts.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Runs `body` on a connection of its own, outside the pool: a wrong address, password or
    /// database fails at once with the server's reason instead of after the pool's retries.
    static func withConnection<T: Sendable>(_ parts: Parts, logger: Logger,
                                            _ body: (PostgresConnection) async throws -> T) async throws -> T {
        var configuration = PostgresConnection.Configuration(
            host: parts.host, port: parts.port, username: parts.user, password: parts.password, database: parts.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            switch error.serverInfo?[.sqlState] {
            case "28P01", "28000": return "the server refused the user name or password (\(message))"
            case "3D000": return "the database does not exist (\(message)); create it or fix the URL"
            default: return message
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection:
            return "cannot reach the server (is PostgreSQL running and listening on that host and port?)"
        default:
            return "\(error.code)"
        }
    }
}
