import PaperCore
import PaperSearch
import PaperStore
import Testing
import TestSupport

/// Words typed side by side are ranked BM25 over any of them (issue 13): sentences find papers,
/// papers with all the words come first, stop words neither match nor weigh, and phrases,
/// fields, `AND` and `-word` still require and exclude. On every engine.
@Suite struct StoreRankedSearchTests {
    static let papers = [
        makePaper("2501.00001", title: "Robots learn from videos of people", abstract: "Imitation at scale."),
        makePaper("2501.00002", title: "Robot grasping", abstract: "We train robots in simulation."),
        makePaper("2501.00003", title: "Video captioning", abstract: "Captions for videos."),
        makePaper("2501.00004", title: "Protein folding", abstract: "How do proteins fold? From sequence to structure."),
        makePaper("2501.00005", title: "Videos, videos and more videos: a video dataset", abstract: "Video video video."),
        makePaper("2501.00006", title: "Imitation from observation", abstract: "Our robots learn skills from unlabeled videos."),
        makePaper("2501.00007", title: "Graph transformer", abstract: "Message passing."),
        makePaper("2501.00008", title: "Message passing networks", abstract: "A graph transformer baseline is compared."),
        makePaper("2501.00009", title: "Protein folding and protein folding kinetics", abstract: "Protein folding, protein folding."),
    ]

    func search(_ text: String, in store: any PaperDatabase) async throws -> SearchPage {
        try await store.search(try QueryParser.parse(text), limit: 20, offset: 0)
    }

    func ids(_ text: String, in store: any PaperDatabase) async throws -> [String] {
        try await search(text, in: store).hits.map(\.paper.id.rawValue)
    }

    @Test(arguments: DatabaseEngine.available) func aQuestionFindsThePaperWithMostOfItsWords(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(Self.papers)
            let page = try await search("how do robots learn from videos", in: store)
            let found = page.hits.map(\.paper.id.rawValue)
            #expect(Set(found.prefix(2)) == ["2501.00001", "2501.00006"], "\(found)")
            #expect(Set(found) == ["2501.00001", "2501.00002", "2501.00003", "2501.00005", "2501.00006"])
            #expect(page.total == 5)
            #expect(page.totalWithAllWords == 2)
        }
    }

    @Test(arguments: DatabaseEngine.available) func allTheWordsBeatSomeOfThemHoweverOftenRepeated(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(Self.papers)
            // 2501.00005 says "video" seven times, in its title too; 2501.00006 has both words once.
            let found = try await ids("robots videos", in: store)
            #expect(Set(found.prefix(2)) == ["2501.00001", "2501.00006"], "\(found)")
            #expect(found.firstIndex(of: "2501.00006")! < found.firstIndex(of: "2501.00005")!)
        }
    }

    @Test(arguments: DatabaseEngine.available) func titleWordsRankAboveAbstractWords(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(Self.papers)
            #expect(try await ids("graph transformer", in: store) == ["2501.00007", "2501.00008"])
        }
    }

    /// A page that papers with all the words fill is ranked among them alone (SQLite); it is the
    /// same page, with the same scores and counts, as ranking every match gives.
    @Test(arguments: DatabaseEngine.available) func aPageOfPapersWithAllTheWordsIsTheFullRankingsPage(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let both = (0..<30).map { i in
                makePaper(String(format: "2504.%05d", i), title: "Sparse attention \(i)" + String(repeating: " long", count: i % 7),
                          abstract: String(repeating: "attention ", count: 1 + i % 4) + "sparse models")
            }
            let one = (30..<60).map { i in
                makePaper(String(format: "2504.%05d", i), title: "Attention \(i)", abstract: String(repeating: "attention ", count: 1 + i % 5))
            }
            _ = try await store.upsert(both + one)
            let query = try QueryParser.parse("sparse attention")
            let everything = try await store.search(query, limit: 100, offset: 0)
            #expect(everything.total == 60)
            #expect(everything.totalWithAllWords == 30)
            for (limit, offset) in [(10, 0), (10, 20), (30, 0)] {
                let page = try await store.search(query, limit: limit, offset: offset)
                let expected = everything.hits[offset..<(offset + limit)]
                #expect(page.hits.map(\.paper.id) == expected.map(\.paper.id), "limit \(limit), offset \(offset)")
                #expect(zip(page.hits, expected).allSatisfy { abs($0.score - $1.score) <= 1e-9 * max(1, abs($1.score)) })
                #expect(page.total == 60)
                #expect(page.totalWithAllWords == 30)
            }
        }
    }

    @Test(arguments: DatabaseEngine.available) func aRareWordWeighsMoreThanACommonOne(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let common = (1...6).map { makePaper("2502.0000\($0)", title: "Neural network number \($0)", abstract: "A network.") }
            let rare = makePaper("2502.00010", title: "Zebrafish number 10", abstract: "Fins regrow.")
            _ = try await store.upsert(common + [rare])
            // Neither paper has both words: the one with the word few papers have comes first.
            #expect(try await ids("network zebrafish", in: store).first == "2502.00010")
        }
    }

    @Test(arguments: DatabaseEngine.available) func stopWordsAloneDoNotMatchButAQueryOfThemStillSearches(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(Self.papers)
            // "how", "do" and "from" are in 2501.00004 only, which has no other word of the question.
            #expect(try await !ids("how do robots learn from videos", in: store).contains("2501.00004"))
            #expect(try await ids("how do", in: store) == ["2501.00004"])
            #expect(try await search("how do", in: store).totalWithAllWords == 1)
        }
    }

    @Test(arguments: DatabaseEngine.available) func phrasesFieldsAndExclusionsKeepTheirMeaning(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(Self.papers)
            #expect(try await ids("robots videos -simulation -imitation", in: store).sorted() == ["2501.00003", "2501.00005"])
            #expect(try await ids("\"learn from videos\"", in: store) == ["2501.00001"])
            #expect(try await ids("robots AND videos", in: store).sorted() == ["2501.00001", "2501.00006"])
            #expect(try await ids("robots title:video", in: store) == ["2501.00001"])
            #expect(try await ids("learn videos author:\"Nobody Here\"", in: store).isEmpty)
            #expect(try await ids("robots video year:2020", in: store).isEmpty)
            let fielded = try await search("robots title:video", in: store)
            #expect(fielded.totalWithAllWords == nil, "one free word: every match has all it asked for")
        }
    }

    @Test(arguments: DatabaseEngine.available) func anArxivIdOrExactTitleComesFirst(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(Self.papers)
            let searcher = PaperSearcher(repository: store, semantic: nil)
            for text in ["2501.00003", "arXiv:2501.00003v2", "https://arxiv.org/abs/2501.00003"] {
                let outcome = try await searcher.search(try QueryParser.parse(text), mode: .keyword, limit: 5, offset: 0)
                #expect(outcome.page.hits.first?.paper.id.rawValue == "2501.00003", "\(text)")
            }
            let hybrid = try await searcher.search(try QueryParser.parse("2501.00002"), mode: .hybrid, limit: 5, offset: 0)
            #expect(hybrid.page.hits.first?.paper.id.rawValue == "2501.00002")
            // 2501.00009 repeats the phrase; the paper titled exactly so still comes first.
            for text in ["\"protein folding\"", "\"PROTEIN  folding\""] {
                let titled = try await searcher.search(try QueryParser.parse(text), mode: .keyword, limit: 5, offset: 0)
                #expect(titled.page.hits.map(\.paper.id.rawValue) == ["2501.00004", "2501.00009"], "\(text)")
                #expect(titled.page.total == 2)
            }
            let next = try await searcher.search(try QueryParser.parse("2501.00003"), mode: .keyword, limit: 5, offset: 1)
            #expect(!next.page.hits.contains { $0.paper.id.rawValue == "2501.00003" })
        }
    }

    @Test(arguments: DatabaseEngine.available) func aDOIOrDOILinkJumpsToItsPaper(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            var published = makePaper("2501.00010", title: "Scaling laws for recommendation", abstract: "Published at KDD.")
            published.doi = "10.1145/3292500.3330701"
            _ = try await store.upsert(Self.papers + [published])
            #expect(try await store.paper(doi: "10.1145/3292500.3330701")?.id.rawValue == "2501.00010")
            #expect(try await store.paper(doi: "10.1145/3292500.3330701X") == nil)

            let searcher = PaperSearcher(repository: store, semantic: nil)
            for text in ["10.1145/3292500.3330701", "doi:10.1145/3292500.3330701", "https://doi.org/10.1145/3292500.3330701",
                         "https://dx.doi.org/10.1145/3292500.3330701", "10.48550/arXiv.2501.00003"] {
                let outcome = try await searcher.search(QueryParser.parseLeniently(text).query, mode: .keyword, limit: 5, offset: 0)
                let expected = text.contains("48550") ? "2501.00003" : "2501.00010"
                #expect(outcome.page.hits.first?.paper.id.rawValue == expected, "\(text)")
            }
        }
    }
}

/// When the papers with all the words fill the page, the matches are counted up to
/// `SearchPage.countLimit` (or the page's end), and the page says there are more; past
/// `RankedMatches.rankingWindow` of them, the newest are ranked.
@Suite struct StoreSearchCountLimitTests {
    /// The oldest 30 and the newest 5 say "common" four times; 25 old ones have "graphs" too,
    /// 3 old ones "unicorn".
    static let papers = (0..<(20_000 + 60)).map { index in
        let number = String(format: "%05d", index)
        let title = switch index {
        case ..<30, 20_055...: "Common common common common \(number)"
        case ..<55: "Common graphs \(number)"
        case ..<58: "Common unicorn \(number)"
        default: "Common \(number)"
        }
        return makePaper("2501.\(number)", title: title)
    }

    @Test(arguments: DatabaseEngine.available) func countingStopsPastTheLimitAndBroadQueriesRankTheNewest(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(Self.papers)
            let some = try await store.search(try QueryParser.parse("common graphs"), limit: 20, offset: 0)
            #expect(some.hits.count == 20 && some.hits.allSatisfy { $0.paper.title.contains("graphs") })
            #expect(some.total == SearchPage.countLimit && some.moreThanTotal && some.totalWithAllWords == 25)

            // Every paper has both words: those with all of them are past the limit too.
            let all = try await store.search(try QueryParser.parse("common abstract"), limit: 20, offset: 0)
            #expect(all.total == SearchPage.countLimit && all.moreThanTotal && all.totalWithAllWords == SearchPage.countLimit)

            // A page past the limit counts as far as its end.
            let deep = try await store.search(try QueryParser.parse("common abstract"), limit: 20, offset: SearchPage.countLimit)
            #expect(deep.hits.count == 20 && deep.total == SearchPage.countLimit + 20 && deep.moreThanTotal)

            // One word, 20,060 matches: the newest 20,000 are ranked, so the five new papers that
            // say it four times come first and the thirty old ones do not appear.
            let one = try await store.search(try QueryParser.parse("common"), limit: 20, offset: 0)
            let ids = one.hits.map(\.paper.id.rawValue)
            #expect(Set(ids.prefix(5)) == Set((20_055..<20_060).map { "2501.\($0)" }), "\(ids)")
            #expect(!ids.contains { $0 < "2501.00030" })
            #expect(one.total == SearchPage.countLimit && one.moreThanTotal && one.totalWithAllWords == nil)

            // Three papers with both words, 20,060 with some: the three first (old as they are),
            // then the newest 20,000 of the others, the five strong new ones leading them.
            let rare = try await store.search(try QueryParser.parse("common unicorn"), limit: 20, offset: 0)
            let rareIDs = rare.hits.map(\.paper.id.rawValue)
            #expect(rareIDs.prefix(3).sorted() == ["2501.00055", "2501.00056", "2501.00057"], "\(rareIDs)")
            #expect(Set(rareIDs.dropFirst(3).prefix(5)) == Set((20_055..<20_060).map { "2501.\($0)" }), "\(rareIDs)")
            #expect(rare.hits.count == 20 && !rareIDs.contains { $0 < "2501.00030" })
            #expect(rare.total == SearchPage.countLimit && rare.moreThanTotal && rare.totalWithAllWords == 3)

            let few = try await store.search(try QueryParser.parse("graphs"), limit: 20, offset: 0)
            #expect(few.total == 25 && !few.moreThanTotal)
        }
    }
}
