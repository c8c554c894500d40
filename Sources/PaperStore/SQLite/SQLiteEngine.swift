import Foundation
import Logging
import PaperCore
import SQLiteKit

/// The embedded engine: one SQLite file with an FTS5 index; vectors are searched in memory.
struct SQLiteEngine: SQLEngine {
    let connections: SQLiteConnections

    /// Opens (creating) the file at `path`; migrations run when the store opens.
    static func open(path: String, logger: Logger = Logger(label: "paperfeed.sqlite")) async throws -> SQLiteEngine {
        do {
            return SQLiteEngine(connections: try await SQLiteConnections.open(path: path, logger: logger))
        } catch {
            throw StoreError.cannotOpen(path: path, reason: describeSQLite(error))
        }
    }

    var summary: String { "SQLite \(connections.path) (FTS5 full-text search, vectors searched in memory)" }
    var location: String { connections.path }
    var name: String { "sqlite" }

    func migrate() async throws -> [SchemaStep] {
        try await migrator.migrate()
    }

    func schemaStatus() async throws -> SchemaStatus {
        try await migrator.status()
    }

    private var migrator: Migrator {
        let connections = self.connections
        return Migrator(db: connections.reader, dialect: SQLiteSchemaDialect()) { body in
            try await connections.transaction(body)
        }
    }

    func describe(_ error: any Error) -> String { describeSQLite(error) }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(connections.reader)
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await connections.transaction(body)
    }

    /// The write lock already makes claims one at a time; no row locking is needed.
    var claimLockClause: SQLQueryString { "" }

    /// Rowids continue above the largest id by themselves.
    func continueIdentities(after tables: [String], on db: any SQLDatabase) async throws {}

    func keywordSearch(_ query: SearchQuery, limit: Int, offset: Int, on db: any SQLDatabase) async throws -> SearchPage {
        try await SQLiteKeywordSearch(db: db).search(query, limit: limit, offset: offset)
    }

    func columns(of table: String, on db: any SQLDatabase) async throws -> [TableColumn] {
        try await db.raw("SELECT name, type, \"notnull\" AS required FROM pragma_table_info(\(bind: table)) ORDER BY cid").all().map {
            TableColumn(name: try $0.decode(column: "name", as: String.self),
                        isInteger: try $0.decode(column: "type", as: String.self).uppercased().contains("INT"),
                        isNullable: try $0.decode(column: "required", as: Int.self) == 0)
        }
    }

    var searchesVectors: Bool { false }

    func didStore(_ vectors: [PaperVector], model: String, on db: any SQLDatabase) async throws {}

    func nearestVectors(to vector: [Float], model: String, limit: Int, on db: any SQLDatabase) async throws
        -> [(id: PaperID, score: Float)] { [] }

    func run() async {}

    func close() async throws {
        try await connections.close()
    }
}

/// SQLite's reasons in words for the operator.
private func describeSQLite(_ error: any Error) -> String {
    guard let error = error as? SQLiteError else { return "\(error)" }
    switch error.reason {
    case .notADatabase: return "the file is not an SQLite database"
    case .cantOpen: return "the file cannot be opened or created (check the folder and its permissions)"
    case .readOnly: return "the file is read-only"
    case .corrupt: return "the database file is corrupt"
    default: return error.message
    }
}
