import Foundation
import PaperCore
@testable import PaperStore
import SQLKit
import TestSupport
import Testing

/// The `HarvestStateStore` contract, on every available engine.
@Suite struct StoreHarvestStateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func paper(_ id: String, upvotes: Int = 0) -> Paper {
        Paper(id: PaperID(rawValue: id), title: "Paper \(id)", abstract: "About \(id).", authors: [Author(name: "A. Author")],
              categories: ["cs.CL"], upvotes: upvotes, source: .oaiPMH)
    }

    @Test(arguments: DatabaseEngine.available) func aPageAndTheStateAfterItAreStoredTogether(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            #expect(try await store.harvestState("arxiv:cs") == nil)
            let state = HarvestState(source: "arxiv:cs", watermark: "2015-01-01", resumptionToken: "726959|1001",
                                     pendingWatermark: "2015-01-03", lastSuccessAt: now)
            let counts = try await store.commitHarvestPage([paper("2501.00001"), paper("2501.00002")], state: state)
            #expect(counts == UpsertCounts(inserted: 2))
            #expect(try await store.harvestState("arxiv:cs") == state)
            #expect(try await store.papers(ids: [PaperID(rawValue: "2501.00002")]).count == 1)

            // The same page again changes no paper; the new state replaces the old one whole.
            let next = HarvestState(source: "arxiv:cs", watermark: "2015-01-03", lastSuccessAt: now.addingTimeInterval(60))
            let again = try await store.commitHarvestPage([paper("2501.00001"), paper("2501.00002")], state: next)
            #expect(again == UpsertCounts(unchanged: 2))
            #expect(try await store.harvestState("arxiv:cs") == next)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aCommitThatFailsStoresNeitherThePapersNorTheState(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            // With its table gone, the state cannot be written after the papers were.
            try await #require(store as? SQLPaperStore).transaction { db in try await db.raw("DROP TABLE harvest_state").run() }
            await #expect(throws: (any Error).self) {
                try await store.commitHarvestPage([paper("2501.00003")], state: HarvestState(source: "hf", watermark: "2025-01-15"))
            }
            #expect(try await store.paper(PaperID(rawValue: "2501.00003")) == nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aFailureIsRecordedBesideThePositionItLeavesAlone(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await store.recordHarvestFailure(source: "hf", message: "HTTP 502", at: now)
            #expect(try await store.harvestState("hf") == HarvestState(source: "hf", lastError: "HTTP 502", lastErrorAt: now))

            let midway = HarvestState(source: "arxiv:math", watermark: "2015-01-01", resumptionToken: "t|2", pendingWatermark: "2015-01-02")
            _ = try await store.commitHarvestPage([], state: midway)
            try await store.recordHarvestFailure(source: "arxiv:math", message: "connection refused", at: now)
            var expected = midway
            (expected.lastError, expected.lastErrorAt) = ("connection refused", now)
            #expect(try await store.harvestState("arxiv:math") == expected)
            #expect(try await store.harvestStates().map(\.source) == ["arxiv:math", "hf"])
        }
    }
}
