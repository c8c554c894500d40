import Foundation
import Logging
import PaperCore
import PostgresKit
import Synchronization

/// The scale-out engine: PostgreSQL through PostgresNIO's connection pool, shared by any number
/// of PaperFeed nodes. Vectors are stored as `bytea` and searched in memory on each node, or,
/// when the database has pgvector, also in a vector column searched by it.
final class PostgresEngine: SQLEngine {
    let client: PostgresClient
    let location: String
    private let parts: PostgresURL.Parts
    private let logger: Logger
    /// pgvector when the database has the extension; known after `migrate()`.
    private let pgvector = Mutex<Pgvector?>(nil)
    /// Document frequencies of search words, for ranking.
    private let termStatistics = PostgresTermStatistics()
    /// pgvector's HNSW indexes, built in the background.
    let vectorIndex: PostgresVectorIndex

    /// The engine for the database at `url` (`postgres://user:password@host:port/database`);
    /// its pool serves once `run()` runs.
    init(url: String, logger: Logger = Logger(label: "paperfeed.postgres")) throws {
        parts = try PostgresURL.parts(url)
        location = PostgresURL.redacted(url)
        self.logger = logger
        // The pool logs every reconnection attempt at info level; only warnings matter here.
        var poolLogger = logger
        poolLogger.logLevel = .warning
        client = PostgresClient(configuration: PostgresURL.clientConfiguration(parts), backgroundLogger: poolLogger)
        vectorIndex = PostgresVectorIndex(parts: parts, logger: logger)
    }

    var summary: String {
        let vectors = pgvector.withLock { $0 }.map { pgvector in
            "vectors in pgvector \(pgvector.version), searched in the database "
                + (pgvector.hasHNSW ? "by HNSW" : "by an exact scan (HNSW needs pgvector 0.5)")
        } ?? "vectors as bytea searched in memory"
        return "PostgreSQL \(location) (tsvector full-text search, \(vectors))"
    }

    var name: String { "postgresql" }

    func run() async { await client.run() }

    /// Migrates on a connection of its own, before the pool serves anything. One node migrates
    /// at a time; the others wait for the advisory lock, then find nothing to do.
    func migrate() async throws -> [SchemaStep] {
        let logger = self.logger
        let (applied, installed) = try await PostgresURL.withConnection(parts, logger: logger) { connection in
            let db = connection.sql()
            _ = try await connection.query("SELECT pg_advisory_lock(727001)", logger: logger)
            do {
                let applied = try await Self.migrator(db).migrate()
                let installed = try await PostgresVectors.version(on: db).map(Pgvector.init)
                if installed != nil { try await PostgresVectors.prepare(on: db, logger: logger) }
                _ = try await connection.query("SELECT pg_advisory_unlock(727001)", logger: logger)
                if installed?.hasHNSW == true { try await vectorIndex.ensureForStoredVectors(on: db) }
                return (applied, installed)
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(727001)", logger: logger)
                throw error
            }
        }
        pgvector.withLock { $0 = installed }
        return applied
    }

    /// On a connection of its own, like `migrate()`: the pool may not be running yet.
    func schemaStatus() async throws -> SchemaStatus {
        try await PostgresURL.withConnection(parts, logger: logger) { try await Self.migrator($0.sql()).status() }
    }

    private static func migrator(_ db: any SQLDatabase) -> Migrator {
        Migrator(db: db, dialect: PostgresSchemaDialect()) { body in try await db.inTransaction(body) }
    }

    func describe(_ error: any Error) -> String { PostgresURL.describe(error) }

    /// Runs `body` on a pooled connection.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { try await body($0.sql()) }
    }

    /// Runs `body` in one transaction on one pooled connection.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { try await $0.sql().inTransaction(body) }
    }

    /// Concurrent claimers on other nodes pass over a row being claimed here.
    var claimLockClause: SQLQueryString { " FOR UPDATE SKIP LOCKED" }

    func continueIdentities(after tables: [String], on db: any SQLDatabase) async throws {
        for table in tables {
            try await db.raw("""
                SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), max(id)) FROM \(ident: table) HAVING max(id) IS NOT NULL
                """).run()
        }
    }

    func keywordSearch(_ query: SearchQuery, limit: Int, offset: Int, on db: any SQLDatabase) async throws -> SearchPage {
        try await PostgresKeywordSearch(db: db, statistics: termStatistics).search(query, limit: limit, offset: offset)
    }

    func columns(of table: String, on db: any SQLDatabase) async throws -> [TableColumn] {
        try await db.raw("""
            SELECT column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(bind: table) AND column_name <> 'embedding'
            ORDER BY ordinal_position
            """).all().map {
            TableColumn(name: try $0.decode(column: "column_name", as: String.self),
                        isInteger: try $0.decode(column: "data_type", as: String.self).contains("int"),
                        isNullable: try $0.decode(column: "is_nullable", as: String.self) == "YES")
        }
    }

    var searchesVectors: Bool { pgvector.withLock { $0 } != nil }

    func didStore(_ vectors: [PaperVector], model: String, on db: any SQLDatabase) async throws {
        guard let pgvector = pgvector.withLock({ $0 }) else { return }
        try await PostgresVectors.store(vectors, model: model, on: db)
        if pgvector.hasHNSW, let first = vectors.first { vectorIndex.ensure(dimensions: first.vector.count) }
    }

    func nearestVectors(to vector: [Float], model: String, limit: Int, on db: any SQLDatabase) async throws
        -> [(id: PaperID, score: Float)] {
        let iterative = pgvector.withLock { $0 }?.hasIterativeScans ?? false
        return try await PostgresVectors.nearest(to: vector, model: model, limit: limit, iterativeScan: iterative, on: db)
    }

    /// The pool closes when `run()` is cancelled, which the store's owner does after closing.
    /// An index build already sent to the database goes on there.
    func close() async throws { vectorIndex.cancel() }
}
