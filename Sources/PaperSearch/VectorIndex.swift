import PaperCore

/// Nearest neighbours over unit vectors, held compactly in memory.
///
/// Each vector is kept as int8 values with one scale (388 bytes for 384 dimensions), whose dot
/// products track the true cosine to about 1e-3. Up to `partitionThreshold` vectors, a query
/// scores all of them. Beyond that the index is partitioned (`VectorPartitions`, made by
/// `partition()` or, without holding up searches, by `SemanticSearch.partitionIfDue()`): each
/// vector is listed under its nearest of about one centroid per 2,000 vectors, and a query
/// scores the vectors under its nearest centroids until it has scored `candidates` of them. New
/// vectors are listed as they come; the partitions are trained again when the index has doubled.
/// The caller re-ranks the final few with the exact float vectors from the store
/// (`SemanticSearch`).
public struct VectorIndex: Sendable {
    public let dimensions: Int
    /// From how many vectors partitions pay: below, scoring every vector costs a few milliseconds.
    public let partitionThreshold: Int
    private(set) var ids: [PaperID] = []
    private(set) var codes: [Int8] = []
    private(set) var scales: [Float] = []
    private var position: [PaperID: Int] = [:]
    /// The inverted file, once trained; every vector is listed in it.
    var partitions: VectorPartitions?
    /// The list each vector is in (its position's entry; -1 before partitioning).
    var listOf: [Int32] = []
    /// How many vectors the partitions were trained on.
    var partitionedAt = 0
    /// Positions whose vector was replaced since the partitions were last trained: a training
    /// done beside the index (`SemanticSearch`) matched their old vector and lists them again.
    var replaced: Set<Int32> = []

    public init(dimensions: Int, partitionThreshold: Int = 20_000) {
        self.dimensions = dimensions
        self.partitionThreshold = partitionThreshold
    }

    public var count: Int { ids.count }

    /// Bytes held per vector, for capacity planning (ids and the position map excluded).
    public var bytesPerVector: Int { dimensions + 4 + (partitions == nil ? 0 : 8) }

    /// Makes room for `count` vectors in all, so that loading many does not copy the arrays
    /// each time they grow (at millions of vectors a copy is hundreds of megabytes).
    public mutating func reserveCapacity(_ count: Int) {
        ids.reserveCapacity(count)
        codes.reserveCapacity(count * dimensions)
        scales.reserveCapacity(count)
        position.reserveCapacity(count)
        listOf.reserveCapacity(count)
    }

    /// Adds or replaces vectors (each of `dimensions` values; others are ignored). Once the
    /// index is partitioned, each is listed under its nearest centroid.
    public mutating func insert(_ items: [PaperVector]) {
        var changed: [Int32] = []
        for item in items where item.vector.count == dimensions {
            if let index = position[item.id] {
                write(item.vector, at: index)
                replaced.insert(Int32(index))
            } else {
                position[item.id] = ids.count
                ids.append(item.id)
                codes.append(contentsOf: repeatElement(0, count: dimensions))
                scales.append(0)
                listOf.append(-1)
                write(item.vector, at: ids.count - 1)
            }
            changed.append(Int32(position[item.id]!))
        }
        if partitions != nil { list(changed) }
    }

    private mutating func write(_ vector: [Float], at index: Int) {
        let (quantized, scale) = Self.quantize(vector)
        scales[index] = scale
        codes.replaceSubrange(index * dimensions..<(index + 1) * dimensions, with: quantized)
    }

    /// How many vectors a query scores by default once partitioned: 1 in 50 of them, at least
    /// 4,000. Recall@10 against exact search (`scripts/bench-vectors.sh`) depends on this share.
    public static func defaultCandidates(for count: Int) -> Int { max(4_000, count / 50) }

    /// The `limit` best matches for `query` (a unit vector) by approximate cosine, best first,
    /// among the vectors `allowed` admits (all when `nil`). Partitioned, it scores the vectors
    /// under the query's nearest centroids until it has scored `candidates` of them.
    public func nearest(to query: [Float], limit: Int, candidates: Int? = nil,
                        allowed: ((PaperID) -> Bool)? = nil) -> [(id: PaperID, score: Float)] {
        guard query.count == dimensions, limit > 0, !ids.isEmpty else { return [] }
        let (queryCodes, queryScale) = Self.quantize(query)
        var scored: [(index: Int, score: Float)] = []
        codes.withUnsafeBufferPointer { all in
            queryCodes.withUnsafeBufferPointer { q in
                func score(_ index: Int) {
                    guard allowed?(ids[index]) ?? true else { return }
                    let dot = Self.int8Dot(q.baseAddress!, all.baseAddress! + index * dimensions, dimensions)
                    scored.append((index, Float(dot) * queryScale * scales[index]))
                }
                guard let partitions else {
                    scored.reserveCapacity(ids.count)
                    for index in ids.indices { score(index) }
                    return
                }
                let budget = candidates ?? Self.defaultCandidates(for: ids.count)
                scored.reserveCapacity(budget + 4_000)
                var seen = 0
                for list in partitions.ranked(query) where seen < budget {
                    for index in partitions.lists[list] { score(Int(index)) }
                    seen += partitions.lists[list].count
                }
            }
        }
        return Self.best(scored, limit).map { (ids[$0.index], $0.score) }
    }

    /// The `limit` of `among` best matching `query` by approximate (int8) cosine, best first:
    /// every one of them is scored, without the partitions, for ranking a known set of
    /// candidates (a period's papers) however small a share of the index they are. Ids without
    /// a vector here are left out.
    public func nearest(to query: [Float], limit: Int, among: [PaperID]) -> [(id: PaperID, score: Float)] {
        guard query.count == dimensions, limit > 0 else { return [] }
        let (queryCodes, queryScale) = Self.quantize(query)
        var scored: [(index: Int, score: Float)] = []
        scored.reserveCapacity(among.count)
        codes.withUnsafeBufferPointer { all in
            queryCodes.withUnsafeBufferPointer { q in
                var seen = Set<Int>()
                for id in among {
                    guard let index = position[id], seen.insert(index).inserted else { continue }
                    let dot = Self.int8Dot(q.baseAddress!, all.baseAddress! + index * dimensions, dimensions)
                    scored.append((index, Float(dot) * queryScale * scales[index]))
                }
            }
        }
        return Self.best(scored, limit).map { (ids[$0.index], $0.score) }
    }

    /// The `limit` highest scores, best first, without sorting everything.
    private static func best(_ scored: [(index: Int, score: Float)], _ limit: Int) -> [(index: Int, score: Float)] {
        guard scored.count > limit * 4 else { return Array(scored.sorted { $0.score > $1.score }.prefix(limit)) }
        var top = Array(scored.prefix(limit)).sorted { $0.score > $1.score }
        for item in scored.dropFirst(limit) where item.score > top[limit - 1].score {
            var slot = limit - 1
            while slot > 0, top[slot - 1].score < item.score {
                top[slot] = top[slot - 1]
                slot -= 1
            }
            top[slot] = item
        }
        return top
    }

    static func quantize(_ vector: [Float]) -> ([Int8], Float) {
        let maxMagnitude = vector.lazy.map { abs($0) }.max() ?? 0
        let scale = maxMagnitude > 0 ? maxMagnitude / 127 : 1
        return (vector.map { Int8(($0 / scale).rounded()) }, scale)
    }

    /// Σ a[d]·b[d] over int8 values in [-127, 127], sixteen lanes at a time: a product fits in
    /// Int16, and so does the sum of two, so pairs are added before widening to Int32.
    @inline(__always)
    private static func int8Dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ count: Int) -> Int32 {
        var sum = SIMD8<Int32>()
        var d = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while d + 16 <= count {
            let x = SIMD16<Int16>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: d, as: SIMD16<Int8>.self))
            let y = SIMD16<Int16>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: d, as: SIMD16<Int8>.self))
            let product = x &* y
            let pairs = product.evenHalf &+ product.oddHalf
            sum &+= SIMD8<Int32>(truncatingIfNeeded: pairs)
            d += 16
        }
        var total = sum.wrappedSum()
        while d < count {
            total &+= Int32(a[d]) &* Int32(b[d])
            d += 1
        }
        return total
    }
}
