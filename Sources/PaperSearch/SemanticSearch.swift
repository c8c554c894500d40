import PaperCore
import Synchronization

/// Semantic retrieval: the query embedded in-process, the nearest papers from the in-memory
/// `VectorIndex`, the best few re-ranked with their exact vectors from the store.
public final class SemanticSearch: Sendable {
    public let embedder: any SentenceEmbedder
    let vectors: any VectorRepository
    private let index: Mutex<VectorIndex>

    public init(embedder: any SentenceEmbedder, vectors: any VectorRepository) {
        self.embedder = embedder
        self.vectors = vectors
        index = Mutex(VectorIndex(dimensions: embedder.dimensions))
    }

    /// Loads every stored vector of the embedder's model into memory; returns how many.
    @discardableResult
    public func load() async throws -> Int {
        var cursor: PaperID?
        while true {
            let page = try await vectors.vectors(model: embedder.modelName, after: cursor, limit: 5_000)
            guard let last = page.last else { break }
            add(page)
            cursor = last.id
        }
        return count
    }

    /// Loads vectors stored by another node since this index was filled. It reads every vector
    /// again, so it only runs when the store holds more than the index.
    public func refreshIfBehind() async throws {
        let stored = try await vectors.vectorCoverage(model: embedder.modelName).embedded
        if stored > count { try await load() }
    }

    /// Makes newly embedded papers findable at once.
    public func add(_ items: [PaperVector]) {
        index.withLock { $0.insert(items) }
    }

    public var count: Int { index.withLock { $0.count } }

    /// Papers nearest in meaning to `text`, best first, with cosine similarity.
    public func nearest(to text: String, limit: Int, where admits: ((PaperID) -> Bool)? = nil) async throws -> [(id: PaperID, score: Float)] {
        guard let query = try await embedder.embed([text]).first else { return [] }
        return try await nearest(toVector: query, limit: limit, where: admits)
    }

    /// Papers nearest to `vector`: approximate scores from the index for many candidates, then
    /// the exact cosine from the stored vectors for the ones returned.
    public func nearest(toVector vector: [Float], limit: Int, where admits: ((PaperID) -> Bool)? = nil) async throws -> [(id: PaperID, score: Float)] {
        let snapshot = index.withLock { $0 }
        let approximate = snapshot.nearest(to: vector, limit: limit + limit / 2 + 10, allowed: admits)
        let exact = try await vectors.vectors(ids: approximate.map(\.id), model: embedder.modelName)
        let rescored = exact.map { ($0.id, VectorMath.dot($0.vector, vector)) }
        return Array(rescored.sorted { $0.1 > $1.1 }.prefix(limit)).map { (id: $0.0, score: $0.1) }
    }

    /// Papers nearest to the stored vector of `id`, excluding itself; empty when it has none.
    public func similar(to id: PaperID, limit: Int) async throws -> [(id: PaperID, score: Float)] {
        guard let own = try await vectors.vectors(ids: [id], model: embedder.modelName).first else { return [] }
        return try await nearest(toVector: own.vector, limit: limit, where: { $0 != id })
    }
}

/// Small vector helpers.
enum VectorMath {
    /// The dot product; for unit vectors, their cosine similarity.
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
        return sum
    }
}
