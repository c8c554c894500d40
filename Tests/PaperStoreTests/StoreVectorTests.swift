import PaperCore
import PaperSearch
import PaperStore
import Testing
import TestSupport

@Suite struct StoreVectorTests {
    let model = "test-model"

    @Test(arguments: DatabaseEngine.available) func vectorsRoundTripExactlyAndPerModel(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([makePaper("2501.00001", title: "A"), makePaper("2501.00002", title: "B")])
            let vector: [Float] = [0.1, -0.25, 1e-7, .pi]
            try await store.storeVectors([PaperVector(id: PaperID(rawValue: "2501.00001"), vector: vector)], model: model)
            #expect(try await store.vectors(ids: [PaperID(rawValue: "2501.00001")], model: model).first?.vector == vector)
            #expect(try await store.vectors(ids: [PaperID(rawValue: "2501.00001")], model: "other").isEmpty)
            let coverage = try await store.vectorCoverage(model: model)
            #expect(coverage.embedded == 1 && coverage.papers == 2)
            #expect(try await store.papersWithoutVectors(model: model, limit: 10).map(\.id.rawValue) == ["2501.00002"])
            #expect(try await store.papersWithoutVectors(model: "other", limit: 10).count == 2)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aChangedAbstractNeedsANewVectorButAVoteDoesNot(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "First.")])
            try await store.storeVectors([PaperVector(id: PaperID(rawValue: "2501.00001"), vector: [1, 0])], model: model)
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "First.", upvotes: 9)])
            #expect(try await store.papersWithoutVectors(model: model, limit: 10).isEmpty)
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "Revised.", version: 2)])
            #expect(try await store.papersWithoutVectors(model: model, limit: 10).map(\.id.rawValue) == ["2501.00001"])
        }
    }
}

extension StoreVectorTests {
    @Test(arguments: DatabaseEngine.available) func theBacklogIsListedInIdOrderAndReadByRange(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let ids = (1...6).map { "2501.0000\($0)" }
            _ = try await store.upsert(ids.map { makePaper($0, title: $0) })
            try await store.storeVectors([PaperVector(id: PaperID(rawValue: "2501.00003"), vector: [1, 0])], model: model)
            let missing = ["2501.00001", "2501.00002", "2501.00004", "2501.00005", "2501.00006"]
            #expect(try await store.idsWithoutVectors(model: model, after: nil, limit: 3).map(\.rawValue) == Array(missing.prefix(3)))
            #expect(try await store.idsWithoutVectors(model: model, after: PaperID(rawValue: "2501.00004"), limit: 3).map(\.rawValue)
                == ["2501.00005", "2501.00006"])
            let range = PaperID(rawValue: "2501.00002")...PaperID(rawValue: "2501.00005")
            #expect(try await store.papersWithoutVectors(model: model, in: range, limit: 10).map(\.id.rawValue)
                == ["2501.00002", "2501.00004", "2501.00005"])
        }
    }
}

@Suite struct StoreNearestVectorTests {
    /// Seeded pseudo-random unit vectors, the same on every run.
    static func vectors(count: Int, dimensions: Int) -> [[Float]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            let raw = (0..<dimensions).map { _ -> Float in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(Int64(bitPattern: state >> 11) % 2001 - 1000) / 1000
            }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return raw.map { $0 / norm }
        }
    }

    @Test(.enabled(if: DatabaseEngine.pgvectorURL != nil, "needs PAPERFEED_TEST_PGVECTOR_URL"))
    func pgvectorFindsTheExactNearestVectorsAndSemanticSearchUsesIt() async throws {
        try await withTemporaryStore(.pgvector) { store async throws in
            let search = try #require(store as? any NearestVectorSearch)
            #expect(search.searchesVectors)
            #expect(store.summary.contains("pgvector"))
            let vectors = Self.vectors(count: 300, dimensions: 16)
            let ids = (0..<vectors.count).map { PaperID(rawValue: String(format: "2501.%05d", $0)) }
            _ = try await store.upsert(ids.map { makePaper($0.rawValue, title: "Paper \($0)") })
            try await store.storeVectors(zip(ids, vectors).map { PaperVector(id: $0, vector: $1) }, model: "test-model")
            let query = vectors[7]
            let exact = zip(ids, vectors).map { ($0, zip($1, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
                .sorted { $0.1 > $1.1 }.prefix(10).map(\.0)
            #expect(try await search.nearestVectors(to: query, model: "test-model", limit: 10).map(\.id) == Array(exact))

            let semantic = SemanticSearch(embedder: UnusedEmbedder(), vectors: store)
            #expect(semantic.searchesInStore)
            #expect(try await semantic.load() == 300)
            #expect(try await semantic.similar(to: ids[7], limit: 5).map(\.id) == Array(exact.dropFirst().prefix(5)))
        }
    }

    @Test(arguments: DatabaseEngine.available.filter { $0 != .pgvector })
    func storesWithoutPgvectorLeaveVectorSearchToTheApp(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            #expect((store as? any NearestVectorSearch)?.searchesVectors != true)
            #expect(!SemanticSearch(embedder: UnusedEmbedder(), vectors: store).searchesInStore)
        }
    }
}

/// Stands in for the model where only stored vectors are searched.
struct UnusedEmbedder: SentenceEmbedder {
    let modelName = "test-model"
    let dimensions = 16
    func embed(_ texts: [String]) async throws -> [[Float]] { throw CancellationError() }
}
