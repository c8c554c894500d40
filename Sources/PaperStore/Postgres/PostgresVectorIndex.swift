import Logging
import PostgresKit
import Synchronization

/// What the installed pgvector can do, read from its version once at start-up.
struct Pgvector: Sendable {
    let version: String
    /// HNSW came with pgvector 0.5.0.
    let hasHNSW: Bool
    /// Scans that go on past `ef_search` until enough rows pass the filter came with 0.8.0.
    let hasIterativeScans: Bool

    init(version: String) {
        self.version = version
        let numbers = version.split(separator: ".").map { Int($0) ?? 0 }
        hasHNSW = !numbers.lexicographicallyPrecedes([0, 5])
        hasIterativeScans = !numbers.lexicographicallyPrecedes([0, 8])
    }
}

/// Builds pgvector's HNSW index for each vector size the database holds, so nearest vectors
/// are found without reading them all: one index per size, on `embedding::vector(N)` for the
/// rows of that size (the column has no fixed size; each model has its own).
///
/// The build is `CREATE INDEX CONCURRENTLY`, on a connection of its own, in the background:
/// writes go on meanwhile, searches scan exactly until it is ready (minutes at a million
/// vectors), and start-up does not wait for it. One build per size at a time across all
/// nodes (an advisory lock; a node that finds it held waits, then finds the index built). A
/// build cut short (its node stopped) leaves an invalid index, which the next build drops first.
final class PostgresVectorIndex: Sendable {
    private let parts: PostgresURL.Parts
    private let logger: Logger
    /// The build started by this process for each size.
    private let builds = Mutex<[Int: Task<Void, Never>]>([:])

    init(parts: PostgresURL.Parts, logger: Logger) {
        self.parts = parts
        self.logger = logger
    }

    static func name(dimensions: Int) -> String { "paper_vectors_hnsw_\(dimensions)" }

    /// Starts building the index for vectors of `dimensions` unless this process has already.
    func ensure(dimensions: Int) {
        guard dimensions > 0 else { return }
        builds.withLock { builds in
            guard builds[dimensions] == nil else { return }
            builds[dimensions] = Task { await self.build(dimensions) }
        }
    }

    /// Starts the builds for the sizes of vectors already stored (one row's size: a database
    /// of one model, as PaperFeed's are, has one).
    func ensureForStoredVectors(on db: any SQLDatabase) async throws {
        let row = try await db.raw("""
            SELECT vector_dims(embedding) AS size FROM paper_vectors WHERE embedding IS NOT NULL LIMIT 1
            """).first()
        if let size = try row?.decode(column: "size", as: Int.self) { ensure(dimensions: size) }
    }

    /// Returns when every build this process started has ended (for tests and short commands).
    func untilBuilt() async {
        for build in builds.withLock({ Array($0.values) }) { await build.value }
    }

    /// Stops waiting for builds; one already sent goes on in the database and is kept.
    func cancel() {
        builds.withLock { $0.values.forEach { $0.cancel() } }
    }

    private func build(_ dimensions: Int) async {
        let name = Self.name(dimensions: dimensions)
        let logger = self.logger
        do {
            try await PostgresURL.withConnection(parts, logger: logger) { connection in
                let db = connection.sql()
                let lock = 727_100 + dimensions
                try await Self.waitForLock(lock, on: db)
                try await Self.buildUnlessValid(name, dimensions: dimensions, on: db, logger: logger)
                // Released before the connection closes: a backend's locks outlive the client's
                // close by a moment, and the next node would otherwise find the lock still held.
                try await db.raw("SELECT pg_advisory_unlock(\(bind: lock))").run()
            }
        } catch is CancellationError {
            return
        } catch {
            logger.warning("pgvector: building \(name) failed, searches scan every vector: \(PostgresURL.describe(error))")
        }
    }

    /// Takes the build's advisory lock, polling while another node (or a connection still closing)
    /// holds it. Polled rather than waited for in one statement: a statement waiting on a lock
    /// holds a snapshot, which the holder's `CREATE INDEX CONCURRENTLY` would wait for in turn.
    private static func waitForLock(_ lock: Int, on db: any SQLDatabase) async throws {
        var pause = Duration.milliseconds(200)
        while try await db.raw("SELECT pg_try_advisory_lock(\(bind: lock)) AS locked").first()?
            .decode(column: "locked", as: Bool.self) != true {
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(30))
        }
    }

    /// Builds the index unless a valid one exists (another node's, or an earlier start's),
    /// dropping first what a build cut short left.
    private static func buildUnlessValid(_ name: String, dimensions: Int, on db: any SQLDatabase, logger: Logger) async throws {
        switch try await state(of: name, on: db) {
        case true?:
            return
        case false?:
            logger.info("pgvector: dropping \(name), left invalid by a build that did not finish")
            try await db.raw("DROP INDEX CONCURRENTLY IF EXISTS \(ident: name)").run()
        case nil:
            break
        }
        logger.info("pgvector: building the HNSW index \(name) in the background; searches scan every vector until it is ready")
        let start = ContinuousClock.now
        // The graph built in memory rather than on disk: many times faster at scale.
        try await db.raw("SET maintenance_work_mem = '1GB'").run()
        try await db.raw("""
            CREATE INDEX CONCURRENTLY IF NOT EXISTS \(ident: name) ON paper_vectors
            USING hnsw ((embedding::vector(\(unsafeRaw: String(dimensions)))) vector_ip_ops)
            WHERE vector_dims(embedding) = \(unsafeRaw: String(dimensions))
            """).run()
        logger.info("pgvector: \(name) is ready after \(ContinuousClock.now - start)")
    }

    /// Whether the index exists and is valid; `nil` when it does not exist.
    static func state(of name: String, on db: any SQLDatabase) async throws -> Bool? {
        try await db.raw("""
            SELECT i.indisvalid AS valid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
            WHERE c.relname = \(bind: name) AND c.relnamespace = current_schema()::regnamespace
            """).first()?.decode(column: "valid", as: Bool.self)
    }
}
