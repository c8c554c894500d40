import PaperCore
import PaperStore
import Testing

@Suite struct StoreVectorTests {
    let model = "test-model"

    @Test(arguments: Engine.available) func vectorsRoundTripExactlyAndPerModel(engine: Engine) async throws {
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

    @Test(arguments: Engine.available) func aChangedAbstractNeedsANewVectorButAVoteDoesNot(engine: Engine) async throws {
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
