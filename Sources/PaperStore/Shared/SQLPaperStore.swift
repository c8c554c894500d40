import Foundation
import PaperCore
import SQLKit

/// A complete store: papers, vectors, jobs, the community and digest subscribers, harvest state.
public protocol PaperDatabase: PaperRepository, VectorRepository, JobQueue, CommunityDatabase, HarvestStateStore,
    NearestVectorSearch, GeneratedSummaryRepository {
    /// Which engine and where, for start-up messages (never with a password).
    var summary: String { get }
    /// The engine's name for monitors: `sqlite` or `postgresql`.
    var engineName: String { get }
    /// Up to `limit` papers in id order after `id`, hidden ones too (`papers(after:limit:)`
    /// leaves them out): for moving a whole instance, moderation included.
    func storedPapers(after id: PaperID?, limit: Int) async throws -> [Paper]
    /// The schema steps this opening applied (empty when it was up to date), for a log line.
    var migratedNow: [SchemaStep] { get }
    /// Closes the connections; the store is unusable afterwards.
    func close() async throws
}

extension PaperDatabase {
    /// Whether the store holds no paper, hidden ones included: one row read, never a count.
    public func isEmpty() async throws -> Bool { try await storedPapers(after: nil, limit: 1).isEmpty }
}

/// The one store: every port written once over SQLKit, in the `SQLPaperStore+*.swift` files,
/// for SQLite and PostgreSQL alike. What differs between them is its `engine`'s.
final class SQLPaperStore: PaperDatabase {
    let engine: any SQLEngine
    let migratedNow: [SchemaStep]

    init(engine: any SQLEngine, migratedNow: [SchemaStep]) {
        self.engine = engine
        self.migratedNow = migratedNow
    }

    var summary: String { engine.summary }
    var engineName: String { engine.name }

    func close() async throws { try await engine.close() }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.read(body)
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.transaction(body)
    }
}

/// Opens the store a location names: a `postgres://` URL, else the path of an SQLite file.
public enum PaperDatabases {
    /// Opens and migrates the store at `location`, runs `body` with it and closes it, also
    /// when `body` throws. What the engine runs in the background (PostgreSQL's connection
    /// pool) is a child task of this call, cancelled after `body` and the close.
    public static func withStore<T>(_ location: String, isolation: isolated (any Actor)? = #isolation,
                                    _ body: (any PaperDatabase) async throws -> T) async throws -> T {
        let engine = try await engine(at: location)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            do {
                let store = SQLPaperStore(engine: engine, migratedNow: try await migrate(engine))
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                try? await engine.close()
                throw error
            }
        }
    }

    /// Where the schema of the database at `location` stands against this binary, changing
    /// nothing (`paperfeed migrate --dry-run`).
    public static func schemaStatus(_ location: String) async throws -> SchemaStatus {
        let engine = try await engine(at: location)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            do {
                let status = try await engine.schemaStatus()
                try await engine.close()
                return status
            } catch {
                try? await engine.close()
                throw StoreError.cannotOpen(path: engine.location, reason: engine.describe(error))
            }
        }
    }

    /// Opens and migrates an SQLite store that stays open until `close()`: for callers that keep
    /// one across scopes (a test fixture shared by many tests). SQLite runs nothing in the
    /// background, so the store needs no enclosing task; PostgreSQL stores are opened with `withStore`.
    public static func openSQLite(path: String) async throws -> any PaperDatabase {
        let engine = try await SQLiteEngine.open(path: path)
        do {
            return SQLPaperStore(engine: engine, migratedNow: try await migrate(engine))
        } catch {
            try? await engine.close()
            throw error
        }
    }

    private static func engine(at location: String) async throws -> any SQLEngine {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresEngine(url: location)
        }
        if location.contains("://") {
            throw StoreError.cannotOpen(path: location, reason: "only postgres:// URLs and SQLite file paths are supported")
        }
        return try await SQLiteEngine.open(path: location)
    }

    private static func migrate(_ engine: any SQLEngine) async throws -> [SchemaStep] {
        do {
            return try await engine.migrate()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: engine.location, reason: engine.describe(error))
        }
    }
}

/// Why the store could not do what was asked, in words for the operator.
public enum StoreError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case unsupported(String)
    /// The database has schema steps up to `database`; this binary knows up to `binary`.
    case newerSchema(database: Int, binary: Int)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "Cannot open the database \(path): \(reason)"
        case let .unsupported(reason): "Not supported: \(reason)"
        case let .newerSchema(database, binary):
            "The database was written by a newer PaperFeed (schema step \(database); this binary knows steps up to \(binary)). "
                + "Run the newer paperfeed, or restore a backup made before the upgrade; nothing was changed."
        }
    }
}
