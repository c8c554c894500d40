import Foundation
import PaperCore
import PaperSearch
import PaperStore
import Testing
import TestSupport

/// What a personal digest lists, over a real store: new papers of followed authors and saved
/// searches, each once, never an old one or one the user set aside.
@Suite struct PersonalDigestContentTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func paper(_ id: String, _ title: String, by authors: [String], daysAgo: Double) -> Paper {
        Paper(id: PaperID(rawValue: id), title: title, abstract: "We study \(title.lowercased()).",
              authors: authors.map { Author(name: $0) }, publishedAt: now.addingTimeInterval(-daysAgo * 86_400), source: .huggingFace)
    }

    @Test(arguments: DatabaseEngine.available) func newPapersOfFollowedAuthorsAndSearchesAreListedOnceWithTheirReason(
        engine: DatabaseEngine
    ) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([
                paper("2601.00001", "Sparse attention for long documents", by: ["Ada Lovelace"], daysAgo: 1),
                paper("2601.00002", "Early work on attention", by: ["Ada Lovelace"], daysAgo: 40),
                paper("2601.00003", "Protein folding with diffusion", by: ["Bob Byte"], daysAgo: 1),
                paper("2601.00004", "Protein folding benchmarks", by: ["Ada Lovelace"], daysAgo: 2),
                paper("2601.00005", "Protein folding at scale", by: ["Carol Chip"], daysAgo: 1),
                paper("2601.00006", "Protein folding, saved already", by: ["Dan Dot"], daysAgo: 1),
                paper("2601.00007", "Quokka networks", by: ["E. Example"], daysAgo: 0.5),
            ])
            // Erin claimed her authorship of the quokka paper; the reader follows her account.
            let erin = try await store.createUser(name: "erin", email: "e@x.org", passwordHash: "h", isAdmin: false, now: now)
            let claim = try await store.claimAuthorship(userID: erin.id, paper: PaperID(rawValue: "2601.00007"), authorName: "E. Example",
                                                        now: now)
            try await store.decideClaim(id: claim.id, approve: true)
            let user = try await store.createUser(name: "reader", email: "r@x.org", passwordHash: "h", isAdmin: false, now: now)
            _ = try await store.followAuthor("ada lovelace", userID: user.id, limit: 10, now: now)
            _ = try await store.followAccount(erin.id, userID: user.id, limit: 10, now: now)
            _ = try await store.saveSearch(query: "protein folding", mode: "keyword", userID: user.id, limit: 10, now: now)
            try await store.setNotInterested(true, userID: user.id, paper: PaperID(rawValue: "2601.00005"), now: now)
            let saved = try await store.defaultCollection(ownerID: user.id, now: now)
            _ = try await store.addItem(collectionID: saved.id, paper: PaperID(rawValue: "2601.00006"), note: nil, now: now)

            let content = PersonalDigestContent(repository: store, follows: store, library: store,
                                                followed: FollowedPapers(searcher: PaperSearcher(repository: store, semantic: nil)),
                                                accounts: AccountPapers(community: store, repository: store), recommender: nil)
            let items = try await content.items(userID: user.id, since: now.addingTimeInterval(-3 * 86_400))
            #expect(items.map(\.paperID.rawValue) == ["2601.00007", "2601.00001", "2601.00004", "2601.00003"], "newest first")
            #expect(items.map(\.section) == [.followedAuthors, .followedAuthors, .followedAuthors, .savedSearches])
            #expect(items[0].reason == "by erin")
            #expect(items[1].reason == "by ada lovelace")
            #expect(items[3].reason == "matches your search “protein folding”")
            #expect(try await content.papers(ids: items.map(\.paperID)).count == 4)
        }
    }

    @Test func aReaderWhoSavedAFewPapersIsRecommendedANewOneLikeThemWithWhy() async throws {
        let embedder = try MiniLM.shared.get()
        try await withTemporaryStore { store in
            let saved = [
                paper("2501.00001", "Protein structure prediction with deep learning", by: ["A"], daysAgo: 60),
                paper("2501.00002", "Accurate protein folding from amino acid sequences", by: ["B"], daysAgo: 50),
                paper("2501.00003", "Predicting three-dimensional protein structures with attention", by: ["C"], daysAgo: 40),
            ]
            let others = ["Speech recognition for low-resource languages", "Robot grasping in cluttered scenes",
                          "Image generation with diffusion models", "Code completion with large language models",
                          "Reinforcement learning for board games", "Machine translation of legal documents",
                          "Graph neural networks for traffic forecasting", "Estimating depth from a single image"]
            _ = try await store.upsert(saved + others.enumerated().map { paper("2501.001\($0.offset)", $0.element, by: ["D"], daysAgo: 30) })
            _ = try await store.upsert([
                paper("2601.00001", "Protein language models predict folded structures", by: ["E"], daysAgo: 1),
                paper("2601.00002", "Speech synthesis for many speakers", by: ["F"], daysAgo: 1),
            ])
            let semantic = SemanticSearch(embedder: embedder, vectors: store)
            _ = try await EmbeddingPipeline(papers: store, embedder: embedder, index: semantic).run()
            let user = try await store.createUser(name: "reader", email: "r@x.org", passwordHash: "h", isAdmin: false, now: now)
            let collection = try await store.defaultCollection(ownerID: user.id, now: now)
            for paper in saved { _ = try await store.addItem(collectionID: collection.id, paper: paper.id, note: nil, now: now) }

            let recommender = PersonalRecommender(repository: store, library: store, semantic: semantic, models: RecommenderCache(),
                                                  clock: FixedClock(now))
            let content = PersonalDigestContent(repository: store, follows: store, library: store,
                                                followed: FollowedPapers(searcher: PaperSearcher(repository: store, semantic: semantic)),
                                                accounts: AccountPapers(community: store, repository: store), recommender: recommender)
            let items = try await content.items(userID: user.id, since: now.addingTimeInterval(-3 * 86_400))
            #expect(items.allSatisfy { $0.section == .recommended && $0.paperID.rawValue.hasPrefix("2601.") }, "only new papers")
            let first = try #require(items.first)
            #expect(first.paperID.rawValue == "2601.00001")
            #expect(first.reason.hasPrefix("like “") && saved.contains { first.reason.contains($0.title) }, "\(first.reason)")
        }
    }
}
