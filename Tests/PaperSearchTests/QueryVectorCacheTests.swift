import PaperCore
@testable import PaperSearch
import Synchronization
import Testing

/// Semantic search embeds a query text once and reuses its vector (issue 13).
@Suite struct QueryVectorCacheTests {
    @Test func theLeastRecentlyUsedVectorLeavesFirst() {
        var cache = QueryVectorCache(capacity: 2)
        cache.insert([1], for: "a")
        cache.insert([2], for: "b")
        #expect(cache.vector(for: "a") == [1])
        cache.insert([3], for: "c")
        #expect(cache.vector(for: "b") == nil)
        #expect(cache.vector(for: "a") == [1])
        #expect(cache.vector(for: "c") == [3])
        cache.insert([4], for: "c")
        #expect(cache.count == 2)
        #expect(cache.vector(for: "c") == [4])
    }

    @Test func theSameQueryTextIsEmbeddedOnce() async throws {
        let embedder = CountingEmbedder()
        let semantic = SemanticSearch(embedder: embedder, vectors: NoVectors(), cachedQueries: 2)
        for text in ["robots", "robots", "videos", "robots", "videos"] {
            _ = try await semantic.nearest(to: text, limit: 5)
        }
        #expect(embedder.calls == 2)
        _ = try await semantic.nearest(to: "a third", limit: 5)
        _ = try await semantic.nearest(to: "videos", limit: 5)
        #expect(embedder.calls == 3, "robots was used longest ago, so it left the cache of two")
        _ = try await semantic.nearest(to: "robots", limit: 5)
        #expect(embedder.calls == 4)
        #expect(semantic.cachedQueryCount == 2)
    }
}

/// An embedder that counts the texts it is asked to embed.
final class CountingEmbedder: SentenceEmbedder {
    let modelName = "counting"
    let dimensions = 2
    private let count = Mutex(0)
    var calls: Int { count.withLock { $0 } }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        count.withLock { $0 += texts.count }
        return texts.map { _ in [1, 0] }
    }
}

/// A vector store with no vectors.
struct NoVectors: VectorRepository {
    func storeVectors(_ vectors: [PaperVector], model: String) async throws {}
    func papersWithoutVectors(model: String, in ids: ClosedRange<PaperID>?, limit: Int) async throws -> [Paper] { [] }
    func idsWithoutVectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperID] { [] }
    func vectors(ids: [PaperID], model: String) async throws -> [PaperVector] { [] }
    func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector] { [] }
    func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int) { (0, 0) }
}
