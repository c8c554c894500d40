import PaperCore
import PaperStore
import Testing
import TestSupport

/// The `GeneratedSummaryRepository` contract, on every engine.
@Suite struct StoreGeneratedSummaryTests {
    let model = "test-model"
    let first = PaperID(rawValue: "2501.00001"), second = PaperID(rawValue: "2501.00002")

    /// Paper 1 without Hugging Face's fields, paper 2 with both.
    func storePapers(_ store: any PaperDatabase) async throws {
        var curated = makePaper("2501.00002", title: "B", listed: "2026-08-21")
        curated.aiSummary = "Hugging Face's sentence."
        curated.aiKeywords = ["theirs"]
        _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "First. Second.", listed: "2026-08-21"), curated])
    }

    @Test(arguments: DatabaseEngine.available) func generatedSummariesAreStoredApartAndShownWhereHuggingFaceHasNone(
        engine: DatabaseEngine
    ) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await storePapers(store)
            let ours = GeneratedSummary(summary: "First.", keywords: ["alpha \"beta\"", "gamma"])
            try await store.storeGeneratedSummaries([first: ours, second: ours], model: model)
            let found = try await store.generatedSummaries(ids: [first, PaperID(rawValue: "2501.00009")])
            #expect(found == [first: ours])

            // Reads that show papers carry ours only where Hugging Face's fields are missing.
            #expect(try await store.paper(first)?.generated == ours)
            #expect(try await store.paper(second)?.generated == nil)
            let listed = try await store.listing(ListingQuery(limit: 10))
            #expect(Dictionary(uniqueKeysWithValues: listed.papers.map { ($0.id, $0.generated) }) == [first: ours, second: nil])
            #expect(try await store.search(SearchQuery(text: .words("Second", field: nil, prefix: false)), limit: 10, offset: 0).hits.first?.paper.generated == ours)
            #expect(try await store.papers(after: nil, limit: 10).first?.generated == ours)

            // Storing again replaces; a re-import with the same text keeps ours.
            let again = GeneratedSummary(summary: nil, keywords: ["delta"])
            try await store.storeGeneratedSummaries([first: again], model: model)
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "First. Second.", upvotes: 4)])
            #expect(try await store.paper(first)?.generated == again)

            // New text forgets it, as it forgets the vector.
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "Revised.", version: 2)])
            #expect(try await store.generatedSummaries(ids: [first]).isEmpty)
            #expect(try await store.paper(first)?.generated == nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func papersAwaitSummariesOnlyOnceTheirVectorIsStoredAndUntilOneIs(
        engine: DatabaseEngine
    ) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await storePapers(store)
            _ = try await store.upsert([makePaper("2501.00003", title: "C", abstract: "Third.")])
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 10).isEmpty)

            try await store.storeVectors([first, second, PaperID(rawValue: "2501.00003")].map { PaperVector(id: $0, vector: [1, 0]) },
                                         model: model)
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 10).map(\.id.rawValue) == ["2501.00001", "2501.00003"])
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 1).map(\.id.rawValue) == ["2501.00001"])
            #expect(try await store.papersAwaitingSummaries(model: "other", limit: 10).isEmpty)

            // An empty summary counts as made: the paper had nothing to show, and is not taken again.
            try await store.storeGeneratedSummaries([first: GeneratedSummary(summary: nil, keywords: [])], model: model)
            #expect(try await store.generatedSummaries(ids: [first]) == [first: GeneratedSummary(summary: nil, keywords: [])])
            #expect(try await store.paper(first)?.generated == nil)
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 10).map(\.id.rawValue) == ["2501.00003"])

            // New text: the paper waits for its new vector first, then for its summary again.
            _ = try await store.upsert([makePaper("2501.00001", title: "A", abstract: "Revised.", version: 2)])
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 10).map(\.id.rawValue) == ["2501.00003"])
            try await store.storeVectors([PaperVector(id: first, vector: [0, 1])], model: model)
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 10).map(\.id.rawValue) == ["2501.00001", "2501.00003"])
        }
    }
}
