import Foundation
import Logging
import PaperCore
import SQLiteKit

/// The embedded store: one SQLite file with an FTS5 index, migrated on open.
public final class SQLitePaperStore: PaperDatabase, SQLAccess {
    let connections: SQLiteConnections

    private init(connections: SQLiteConnections) {
        self.connections = connections
    }

    /// Opens the database at `path`, creating the file and applying pending migrations.
    public static func open(path: String, logger: Logger = Logger(label: "paperfeed.sqlite")) async throws -> SQLitePaperStore {
        let connections: SQLiteConnections
        do {
            connections = try await SQLiteConnections.open(path: path, logger: logger)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: describe(error))
        }
        do {
            try await Migrator(db: connections.reader, dialect: SQLiteSchemaDialect()) { body in
                try await connections.transaction(body)
            }.migrate()
        } catch {
            try? await connections.close()
            throw StoreError.cannotOpen(path: path, reason: describe(error))
        }
        return SQLitePaperStore(connections: connections)
    }

    public var summary: String { "SQLite \(connections.path) (FTS5 full-text search, vectors searched in memory)" }

    public func close() async throws {
        try await connections.close()
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(connections.reader)
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await connections.transaction(body)
    }

    public var claimLockClause: SQLQueryString { "" }

    public func continueIdentities(after tables: [String]) async throws {}

    public func upsert(_ papers: [Paper]) async throws -> UpsertCounts {
        let batch = PaperUpsert.Batch(papers)
        return try await connections.transaction { db in
            try await PaperUpsert.run(batch, on: db)
        }
    }

    public func paper(_ id: PaperID) async throws -> Paper? {
        try await PaperQueries.paper(id, on: connections.reader)
    }

    public func papers(ids: [PaperID]) async throws -> [Paper] {
        try await PaperQueries.papers(ids: ids, on: connections.reader)
    }

    public func vectors(ids: [PaperID], model: String) async throws -> [PaperVector] {
        try await VectorQueries.vectors(ids: ids, model: model, on: connections.reader)
    }

    public func papers(after id: PaperID?, limit: Int) async throws -> [Paper] {
        try await PaperQueries.papers(after: id, limit: limit, includeHidden: false, on: connections.reader)
    }

    public func storedPapers(after id: PaperID?, limit: Int) async throws -> [Paper] {
        try await PaperQueries.papers(after: id, limit: limit, includeHidden: true, on: connections.reader)
    }

    public func listing(_ query: ListingQuery) async throws -> ListingPage {
        try await ListingQueries.listing(query, on: connections.reader)
    }

    public func listingDays(ids: [PaperID]) async throws -> [PaperID: [Day]] {
        try await ListingQueries.listingDays(ids: ids, on: connections.reader)
    }

    public func latestListingDay() async throws -> Day? {
        try await ListingQueries.latestDay(on: connections.reader)
    }

    public func nearbyListingDays(_ day: Day) async throws -> NearbyDays {
        try await ListingQueries.nearbyDays(day, on: connections.reader)
    }

    public func storeVectors(_ vectors: [PaperVector], model: String) async throws {
        try await connections.transaction { db in try await VectorQueries.store(vectors, model: model, on: db) }
    }

    public func papersWithoutVectors(model: String, limit: Int) async throws -> [Paper] {
        try await VectorQueries.papersWithoutVectors(model: model, limit: limit, on: connections.reader)
    }

    public func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector] {
        try await VectorQueries.vectors(model: model, after: id, limit: limit, on: connections.reader)
    }

    public func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int) {
        try await VectorQueries.coverage(model: model, on: connections.reader)
    }

    public func enqueue(kind: String, key: String, payload: String, now: Date) async throws {
        try await connections.transaction { try await JobQueries.enqueue(kind: kind, key: key, payload: payload, now: now, on: $0) }
    }

    public func claim(kind: String, node: String, lease: Duration, now: Date) async throws -> Job? {
        // The write lock already makes claims one at a time; no row locking is needed.
        try await connections.transaction {
            try await JobQueries.claim(kind: kind, node: node, lease: lease, now: now, lockClause: "", on: $0)
        }
    }

    public func runningJobs(kind: String) async throws -> [Job] {
        try await JobQueries.running(kind: kind, on: connections.reader)
    }

    public func renew(_ job: Job, lease: Duration, now: Date) async throws -> Bool {
        try await connections.transaction { try await JobQueries.renew(job, lease: lease, now: now, on: $0) }
    }

    @discardableResult
    public func complete(_ job: Job, now: Date) async throws -> Bool {
        try await connections.transaction { try await JobQueries.complete(job, now: now, on: $0) }
    }

    @discardableResult
    public func release(_ job: Job, retryAt: Date, error: String) async throws -> Bool {
        try await connections.transaction { try await JobQueries.release(job, retryAt: retryAt, error: error, on: $0) }
    }

    public func statistics() async throws -> StoreStatistics {
        try await PaperQueries.statistics(on: connections.reader)
    }

    public func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage {
        try await SQLiteKeywordSearch(db: connections.reader).search(query, limit: limit, offset: offset)
    }
}

/// SQLite's reasons in words for the operator.
private func describe(_ error: any Error) -> String {
    guard let error = error as? SQLiteError else { return "\(error)" }
    switch error.reason {
    case .notADatabase: return "the file is not an SQLite database"
    case .cantOpen: return "the file cannot be opened or created (check the folder and its permissions)"
    case .readOnly: return "the file is read-only"
    case .corrupt: return "the database file is corrupt"
    default: return error.message
    }
}

/// Why the store could not do what was asked, in words for the operator.
public enum StoreError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "Cannot open the database \(path): \(reason)"
        }
    }
}
