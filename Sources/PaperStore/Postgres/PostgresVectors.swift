import Foundation
import Logging
import PaperCore
import SQLKit

/// pgvector, when the database has the `vector` extension: every stored vector is also kept in
/// an `embedding vector` column, searched in the database. The column has no fixed size (each
/// model its own), so the HNSW index is on an expression, one per vector size
/// (`embedding::vector(384)`, for the rows of that size): `PostgresVectorIndex` builds it.
/// Until it is built, and with a pgvector older than 0.5 (no HNSW), the same query is answered
/// by an exact scan. Without the extension nothing here runs and vectors are searched in
/// memory on each node.
enum PostgresVectors {
    /// The installed pgvector version, or `nil`.
    static func version(on db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT extversion FROM pg_extension WHERE extname = 'vector'").first()?
            .decode(column: "extversion", as: String.self)
    }

    /// Adds the column if needed and fills it for vectors stored before it existed (or before
    /// the extension was installed). Runs under the migration lock.
    static func prepare(on db: any SQLDatabase, logger: Logger) async throws {
        try await db.raw("ALTER TABLE paper_vectors ADD COLUMN IF NOT EXISTS embedding vector").run()
        var filled = 0
        while true {
            let rows = try await db.raw("""
                SELECT paper_id, model, vector FROM paper_vectors WHERE embedding IS NULL LIMIT 2000
                """).all()
            guard !rows.isEmpty else { break }
            let items = try rows.map {
                (model: try $0.decode(column: "model", as: String.self),
                 vector: PaperVector(id: PaperID(rawValue: try $0.decode(column: "paper_id", as: String.self)),
                                     vector: VectorBytes.decode(try $0.decode(column: "vector", as: Data.self))))
            }
            for (model, group) in Dictionary(grouping: items, by: \.model) {
                try await store(group.map(\.vector), model: model, on: db)
            }
            filled += items.count
        }
        if filled > 0 { logger.info("pgvector: filled the embedding column for \(filled) stored vectors") }
    }

    /// Writes the pgvector copy of stored vectors, a few hundred per statement.
    static func store(_ vectors: [PaperVector], model: String, on db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: vectors.count, by: 200) {
            let rows = SQLList(vectors[start..<min(start + 200, vectors.count)].map {
                SQLGroupExpression([SQLBind($0.id.rawValue), SQLBind(literal($0.vector))])
            })
            try await db.raw("""
                UPDATE paper_vectors AS p SET embedding = v.e::vector FROM (VALUES \(rows)) AS v(id, e)
                WHERE p.paper_id = v.id AND p.model = \(bind: model)
                """).run()
        }
    }

    /// The `limit` nearest vectors of `model` by inner product, best first. Written in the form
    /// of the HNSW index for the query's size (`PostgresVectorIndex`), so PostgreSQL walks the
    /// index when there is one. The walk keeps `ef_search` candidates (at least twice the
    /// limit, from 100 up to pgvector's 1,000); from pgvector 0.8 on it goes on past them until
    /// `limit` rows of `model` are found (`iterative_scan`), in exact order of the index's
    /// distances. Dimensions are written as literals: the planner must see them to match the
    /// index's predicate.
    static func nearest(to vector: [Float], model: String, limit: Int, iterativeScan: Bool,
                        on db: any SQLDatabase) async throws -> [(id: PaperID, score: Float)] {
        let size = String(vector.count)
        let query = literal(vector)
        let candidates = min(1_000, max(100, 2 * limit))
        // One round trip for both settings (an older pgvector has no `iterative_scan`).
        let iterative: SQLQueryString = iterativeScan ? ", set_config('hnsw.iterative_scan', 'strict_order', true)" : ""
        _ = try await db.raw("SELECT set_config('hnsw.ef_search', \(bind: String(candidates)), true)\(iterative)").all()
        // `<#>` is the negated inner product: smallest first is most similar.
        let rows = try await db.raw("""
            SELECT paper_id, -(embedding::vector(\(unsafeRaw: size)) <#> \(bind: query)::vector(\(unsafeRaw: size))) AS score FROM paper_vectors
            WHERE model = \(bind: model) AND vector_dims(embedding) = \(unsafeRaw: size)
            ORDER BY embedding::vector(\(unsafeRaw: size)) <#> \(bind: query)::vector(\(unsafeRaw: size)) LIMIT \(bind: limit)
            """).all()
        return try rows.map {
            (id: PaperID(rawValue: try $0.decode(column: "paper_id", as: String.self)),
             score: Float(try $0.decode(column: "score", as: Double.self)))
        }
    }

    /// pgvector's text form, `[0.1,0.2,…]`.
    static func literal(_ vector: [Float]) -> String {
        "[" + vector.map { "\($0)" }.joined(separator: ",") + "]"
    }
}
