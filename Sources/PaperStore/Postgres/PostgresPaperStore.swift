import Foundation
import Logging
import PaperCore
import PostgresKit

/// The scale-out store: PostgreSQL through PostgresNIO's connection pool, shared by any number
/// of PaperFeed nodes. Migrated on open. Vectors are stored as `bytea` and searched in memory on
/// each node, or, when the database has pgvector, also in a vector column searched by it.
public final class PostgresPaperStore: PaperDatabase, SQLAccess, NearestVectorSearch {
    let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let location: String
    /// The pgvector version when the database has the extension (vectors searched in it).
    let pgvector: String?

    private init(client: PostgresClient, runTask: Task<Void, Never>, location: String, pgvector: String?) {
        self.client = client
        self.runTask = runTask
        self.location = location
        self.pgvector = pgvector
    }

    public var summary: String {
        let vectors = pgvector.map { "vectors in pgvector \($0), searched in the database" } ?? "vectors as bytea searched in memory"
        return "PostgreSQL \(location) (tsvector full-text search, \(vectors))"
    }

    public var searchesVectors: Bool { pgvector != nil }

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
        let runTask = Task { await client.run() }
        let pgvector: String?
        do {
            pgvector = try await client.withConnection { connection in
                // One node migrates at a time; the others wait here, then find nothing to do.
                // Session locks belong to the connection, so lock and unlock on this one.
                _ = try await connection.query("SELECT pg_advisory_lock(727001)", logger: logger)
                do {
                    try await Migrator(db: connection.sql(), dialect: PostgresSchemaDialect()) { body in
                        try await client.withConnection { try await $0.sql().inTransaction(body) }
                    }.migrate()
                    let version = try await PostgresVectors.version(on: connection.sql())
                    if version != nil { try await PostgresVectors.prepare(on: connection.sql(), logger: logger) }
                    _ = try await connection.query("SELECT pg_advisory_unlock(727001)", logger: logger)
                    return version
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(727001)", logger: logger)
                    throw error
                }
            }
        } catch {
            runTask.cancel()
            await runTask.value
            throw StoreError.cannotOpen(path: PostgresURL.redacted(url), reason: PostgresURL.describe(error))
        }
        return PostgresPaperStore(client: client, runTask: runTask, location: PostgresURL.redacted(url), pgvector: pgvector)
    }

    public func close() async throws {
        await shutdown()
    }

    private func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    public var claimLockClause: SQLQueryString { " FOR UPDATE SKIP LOCKED" }

    public func continueIdentities(after tables: [String]) async throws {
        try await transaction { db in
            for table in tables {
                try await db.raw("""
                    SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), max(id)) FROM \(ident: table) HAVING max(id) IS NOT NULL
                    """).run()
            }
        }
    }

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
        try await read { try await PaperQueries.papers(after: id, limit: limit, includeHidden: false, on: $0) }
    }
    public func storedPapers(after id: PaperID?, limit: Int) async throws -> [Paper] {
        try await read { try await PaperQueries.papers(after: id, limit: limit, includeHidden: true, on: $0) }
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
        let pgvector = self.pgvector != nil
        try await transaction { db in
            try await VectorQueries.store(vectors, model: model, on: db)
            if pgvector { try await PostgresVectors.store(vectors, model: model, on: db) }
        }
    }

    public func nearestVectors(to vector: [Float], model: String, limit: Int) async throws -> [(id: PaperID, score: Float)] {
        try await read { try await PostgresVectors.nearest(to: vector, model: model, limit: limit, on: $0) }
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

    public func runningJobs(kind: String) async throws -> [Job] {
        try await read { try await JobQueries.running(kind: kind, on: $0) }
    }

    public func renew(_ job: Job, lease: Duration, now: Date) async throws -> Bool {
        try await read { try await JobQueries.renew(job, lease: lease, now: now, on: $0) }
    }

    @discardableResult
    public func complete(_ job: Job, now: Date) async throws -> Bool {
        try await read { try await JobQueries.complete(job, now: now, on: $0) }
    }

    @discardableResult
    public func release(_ job: Job, retryAt: Date, error: String) async throws -> Bool {
        try await read { try await JobQueries.release(job, retryAt: retryAt, error: error, on: $0) }
    }
}
