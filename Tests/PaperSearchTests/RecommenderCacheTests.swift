import PaperCore
@testable import PaperSearch
import Testing

/// Each user's trained model is kept until their library's version changes, at most `capacity`
/// users; concurrent requests share one training; the shared terms are stable and distinctive.
@Suite struct RecommenderCacheTests {
    static let trained = TrainedRecommender(
        model: BlendedRecommender().train(wanted: [PaperFeatures(vector: RecommenderTests.near(1, 1), terms: [:])],
                                          background: RecommenderTests.background.map { PaperFeatures(vector: $0, terms: [:]) },
                                          words: [:])!,
        wanted: [Paper(id: PaperID(rawValue: "2401.00001"), title: "Quokka networks", abstract: "", authors: [], source: .huggingFace)])

    @Test func retrainsOnlyWhenTheVersionChanges() async throws {
        let cache = RecommenderCache(capacity: 2)
        let calls = CallCounter()
        let train: @Sendable () async throws -> TrainedRecommender? = {
            await calls.increment()
            return Self.trained
        }
        _ = try await cache.model(for: 1, version: 10, train: train)
        _ = try await cache.model(for: 1, version: 10, train: train)
        #expect(await cache.trainings == 1)
        #expect(await calls.count == 1)
        _ = try await cache.model(for: 1, version: 11, train: train)
        #expect(await cache.trainings == 2)
        // Users 2 and 3 fill it: user 1, asked for least recently, goes.
        _ = try await cache.model(for: 2, version: 1, train: train)
        _ = try await cache.model(for: 3, version: 1, train: train)
        #expect(await cache.count == 2)
        _ = try await cache.model(for: 3, version: 1, train: train)
        #expect(await cache.trainings == 4)
        _ = try await cache.model(for: 1, version: 11, train: train)
        #expect(await cache.trainings == 5, "user 1 was evicted and trains again")
    }

    @Test func concurrentRequestsShareOneTrainingAndFailuresAreForgotten() async throws {
        let cache = RecommenderCache()
        let calls = CallCounter()
        try await withThrowingTaskGroup(of: TrainedRecommender?.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await cache.model(for: 7, version: 1) {
                        await calls.increment()
                        try await Task.sleep(for: .milliseconds(20))
                        return Self.trained
                    }
                }
            }
            for try await result in group { #expect(result?.wanted.map(\.id) == Self.trained.wanted.map(\.id)) }
        }
        #expect(await calls.count == 1)
        await #expect(throws: CancellationError.self) {
            try await cache.model(for: 8, version: 1) { throw CancellationError() }
        }
        _ = try await cache.model(for: 8, version: 1) { Self.trained }
        #expect(await cache.trainings == 3, "the failed training is not kept")
    }

    @Test func sharedTermsAreKeywordsThenTitleWordsBothPapersUse() {
        let paper = Paper(id: PaperID(rawValue: "2401.00002"), title: "Sparse Retrieval with Learned Quokka Indexes",
                          abstract: "We index documents.", authors: [], aiKeywords: ["sparse retrieval", "mixture of experts"],
                          source: .huggingFace)
        let saved = Paper(id: PaperID(rawValue: "2401.00003"), title: "Quokka networks",
                          abstract: "A model for sparse retrievals of documents, learning indexes.", authors: [], source: .huggingFace)
        #expect(SharedTerms.between(paper, saved) == ["sparse retrieval", "quokka", "indexes"],
                "'learned' is too generic, 'with' a stop word, 'mixture of experts' not in the saved paper")
        #expect(SharedTerms.between(saved, paper) == ["quokka"], "the paper's own title words lead when it has no keywords")
    }

    @Test func theIndexRanksAGivenSetOfCandidates() {
        var index = VectorIndex(dimensions: 8)
        let vectors = (0..<40).map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: RecommenderTests.near($0 % 8, UInt64($0))) }
        index.insert(vectors)
        let among = [PaperID(rawValue: "p3"), PaperID(rawValue: "p11"), PaperID(rawValue: "p4"), PaperID(rawValue: "nope"),
                     PaperID(rawValue: "p3")]
        let ranked = index.nearest(to: RecommenderTests.near(3, 99), limit: 5, among: among).map(\.id.rawValue)
        #expect(ranked.count == 3 && Set(ranked.prefix(2)) == ["p3", "p11"] && ranked.last == "p4")
    }
}

/// How many times a training ran.
actor CallCounter {
    private(set) var count = 0
    func increment() { count += 1 }
}
