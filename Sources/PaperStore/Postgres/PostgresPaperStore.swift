import Foundation
import Logging
import PaperCore
import PostgresKit

/// The scale-out store: PostgreSQL through PostgresNIO's connection pool, shared by any number
/// of PaperFeed nodes. Migrated on open; vectors are stored as `bytea` and searched in the app.
public final class PostgresPaperStore: PaperDatabase, SQLAccess {
    let client: PostgresClient
    private let runTask: Task<Void, Never>

    public let summary: String

    private init(client: PostgresClient, runTask: Task<Void, Never>, summary: String) {
        self.client = client
        self.runTask = runTask
        self.summary = summary
    }

    /// Connects to `url` (`postgres://user:password@host:port/database`), checks that the
    /// database answers, and applies pending migrations.
    public static func open(url: String, logger: Logger = Logger(label: "paperfeed.postgres")) async throws -> PostgresPaperStore {
        let parts = try PostgresURL.parts(url)
        do {
            try await PostgresURL.check(parts, logger: logger)
        } catch {
            throw StoreError.cannotOpen(path: PostgresURL.redacted(url), reason: PostgresURL.describe(error))
        }
        // The pool logs every reconnection attempt at info level; only warnings matter here.
        var poolLogger = logger
        poolLogger.logLevel = .warning
        let client = PostgresClient(configuration: PostgresURL.clientConfiguration(parts), backgroundLogger: poolLogger)
        // pgvector is not used: its HNSW build needs AVX-512, and Debian's PostgreSQL lacks it;
        // vectors live in bytea and are searched in memory on every node.
        let store = PostgresPaperStore(client: client, runTask: Task { await client.run() },
                                       summary: "PostgreSQL \(PostgresURL.redacted(url)) (tsvector full-text search, vectors as bytea searched in memory)")
        do {
            try await store.client.withConnection { connection in
                // One node migrates at a time; the others wait here, then find nothing to do.
                // Session locks belong to the connection, so lock and unlock on this one.
                _ = try await connection.query("SELECT pg_advisory_lock(727001)", logger: logger)
                do {
                    try await Migrator(db: connection.sql(), dialect: PostgresSchemaDialect()) { body in
                        try await store.transaction(body)
                    }.migrate()
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(727001)", logger: logger)
                    throw error
                }
                _ = try await connection.query("SELECT pg_advisory_unlock(727001)", logger: logger)
            }
        } catch {
            await store.shutdown()
            throw StoreError.cannotOpen(path: PostgresURL.redacted(url), reason: PostgresURL.describe(error))
        }
        return store
    }

    public func close() async throws {
        await shutdown()
    }

    private func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    public var claimLockClause: SQLQueryString { " FOR UPDATE SKIP LOCKED" }

    /// Runs `body` in one transaction on one pooled connection.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.sql().inTransaction(body)
        }
    }

    /// Runs `body` on a pooled connection.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { try await body($0.sql()) }
    }

    public func upsert(_ papers: [Paper]) async throws -> UpsertCounts {
        let batch = PaperUpsert.Batch(papers)
        return try await transaction { try await PaperUpsert.run(batch, on: $0) }
    }

    public func paper(_ id: PaperID) async throws -> Paper? { try await read { try await PaperQueries.paper(id, on: $0) } }
    public func papers(ids: [PaperID]) async throws -> [Paper] { try await read { try await PaperQueries.papers(ids: ids, on: $0) } }
    public func papers(after id: PaperID?, limit: Int) async throws -> [Paper] {
        try await read { try await PaperQueries.papers(after: id, limit: limit, on: $0) }
    }
    public func listing(_ query: ListingQuery) async throws -> ListingPage {
        try await read { try await ListingQueries.listing(query, on: $0) }
    }
    public func listingDays(ids: [PaperID]) async throws -> [PaperID: [Day]] {
        try await read { try await ListingQueries.listingDays(ids: ids, on: $0) }
    }

    public func latestListingDay() async throws -> Day? { try await read { try await ListingQueries.latestDay(on: $0) } }
    public func nearbyListingDays(_ day: Day) async throws -> NearbyDays {
        try await read { try await ListingQueries.nearbyDays(day, on: $0) }
    }
    public func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage {
        try await read { try await PostgresKeywordSearch(db: $0).search(query, limit: limit, offset: offset) }
    }
    public func statistics() async throws -> StoreStatistics { try await read { try await PaperQueries.statistics(on: $0) } }

    public func storeVectors(_ vectors: [PaperVector], model: String) async throws {
        try await transaction { try await VectorQueries.store(vectors, model: model, on: $0) }
    }
    public func papersWithoutVectors(model: String, limit: Int) async throws -> [Paper] {
        try await read { try await VectorQueries.papersWithoutVectors(model: model, limit: limit, on: $0) }
    }
    public func vectors(ids: [PaperID], model: String) async throws -> [PaperVector] {
        try await read { try await VectorQueries.vectors(ids: ids, model: model, on: $0) }
    }
    public func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector] {
        try await read { try await VectorQueries.vectors(model: model, after: id, limit: limit, on: $0) }
    }
    public func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int) {
        try await read { try await VectorQueries.coverage(model: model, on: $0) }
    }

    public func enqueue(kind: String, key: String, payload: String, now: Date) async throws {
        try await transaction { try await JobQueries.enqueue(kind: kind, key: key, payload: payload, now: now, on: $0) }
    }

    public func claim(kind: String, node: String, lease: Duration, now: Date) async throws -> Job? {
        // SKIP LOCKED: concurrent claimers on other nodes pass over a row being claimed here.
        try await transaction {
            try await JobQueries.claim(kind: kind, node: node, lease: lease, now: now,
                                       lockClause: " FOR UPDATE SKIP LOCKED", on: $0)
        }
    }

    public func complete(_ job: Job) async throws {
        try await read { try await JobQueries.complete(job, on: $0) }
    }

    public func release(_ job: Job, retryAt: Date, error: String) async throws {
        try await read { try await JobQueries.release(job, retryAt: retryAt, error: error, on: $0) }
    }
}
