import PaperCore
import PaperStore
import Testing
import TestSupport

@Suite struct StoreGeneratedSummaryTests {
    @Test(arguments: DatabaseEngine.available) func generatedSummariesAreStoredApartAndShownWhereHuggingFaceHasNone(
        engine: DatabaseEngine
    ) async throws {
        try await withTemporaryStore(engine) { store async throws in
            var curated = makePaper("2501.00002", title: "B")
            curated.aiSummary = "Hugging Face's sentence."
            curated.aiKeywords = ["theirs"]
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "First. Second."), curated])
            let ours = GeneratedSummary(summary: "First.", keywords: ["alpha \"beta\"", "gamma"])
            try await store.storeGeneratedSummaries(
                [PaperID(rawValue: "2501.00001"): ours, PaperID(rawValue: "2501.00002"): ours], model: "m")
            let found = try await store.generatedSummaries(ids: [PaperID(rawValue: "2501.00001"), PaperID(rawValue: "2501.00009")])
            #expect(found == [PaperID(rawValue: "2501.00001"): ours])

            // Reads that show papers carry ours only where Hugging Face's fields are missing.
            #expect(try await store.paper(PaperID(rawValue: "2501.00001"))?.generated == ours)
            #expect(try await store.paper(PaperID(rawValue: "2501.00002"))?.generated == nil)

            // Storing again replaces; a re-import of the paper keeps ours.
            let again = GeneratedSummary(summary: nil, keywords: ["delta"])
            try await store.storeGeneratedSummaries([PaperID(rawValue: "2501.00001"): again], model: "m")
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "First. Second.", upvotes: 4)])
            #expect(try await store.paper(PaperID(rawValue: "2501.00001"))?.generated == again)
        }
    }
}
