import PaperCore
import Synchronization

/// Semantic retrieval: the query embedded in-process, the nearest papers from the in-memory
/// `VectorIndex`, the best few re-ranked with their exact vectors from the store. A store that
/// searches vectors itself (pgvector) is asked instead, and nothing is held in memory.
public final class SemanticSearch: Sendable {
    public let embedder: any SentenceEmbedder
    let vectors: any VectorRepository
    /// The store's own nearest-neighbour search, when it has one.
    let native: (any NearestVectorSearch)?
    let index: Mutex<VectorIndex>
    /// Recent query texts and their vectors: the model is the slowest part of a search.
    private let queryVectors: Mutex<QueryVectorCache>
    /// Whether `load()` is running, and how many stored vectors it reads in all once counted.
    private let loadState = Mutex(LoadState.idle)
    /// How many papers have a vector of this model in the store, and how many papers there are,
    /// as last counted (`BackgroundCount`): for the start-up banner, `/health` and `/metrics`.
    public let counts: BackgroundCount<Coverage>
    /// Whether `partitionIfDue()` is training the index's partitions.
    let partitioning = Atomic(false)

    public typealias Coverage = (embedded: Int, papers: Int)
    private enum LoadState { case idle, loading(total: Int?) }

    /// `partitionThreshold`: from how many vectors the index is partitioned (`VectorIndex`).
    public init(embedder: any SentenceEmbedder, vectors: any VectorRepository, cachedQueries: Int = 256,
                partitionThreshold: Int = 20_000) {
        self.embedder = embedder
        queryVectors = Mutex(QueryVectorCache(capacity: cachedQueries))
        self.vectors = vectors
        native = (vectors as? any NearestVectorSearch).flatMap { $0.searchesVectors ? $0 : nil }
        index = Mutex(VectorIndex(dimensions: embedder.dimensions, partitionThreshold: partitionThreshold))
        let model = embedder.modelName
        counts = BackgroundCount { try await vectors.vectorCoverage(model: model) }
    }

    /// Whether the store finds the nearest vectors (pgvector) rather than this process.
    public var searchesInStore: Bool { native != nil }

    /// Loads every stored vector of the embedder's model into memory; returns how many are
    /// searchable (with a store that searches itself, how many it holds). Searches may run
    /// meanwhile: they see the vectors read so far, and `loading` says how far that is.
    @discardableResult
    public func load() async throws -> Int {
        if native != nil { return try await vectors.vectorCoverage(model: embedder.modelName).embedded }
        let counted: Int? = loadState.withLock { if case let .loading(total) = $0 { total } else { nil } }
        if counted == nil { expectLoad(of: try await counts.value()?.embedded) }
        defer { loadState.withLock { $0 = .idle } }
        try await readAll()
        return count
    }

    /// Says that `load()` will read `total` vectors (`nil`: not counted yet), before it starts:
    /// `serve` listens first and loads after, and from the first request on, searches and
    /// `/health` say the index is loading. Makes room for them at once, so the index's arrays
    /// are not copied as they grow.
    public func expectLoad(of total: Int?) {
        guard native == nil else { return }
        loadState.withLock { $0 = .loading(total: total) }
        if let total { index.withLock { $0.reserveCapacity(total) } }
    }

    /// Returns once `load()` is done (at once when it is not running), or when cancelled.
    public func untilLoaded() async {
        while loading != nil, !Task.isCancelled { try? await Task.sleep(for: .seconds(1)) }
    }

    /// While the index is loading: the vectors in it so far, of how many when counted; `nil`
    /// once it is loaded (or when vectors are searched in the store).
    public var loading: IndexLoading? {
        guard case let .loading(total) = loadState.withLock({ $0 }) else { return nil }
        let loaded = count
        return IndexLoading(loaded: loaded, total: total.map { max($0, loaded) })
    }

    private func readAll() async throws {
        var cursor: PaperID?
        while true {
            try Task.checkCancellation()
            let page = try await vectors.vectors(model: embedder.modelName, after: cursor, limit: 5_000)
            guard let last = page.last else { break }
            add(page)
            cursor = last.id
        }
        // What reading the pages left behind.
        FreedMemory.returnToSystem()
    }

    /// Loads vectors stored by another node since this index was filled. It reads every vector
    /// again, so it only runs when the store holds more than the index, and not while `load()`
    /// is still reading.
    public func refreshIfBehind() async throws {
        guard native == nil, loading == nil else { return }
        let stored = try await vectors.vectorCoverage(model: embedder.modelName).embedded
        if stored > count { try await readAll() }
    }

    /// Makes newly embedded papers findable at once (and partitions the index in the background
    /// when it has grown enough, unless it is loading).
    public func add(_ items: [PaperVector]) {
        guard native == nil else { return }
        index.withLock { $0.insert(items) }
        partitionInBackgroundIfDue()
    }

    public var count: Int { index.withLock { $0.count } }

    /// Papers nearest in meaning to `text`, best first, with cosine similarity.
    public func nearest(to text: String, limit: Int, where admits: ((PaperID) -> Bool)? = nil) async throws -> [(id: PaperID, score: Float)] {
        guard let query = try await vector(for: text) else { return [] }
        return try await nearest(toVector: query, limit: limit, where: admits)
    }

    /// The query's vector: from the cache when the same text was embedded lately, else from the
    /// model. Two searches of a new text at the same moment may both run the model; both store
    /// the same vector.
    func vector(for text: String) async throws -> [Float]? {
        if let cached = queryVectors.withLock({ $0.vector(for: text) }) { return cached }
        guard let vector = try await embedder.embed([text]).first else { return nil }
        queryVectors.withLock { $0.insert(vector, for: text) }
        return vector
    }

    /// How many query vectors the cache holds.
    var cachedQueryCount: Int { queryVectors.withLock { $0.count } }

    /// Papers nearest to `vector`: approximate scores from the index for many candidates, then
    /// the exact cosine from the stored vectors for the ones returned.
    public func nearest(toVector vector: [Float], limit: Int, where admits: ((PaperID) -> Bool)? = nil) async throws -> [(id: PaperID, score: Float)] {
        if let native { return try await nearest(in: native, to: vector, limit: limit, where: admits) }
        // Searched under the lock rather than on a copy: a copy alive while vectors are added
        // (loading, embedding) would make the index copy all its arrays, a second gigabyte at
        // millions of papers. A partitioned index reads a few milliseconds' worth of vectors,
        // so searches lose little by taking turns.
        let approximate = index.withLock { $0.nearest(to: vector, limit: limit + limit / 2 + 10, allowed: admits) }
        let exact = try await vectors.vectors(ids: approximate.map(\.id), model: embedder.modelName)
        let rescored = exact.map { ($0.id, PlainVectorMath.dot($0.vector, vector)) }
        return Array(rescored.sorted { $0.1 > $1.1 }.prefix(limit)).map { (id: $0.0, score: $0.1) }
    }

    /// The store's exact answer; with a filter, asked for more until enough pass.
    private func nearest(in store: any NearestVectorSearch, to vector: [Float], limit: Int,
                         where admits: ((PaperID) -> Bool)?) async throws -> [(id: PaperID, score: Float)] {
        var fetch = admits == nil ? limit : limit * 2 + 10
        while true {
            let found = try await store.nearestVectors(to: vector, model: embedder.modelName, limit: fetch)
            let passing = admits.map { admits in found.filter { admits($0.id) } } ?? found
            if passing.count >= limit || found.count < fetch || fetch >= 10_000 { return Array(passing.prefix(limit)) }
            fetch *= 4
        }
    }

    /// Papers nearest to the stored vector of `id`, excluding itself; empty when it has none.
    /// A paper in the index is its own query there, and the index's scores (within about 1e-3
    /// of the cosines) order its neighbours: no stored vector is read, where reading its own and
    /// its candidates' (about 25 random reads) was most of a request on a cold disk at a
    /// million papers. It asks for one more rather than filter itself out: a filter is called
    /// for every vector scored (169,000 at 2.7 million papers).
    public func similar(to id: PaperID, limit: Int) async throws -> [(id: PaperID, score: Float)] {
        if native == nil, let found = index.withLock({ index in
            index.vector(of: id).map { index.nearest(to: $0, limit: limit + 1, candidates: VectorIndex.paperCandidates(for: index.count)) }
        }) {
            return Array(found.filter { $0.id != id }.prefix(limit))
        }
        guard let own = try await vectors.vectors(ids: [id], model: embedder.modelName).first else { return [] }
        return try await nearest(toVector: own.vector, limit: limit, where: { $0 != id })
    }
}

/// Vector helpers in plain loops (PaperSearch does not link Embedding's SIMD kernels).
enum PlainVectorMath {
    /// The dot product; for unit vectors, their cosine similarity.
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in dot(a, b) } }
    }

    static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        var sum: Float = 0
        for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
        return sum
    }
}

/// How far `SemanticSearch.load()` has read: "N of M" as the API header and `/health` say it,
/// "N so far" while the stored vectors are still being counted.
public struct IndexLoading: Sendable, CustomStringConvertible {
    public let loaded: Int
    /// `nil` until the stored vectors are counted (seconds at millions of papers).
    public let total: Int?
    public var description: String { total.map { "\(loaded) of \($0)" } ?? "\(loaded) so far" }
    /// As people read it: "1,200 of 8,091 papers", "1,200 papers so far".
    public var papers: String {
        total.map { "\(loaded.formatted()) of \($0.formatted()) papers" } ?? "\(loaded.formatted()) papers so far"
    }
}
