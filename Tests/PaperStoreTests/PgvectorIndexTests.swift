import Logging
import PaperCore
@testable import PaperStore
import SQLKit
import Testing
import TestSupport

/// pgvector's HNSW index: built in the background for the size of the vectors stored, walked by
/// nearest-vector searches, and rebuilt when a build was cut short.
@Suite struct PgvectorIndexTests {
    @Test(.enabled(if: DatabaseEngine.pgvectorURL != nil, "needs PAPERFEED_TEST_PGVECTOR_URL"))
    func storedVectorsGetAnHNSWIndexThatSearchesWalk() async throws {
        try await withTemporaryStore(.pgvector) { store async throws in
            let sql = try #require(store as? SQLPaperStore)
            let engine = try #require(sql.engine as? PostgresEngine)
            #expect(store.summary.contains("by HNSW"))
            let vectors = StoreNearestVectorTests.vectors(count: 300, dimensions: 16)
            let ids = (0..<vectors.count).map { PaperID(rawValue: String(format: "2502.%05d", $0)) }
            _ = try await store.upsert(ids.map { makePaper($0.rawValue, title: "Paper \($0)") })
            try await store.storeVectors(zip(ids, vectors).map { PaperVector(id: $0, vector: $1) }, model: "test-model")
            await engine.vectorIndex.untilBuilt()
            let name = PostgresVectorIndex.name(dimensions: 16)
            #expect(try await sql.read { try await PostgresVectorIndex.state(of: name, on: $0) } == true)

            // The search's own statement, planned with the scans that suit a table this small
            // priced out: the index must fit it (expression and predicate), or PostgreSQL reads
            // every vector even where the table is large.
            let plan = try await sql.transaction { db in
                for setting in ["enable_seqscan", "enable_bitmapscan", "enable_sort"] {
                    _ = try await db.raw("SELECT set_config(\(bind: setting), 'off', true)").all()
                }
                let query = "[" + vectors[7].map { "\($0)" }.joined(separator: ",") + "]"
                return try await db.raw("""
                    EXPLAIN SELECT paper_id FROM paper_vectors WHERE model = 'test-model' AND vector_dims(embedding) = 16
                    ORDER BY embedding::vector(16) <#> \(bind: query)::vector(16) LIMIT 10
                    """).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            }
            #expect(plan.contains("Index Scan using \(name)"), "\(plan)")

            let search = try #require(store as? any NearestVectorSearch)
            let exact = zip(ids, vectors).map { ($0, zip($1, vectors[7]).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
                .sorted { $0.1 > $1.1 }.map(\.0)
            let found = try await search.nearestVectors(to: vectors[7], model: "test-model", limit: 10).map(\.id)
            #expect(found.first == ids[7])
            #expect(Set(found).intersection(exact.prefix(10)).count >= 9)
        }
    }

    @Test(.enabled(if: DatabaseEngine.pgvectorURL != nil, "needs PAPERFEED_TEST_PGVECTOR_URL"))
    func anIndexLeftInvalidIsBuiltAgain() async throws {
        try await withTemporaryDatabase(.pgvector) { database in
            let name = PostgresVectorIndex.name(dimensions: 8)
            try await PaperDatabases.withStore(database.location) { store in
                let sql = try #require(store as? SQLPaperStore)
                let vectors = StoreNearestVectorTests.vectors(count: 20, dimensions: 8)
                let ids = (0..<vectors.count).map { PaperID(rawValue: String(format: "2503.%05d", $0)) }
                _ = try await store.upsert(ids.map { makePaper($0.rawValue, title: "Paper \($0)") })
                try await store.storeVectors(zip(ids, vectors).map { PaperVector(id: $0, vector: $1) }, model: "test-model")
                try await #require(sql.engine as? PostgresEngine).vectorIndex.untilBuilt()
                // What a build stopped half-way leaves: an index of that name in the catalog, not
                // valid (here a unique index over duplicates, whose concurrent build fails).
                try await sql.read { db in
                    try await db.raw("DROP INDEX \(ident: name)").run()
                    await #expect(throws: (any Error).self) {
                        try await db.raw("CREATE UNIQUE INDEX CONCURRENTLY \(ident: name) ON paper_vectors (model)").run()
                    }
                }
                #expect(try await sql.read { try await PostgresVectorIndex.state(of: name, on: $0) } == false)
            }
            // The next start finds it invalid, drops it and builds it again.
            try await PaperDatabases.withStore(database.location) { store in
                let sql = try #require(store as? SQLPaperStore)
                try await #require(sql.engine as? PostgresEngine).vectorIndex.untilBuilt()
                #expect(try await sql.read { try await PostgresVectorIndex.state(of: name, on: $0) } == true)
                let method = try await sql.read { db in
                    try await db.raw("""
                        SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = \(bind: name)
                        """).first()?.decode(column: "amname", as: String.self)
                }
                #expect(method == "hnsw")
            }
        }
    }

    @Test(.enabled(if: DatabaseEngine.pgvectorURL != nil, "needs PAPERFEED_TEST_PGVECTOR_URL"))
    func aBuildWaitsForTheLockHeldElsewhereThenBuilds() async throws {
        try await withTemporaryDatabase(.pgvector) { database in
            let vectors = StoreNearestVectorTests.vectors(count: 20, dimensions: 4)
            let ids = (0..<vectors.count).map { PaperID(rawValue: String(format: "2504.%05d", $0)) }
            // Another node (or a connection of this one still closing) holds the build's lock.
            try await PostgresURL.withConnection(PostgresURL.parts(database.location), logger: Logger(label: "test")) { other in
                try await other.sql().raw("SELECT pg_advisory_lock(727104)").run()
                try await PaperDatabases.withStore(database.location) { store in
                    let sql = try #require(store as? SQLPaperStore)
                    _ = try await store.upsert(ids.map { makePaper($0.rawValue, title: "Paper \($0)") })
                    try await store.storeVectors(zip(ids, vectors).map { PaperVector(id: $0, vector: $1) }, model: "test-model")
                    // No build can start while the lock is held elsewhere.
                    let name = PostgresVectorIndex.name(dimensions: 4)
                    try await Task.sleep(for: .milliseconds(300))
                    #expect(try await sql.read { try await PostgresVectorIndex.state(of: name, on: $0) } == nil)
                    try await other.sql().raw("SELECT pg_advisory_unlock(727104)").run()
                    try await #require(sql.engine as? PostgresEngine).vectorIndex.untilBuilt()
                    #expect(try await sql.read { try await PostgresVectorIndex.state(of: name, on: $0) } == true)
                }
            }
        }
    }
}
