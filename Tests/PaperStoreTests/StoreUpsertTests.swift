import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

@Suite struct StoreUpsertTests {
    @Test(arguments: DatabaseEngine.available) func storesAndReturnsEveryField(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            var paper = makePaper("2501.00001", title: "Masked autoencoders", abstract: "Code: https://github.com/a/mae.",
                                  authors: ["Kaiming He", "Xinlei Chen"], categories: ["cs.CV", "cs.LG"], version: 2,
                                  published: "2025-01-02", listed: "2025-01-03", upvotes: 42)
            paper.submitter = Submitter(name: "akhaliq", fullname: "AK")
            paper.aiKeywords = ["masked image modeling", "ViT"]
            paper.aiSummary = "Masking patches teaches ViTs."
            paper.githubStars = 1_200
            paper.projectPage = "https://example.org/mae"
            paper.doi = "10.1000/xyz"
            #expect(try await store.upsert([paper]) == UpsertCounts(inserted: 1))
            #expect(try await store.paper(paper.id) == paper)
            #expect(try await store.paper(PaperID(rawValue: "2501.99999")) == nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func importingTheSameBatchTwiceChangesNothing(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let papers = (1...50).map { makePaper(String(format: "2501.%05d", $0), title: "Paper \($0)") }
            #expect(try await store.upsert(papers).inserted == 50)
            #expect(try await store.upsert(papers) == UpsertCounts(unchanged: 50))
            #expect(try await store.statistics().papers == 50)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aNewerVersionReplacesAnOlderOneAndNeverTheReverse(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let id = PaperID(rawValue: "2501.00001")
            _ = try await store.upsert([makePaper(id.rawValue, title: "First draft", version: 1)])
            #expect(try await store.upsert([makePaper(id.rawValue, title: "Camera ready", version: 3)]).updated == 1)
            #expect(try await store.upsert([makePaper(id.rawValue, title: "Second draft", version: 2)]).older == 1)
            #expect(try await store.paper(id)?.title == "Camera ready")
            #expect(try await store.statistics().papers == 1)
            let hits = try await store.search(SearchQuery(text: .words("draft", field: nil, prefix: false)), limit: 10, offset: 0)
            #expect(hits.total == 0, "the replaced title must leave the full-text index")
        }
    }

    @Test(arguments: DatabaseEngine.available) func duplicatesInsideOneBatchBecomeOnePaper(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let counts = try await store.upsert([
                makePaper("2501.00001", title: "A", listed: "2025-01-06", upvotes: 3),
                makePaper("2501.00001", title: "A", listed: "2025-01-03", upvotes: 7),
            ])
            #expect(counts.inserted == 1)
            let stored = try #require(try await store.paper(PaperID(rawValue: "2501.00001")))
            #expect(stored.upvotes == 7)
            #expect(stored.listedOn == Day("2025-01-03"))
        }
    }

    @Test(arguments: DatabaseEngine.available) func walksAllPapersInIdOrder(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert((1...25).reversed().map { makePaper(String(format: "2501.%05d", $0), title: "P\($0)") })
            var seen: [String] = []
            var cursor: PaperID?
            while case let page = try await store.papers(after: cursor, limit: 10), let last = page.last {
                seen += page.map(\.id.rawValue)
                cursor = last.id
            }
            #expect(seen == (1...25).map { String(format: "2501.%05d", $0) })
        }
    }

    @Test(arguments: DatabaseEngine.available) func theWalkLeavesHiddenPapersOutButACopyKeepsThem(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert((1...5).map { makePaper(String(format: "2501.%05d", $0), title: "P\($0)") })
            try await store.setPaperHidden(PaperID(rawValue: "2501.00002"), hidden: true)
            try await store.setPaperHidden(PaperID(rawValue: "2501.00005"), hidden: true)
            var seen: [String] = []
            var cursor: PaperID?
            while case let page = try await store.papers(after: cursor, limit: 2), let last = page.last {
                seen += page.map(\.id.rawValue)
                cursor = last.id
            }
            #expect(seen == ["2501.00001", "2501.00003", "2501.00004"])
            let stored = try await store.storedPapers(after: nil, limit: 10).map(\.id.rawValue)
            #expect(stored == (1...5).map { String(format: "2501.%05d", $0) })
            try await store.setPaperHidden(PaperID(rawValue: "2501.00002"), hidden: false)
            #expect(try await store.papers(after: PaperID(rawValue: "2501.00001"), limit: 1).map(\.id.rawValue) == ["2501.00002"])
        }
    }

    @Test func refusesAFileThatIsNotADatabase() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString).sqlite").path
        try Data(String(repeating: "hello world ", count: 1000).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect(throws: StoreError.self) { try await PaperDatabases.openSQLite(path: path) }
    }
}

@Suite struct StoredJSONTests {
    @Test func rowsRoundTripAwkwardTextExactly() async throws {
        try await withTemporaryStore { store async throws in
            var paper = makePaper("2501.00009", title: "T", authors: ["a/b \"c\" \\d", "tab\there", "é 😀 \u{1}\u{1f}"])
            paper.aiKeywords = ["k/1", "line\nbreak", ""]
            paper.authors[0].user = "user/1"
            _ = try await store.upsert([paper])
            #expect(try await store.paper(paper.id) == paper)
            #expect(try await store.upsert([paper]) == UpsertCounts(unchanged: 1))
        }
    }
}

@Suite struct StoreListingTests {
    @Test(arguments: DatabaseEngine.available) func aPaperListedAgainAppearsOnBothDays(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([
                makePaper("2608.13558", title: "Relisted", listed: "2026-08-14", upvotes: 2),
                makePaper("2608.00001", title: "Other", listed: "2026-08-14"),
            ])
            _ = try await store.upsert([makePaper("2608.13558", title: "Relisted", listed: "2026-08-20", upvotes: 54)])
            let day = { (text: String) in ListingQuery(days: Day(text)!...Day(text)!) }
            #expect(try await store.listing(day("2026-08-14")).papers.map(\.id.rawValue).sorted() == ["2608.00001", "2608.13558"])
            #expect(try await store.listing(day("2026-08-20")).papers.map(\.id.rawValue) == ["2608.13558"])
            let week = try await store.listing(ListingQuery(days: Day("2026-08-14")!...Day("2026-08-20")!))
            #expect(week.total == 2, "a paper listed twice in a week is listed once")
            #expect(try await store.latestListingDay() == Day("2026-08-20"))
            #expect(try await store.paper(PaperID(rawValue: "2608.13558"))?.listedOn == Day("2026-08-14"))
        }
    }
}
