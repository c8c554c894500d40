import Foundation
import PaperCore
@testable import PaperSearch
import PaperStore
import Testing
import TestSupport

/// "For you" through a real SQLite store: a reader's saved papers share a rare technical term,
/// and the paper that uses it too is recommended above papers that are merely close in meaning.
@Suite struct PersonalRecommenderTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let topics = [
        "graph neural networks predict molecular properties of drug candidates",
        "reinforcement learning agents explore procedurally generated games",
        "vision transformers segment medical images of tissue",
        "self-supervised speech models transcribe low-resource languages",
        "retrieval augmented generation answers open-domain questions",
        "diffusion models synthesise high-resolution images from text",
        "robots learn manipulation skills from human demonstrations",
        "language models generate code from natural language specifications",
    ]

    /// Ten papers on each topic, each with a vector near its topic's axis.
    static let background: [(Paper, [Float])] = (0..<80).map { index in
        let topic = index % 8
        return (paper("2301.\(String(format: "%05d", index))", title: "A study of \(topics[topic].split(separator: " ").prefix(3).joined(separator: " ")) (\(index))",
                      abstract: "We show that \(topics[topic]). Experiments on benchmark \(index) confirm the gains."),
                RecommenderTests.near(topic, 100 + UInt64(index)))
    }

    /// The reader's saved papers: molecules, each naming the Quokkaformer kernel.
    static let saved: [(Paper, [Float])] = (0..<4).map { index in
        (paper("2302.0000\(index)", title: "Quokkaformer kernels for molecular graphs, part \(index + 1)",
               abstract: "Quokkaformer attention encodes molecular graphs for property prediction; setting \(index)."),
         RecommenderTests.near(0, 200 + UInt64(index)))
    }

    /// Uses the rare term, on another subject: its vector is only half-way to the saved papers'.
    static let rareTerm = (paper("2303.00001", title: "Quokkaformer attention for protein docking",
                                 abstract: "Quokkaformer attention scales docking of protein pairs to long sequences."),
                           unit(zip(RecommenderTests.near(0, 300), RecommenderTests.near(4, 301)).map { 0.7 * $0 + $1 }))
    /// Close in meaning to the saved papers, without the term.
    static let merelyClose = (paper("2303.00002", title: "Equivariant networks estimate the solubility of small compounds",
                                    abstract: "Equivariant message passing estimates solubility and toxicity of small compounds."),
                              RecommenderTests.near(0, 302))

    @Test func aPaperSharingTheSavedPapersRareTermIsRecommendedAboveOnesMerelyCloseInMeaning() async throws {
        let everything = Self.background + Self.saved + [Self.rareTerm, Self.merelyClose]
        try await withReader(of: everything) { recommender, user, signals in
            let found = try await recommender.recommend(userID: user.id, signals: signals, since: nil, limit: 20)
            let ids = found.items.map(\.paper.id)
            let trained = try #require(try await recommender.models.model(for: user.id, version: signals.version) { nil })
            let scores = [Self.rareTerm, Self.merelyClose].map { trained.model.score(PaperFeatures(paper: $0.0, vector: $0.1)) }
            #expect(ids.first == Self.rareTerm.0.id, "blended scores \(scores)")
            #expect(ids.firstIndex(of: Self.merelyClose.0.id) ?? 0 > 0, "the close paper is still recommended, below")
            #expect(Set(ids).isDisjoint(with: Self.saved.map(\.0.id)), "saved papers are never recommended")
            #expect(found.items.first?.nearestSaved.map { paper in Self.saved.contains { $0.0.id == paper.id } } == true)

            // The vector half alone would have put the close paper first.
            #expect(trained.model.vector.score(Self.merelyClose.1) > trained.model.vector.score(Self.rareTerm.1))
            #expect(trained.model.lexical.topWords.contains("quokkaformer"), "the keyword search for candidates asks for it")
        }
    }

    /// In the last 30 days the vector index pools only the papers closest to the model's
    /// direction; a recent paper on another subject (its vector turned away from the saved ones) that uses the saved papers' rare term comes
    /// into the pool through the candidates' term counts, and is recommended.
    @Test func aRecentPaperOnAnotherSubjectIsFoundByTheRareTermItUses() async throws {
        func recent(_ item: (Paper, [Float])) -> (Paper, [Float]) {
            var paper = item.0
            paper.publishedAt = Self.now.addingTimeInterval(-86_400)
            return (paper, item.1)
        }
        let elsewhere = recent((Self.rareTerm.0, Self.unit(zip(RecommenderTests.near(5, 303), RecommenderTests.near(0, 304)).map { $0 - 0.5 * $1 })))
        let everything = Self.saved + (Self.background + [Self.merelyClose]).map(recent) + [elsewhere]
        try await withReader(of: everything) { recommender, user, signals in
            let aligned = try await recommender.semantic.ranked(by: try #require(try await recommender.models.model(for: user.id, version: signals.version) {
                try await recommender.train(signals, seed: 1)
            }).model.vector.direction, among: everything.map(\.0.id), excluding: signals.excluded, limit: 5 * 3 + 20)
            #expect(!aligned.contains(elsewhere.0.id), "the vector index alone would not pool it")

            let found = try await recommender.recommend(userID: user.id, signals: signals, since: nil, limit: 5)
            #expect(found.widened == false)
            #expect(found.items.map(\.paper.id).contains(elsewhere.0.id))
            #expect(found.items.first { $0.paper.id == elsewhere.0.id }?.terms.contains("quokkaformer") == true)
        }
    }

    /// A SQLite store of `papers` and their vectors, and the recommender for a reader who saved `saved`.
    func withReader(of papers: [(Paper, [Float])],
                    _ body: (PersonalRecommender, User, LibrarySignals) async throws -> Void) async throws {
        try await withTemporaryStore { store in
            _ = try await store.upsert(papers.map(\.0))
            try await store.storeVectors(papers.map { PaperVector(id: $0.0.id, vector: $0.1) }, model: "test-model")
            let semantic = SemanticSearch(embedder: StoredVectorsOnly(), vectors: store)
            try await semantic.load()
            let user = try await store.createUser(name: "ada", email: "ada@example.org", passwordHash: "-", isAdmin: false, now: Self.now)
            let collection = try await store.defaultCollection(ownerID: user.id, now: Self.now)
            for (paper, _) in Self.saved { _ = try await store.addItem(collectionID: collection.id, paper: paper.id, note: nil, now: Self.now) }
            let recommender = PersonalRecommender(repository: store, library: store, semantic: semantic, models: RecommenderCache(),
                                                  clock: FixedClock(Self.now))
            try await body(recommender, user, try await recommender.signals(userID: user.id))
        }
    }

    struct StoredVectorsOnly: SentenceEmbedder {
        let modelName = "test-model"
        let dimensions = 8
        func embed(_ texts: [String]) async throws -> [[Float]] { throw CancellationError() }
    }

    static func paper(_ id: String, title: String, abstract: String) -> Paper {
        Paper(id: PaperID(rawValue: id), title: title, abstract: abstract, authors: [Author(name: "Ada Lovelace")],
              publishedAt: now.addingTimeInterval(-400 * 86_400), source: .arxivAtom)
    }

    static func unit(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / norm }
    }
}
