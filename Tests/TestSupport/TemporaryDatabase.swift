import Foundation
import PaperStore

/// The database engines the tests run against: SQLite always, PostgreSQL when
/// `PAPERFEED_TEST_POSTGRES_URL` names a server, and PostgreSQL with pgvector when
/// `PAPERFEED_TEST_PGVECTOR_URL` does (scripts/test.sh starts both and sets them).
public enum DatabaseEngine: String, CaseIterable, Sendable {
    case sqlite, postgres, pgvector

    public static let postgresURL = setting("PAPERFEED_TEST_POSTGRES_URL")
    public static let pgvectorURL = setting("PAPERFEED_TEST_PGVECTOR_URL")
    /// SQLite and each server that is set.
    public static var available: [DatabaseEngine] { allCases.filter { $0 == .sqlite || $0.serverURL != nil } }

    /// The URL of the server's own database, which the test databases are made beside.
    public var serverURL: String? {
        switch self {
        case .sqlite: nil
        case .postgres: Self.postgresURL
        case .pgvector: Self.pgvectorURL
        }
    }

    private static func setting(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A fresh folder under the system's temporary directory, named `<prefix>-<UUID>`.
public func makeTemporaryFolder(_ prefix: String = "paperfeed-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// An empty database of its own for a test: an SQLite file in a new temporary folder, or a
/// PostgreSQL database created on the test server. `location` is what `PaperDatabases.open`
/// and `paperfeed --db` take.
public struct TemporaryDatabase: Sendable {
    public let engine: DatabaseEngine
    /// The SQLite file's path, or the database's `postgres://` URL.
    public let location: String
    private let folder: URL?
    private let server: (url: String, database: String)?

    /// A path for an SQLite file in a folder of its own; opening the file creates both.
    public static func sqlite() -> TemporaryDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperfeed-test-\(UUID().uuidString)")
        return TemporaryDatabase(engine: .sqlite, location: folder.appendingPathComponent("papers.sqlite").path,
                                 folder: folder, server: nil)
    }

    /// A new database of `engine`; for PostgreSQL, created now on the engine's server.
    public static func create(_ engine: DatabaseEngine = .sqlite) async throws -> TemporaryDatabase {
        guard engine != .sqlite else { return sqlite() }
        guard let base = engine.serverURL else { throw NoServer(engine: engine) }
        let name = "paperfeed_test_\(UUID().uuidString.prefix(8).lowercased())"
        try await PostgresAdmin.run("CREATE DATABASE \(name)", on: base)
        return TemporaryDatabase(engine: engine, location: PostgresAdmin.url(base, database: name),
                                 folder: nil, server: (base, name))
    }

    /// Removes the SQLite file's folder (a PostgreSQL database needs `remove()`).
    public func removeFolder() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Removes the database: its SQLite folder, or the PostgreSQL database, even while connected.
    public func remove() async {
        removeFolder()
        if let server {
            try? await PostgresAdmin.run("DROP DATABASE IF EXISTS \(server.database) WITH (FORCE)", on: server.url)
        }
    }

    struct NoServer: Error, CustomStringConvertible {
        let engine: DatabaseEngine
        var description: String { "no \(engine) server: set PAPERFEED_TEST_\(engine.rawValue.uppercased())_URL (scripts/test.sh does)" }
    }
}

/// Runs `body` with a fresh database of `engine` (not opened), removed afterwards.
public func withTemporaryDatabase<T>(
    _ engine: DatabaseEngine = .sqlite, _ body: (TemporaryDatabase) async throws -> T
) async throws -> T {
    let database = try await TemporaryDatabase.create(engine)
    do {
        let result = try await body(database)
        await database.remove()
        return result
    } catch {
        await database.remove()
        throw error
    }
}

/// Runs `body` with a fresh, empty, migrated store of `engine`, closed and removed afterwards
/// (closed also when `body` throws: SQLite asserts it on deinit).
public func withTemporaryStore<T>(
    _ engine: DatabaseEngine = .sqlite, _ body: (any PaperDatabase) async throws -> T
) async throws -> T {
    try await withTemporaryDatabase(engine) { database in
        try await PaperDatabases.withStore(database.location, body)
    }
}
