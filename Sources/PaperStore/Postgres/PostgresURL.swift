import Foundation
import PostgresKit

/// `postgres://` URLs, and PostgreSQL's failures in words an operator can act on.
enum PostgresURL {
    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
              let host = components.host, let user = components.user else {
            throw StoreError.cannotOpen(path: redacted(url), reason: "use postgres://user:password@host:port/database")
        }
        let database = components.path.drop { $0 == "/" }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : String(database), tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
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
