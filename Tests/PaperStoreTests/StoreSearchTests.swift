import PaperCore
import PaperSearch
import PaperStore
import Testing
import TestSupport

@Suite struct StoreSearchTests {
    let papers = [
        makePaper("2501.00001", title: "Video transformers for action recognition", abstract: "We study attention.",
                  authors: ["Kaiming He"], categories: ["cs.CV"], published: "2025-01-02"),
        makePaper("2501.00002", title: "Graph networks", abstract: "A video benchmark appears in the appendix.",
                  authors: ["Yann LeCun"], categories: ["cs.LG"], published: "2025-01-03"),
        makePaper("2301.00003", title: "Protein folding", abstract: "Nothing about moving images.",
                  authors: ["Demis Hassabis"], categories: ["q-bio.BM"], published: "2023-01-04"),
        makePaper("2301.00004", title: "Diffusion for video generation", abstract: "Generating clips.",
                  authors: ["Jonathan Ho"], categories: ["cs.CV", "cs.LG"], published: "2023-02-05"),
    ]

    func ids(_ query: String, in store: any PaperDatabase) async throws -> [String] {
        try await store.search(try QueryParser.parse(query), limit: 10, offset: 0).hits.map(\.paper.id.rawValue)
    }

    @Test(arguments: DatabaseEngine.available) func titleMatchesRankAboveAbstractMatches(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(papers)
            let found = try await ids("video", in: store)
            #expect(Set(found.prefix(2)) == ["2501.00001", "2301.00004"])
            #expect(found.last == "2501.00002")
        }
    }

    @Test(arguments: DatabaseEngine.available) func stemmingFindsOtherFormsOfAWord(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(papers)
            #expect(try await ids("generated", in: store) == ["2301.00004"])
        }
    }

    @Test(arguments: DatabaseEngine.available) func fieldedFiltersNarrowTheResults(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(papers)
            #expect(try await ids("video author:\"Jonathan Ho\"", in: store) == ["2301.00004"])
            #expect(Set(try await ids("cat:cs.CV", in: store)) == ["2501.00001", "2301.00004"])
            #expect(try await ids("video year:2025", in: store).sorted() == ["2501.00001", "2501.00002"])
            #expect(try await ids("video -diffusion cat:cs.CV", in: store) == ["2501.00001"])
            #expect(try await ids("year:2023", in: store) == ["2301.00004", "2301.00003"])
        }
    }

    @Test(arguments: DatabaseEngine.available) func reportsTheTotalBeyondOnePage(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(papers)
            let page = try await store.search(try QueryParser.parse("video"), limit: 1, offset: 1)
            #expect(page.total == 3)
            #expect(page.hits.count == 1)
        }
    }

    @Test(arguments: DatabaseEngine.available, ["NEAR(a b)", "title:\"a\" OR \"", "col:*", "\"); DROP TABLE papers; --", "^video", "{title}: x", "a:* & !b"])
    func fullTextSyntaxInUserInputIsOnlyText(engine: DatabaseEngine, query: String) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(papers)
            if let parsed = try? QueryParser.parse(query) {
                _ = try await store.search(parsed, limit: 10, offset: 0)
            }
            #expect(try await store.statistics().papers == 4)
        }
    }

    /// FTS5's NOT is binary and binds tighter than AND; the translation must keep the grouping.
    @Test(arguments: DatabaseEngine.available) func aNegatedGroupMeansTheSameOnEveryEngine(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([
                makePaper("2401.00001", title: "Video"), makePaper("2401.00002", title: "Video graph"),
                makePaper("2401.00003", title: "Video graph robot"), makePaper("2401.00004", title: "Graph robot"),
                makePaper("2401.00005", title: "Video robot"),
            ])
            // video AND NOT (graph AND NOT robot)
            #expect(try await ids("video -(graph -robot)", in: store).sorted() == ["2401.00001", "2401.00003", "2401.00005"])
            #expect(try await ids("video NOT (graph NOT robot)", in: store).sorted() == ["2401.00001", "2401.00003", "2401.00005"])
            #expect(try await ids("video -graph -robot", in: store) == ["2401.00001"])
            #expect(try await ids("video NOT NOT graph", in: store).sorted() == ["2401.00002", "2401.00003"])
            #expect(try await ids("(video -graph) OR (graph -video)", in: store).sorted() == ["2401.00001", "2401.00004", "2401.00005"])
            // Side by side, any of the words may match (issue 13); both first.
            let spaced = try await ids("video\u{0}graph", in: store)
            #expect(Set(spaced.prefix(2)) == ["2401.00002", "2401.00003"])
            #expect(spaced.count == 5)
            #expect(try await ids("vid* -gra*", in: store).sorted() == ["2401.00001", "2401.00005"])
        }
    }
}
