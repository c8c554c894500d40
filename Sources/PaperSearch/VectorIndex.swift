import CEmbeddingKernels
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
    /// Positions whose vector changed while partitions were being trained beside the index
    /// (`SemanticSearch`, between `trainingSample(tracking: true)` and `install`): the training
    /// may have matched their old vector, so `install` lists them again. `nil` when no such
    /// training runs.
    var replaced: Set<Int32>?

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
                // The same vector again (a refresh reads every stored vector) changes nothing.
                guard write(item.vector, at: index) else { continue }
                replaced?.insert(Int32(index))
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

    /// The vector stored for `id` as the index holds it (within about 1e-3 of the original's
    /// cosines), or `nil`.
    public func vector(of id: PaperID) -> [Float]? {
        guard let index = position[id] else { return nil }
        let scale = scales[index]
        return codes[index * dimensions..<(index + 1) * dimensions].map { Float($0) * scale }
    }

    /// Moves the vector at `order[i]` to position `i` (`order` a permutation of the positions).
    /// The codes (a gigabyte at millions of vectors) move in place, one cycle of the
    /// permutation at a time, so that no second copy is ever held.
    mutating func reorder(_ order: [Int32]) {
        precondition(order.count == count)
        ids = order.map { ids[Int($0)] }
        scales = order.map { scales[Int($0)] }
        listOf = order.map { listOf[Int($0)] }
        let dimensions = dimensions
        var placed = [Bool](repeating: false, count: order.count)
        codes.withUnsafeMutableBufferPointer { all in
            func row(_ position: Int) -> UnsafeMutableBufferPointer<Int8> {
                UnsafeMutableBufferPointer(rebasing: all[position * dimensions..<(position + 1) * dimensions])
            }
            for start in order.indices where !placed[start] {
                // Position `start` is written first, so its row is held until its cycle closes.
                let held = Array(row(start))
                var target = start
                while case let source = Int(order[target]), source != start {
                    _ = row(target).update(fromContentsOf: row(source))
                    placed[target] = true
                    target = source
                }
                _ = row(target).update(fromContentsOf: held)
                placed[target] = true
            }
        }
        for (new, id) in ids.enumerated() { position[id] = new }
    }

    /// Stores `vector` at `index`; returns whether that changed what was there.
    @discardableResult
    private mutating func write(_ vector: [Float], at index: Int) -> Bool {
        let (quantized, scale) = Self.quantize(vector)
        let slot = index * dimensions..<(index + 1) * dimensions
        if scales[index] == scale, codes[slot].elementsEqual(quantized) { return false }
        scales[index] = scale
        codes.replaceSubrange(slot, with: quantized)
        return true
    }

    /// How many vectors a text query scores by default once partitioned: 1 in 8 of them, at least
    /// 30,000. Recall@10 against exact search depends on this share: short text queries lie
    /// between topics and their neighbours under many centroids. At 2.7 million vectors
    /// (`scale-bench recall`) 1 in 16 found 0.919 of their exact top ten, 1 in 8 0.953 (10 ms a
    /// query), 1 in 4 0.965, all of them 0.972 (what the int8 codes themselves lose).
    public static func defaultCandidates(for count: Int) -> Int { max(30_000, count / 8) }

    /// How many vectors a query by a paper's own vector scores (similar papers): 1 in 16, at
    /// least 30,000. A paper lies inside its topic, in the lists nearest it, so half the text
    /// queries' share finds its neighbours as well (see `scale-bench recall`) in half the time.
    public static func paperCandidates(for count: Int) -> Int { max(30_000, count / 16) }

    /// The `limit` best matches for `query` (a unit vector) by approximate cosine, best first,
    /// among the vectors `allowed` admits (all when `nil`). Partitioned, it scores the vectors
    /// under the query's nearest centroids until it has scored `candidates` of them.
    public func nearest(to query: [Float], limit: Int, candidates: Int? = nil,
                        allowed: ((PaperID) -> Bool)? = nil) -> [(id: PaperID, score: Float)] {
        guard query.count == dimensions, limit > 0, !ids.isEmpty else { return [] }
        let (queryCodes, queryScale) = Self.quantize(query)
        var scored: [(index: Int, score: Float)] = []
        func score(_ rows: [Int32]?, count: Int) {
            for (i, dot) in dots(queryCodes, rows: rows, count: count).enumerated() {
                let index = rows.map { Int($0[i]) } ?? i
                guard allowed?(ids[index]) ?? true else { continue }
                scored.append((index, Float(dot) * queryScale * scales[index]))
            }
        }
        guard let partitions else {
            score(nil, count: ids.count)
            return Self.best(scored, limit).map { (ids[$0.index], $0.score) }
        }
        let budget = candidates ?? Self.defaultCandidates(for: ids.count)
        // The last list read goes past the budget by at most its own length (about 2,000).
        scored.reserveCapacity(budget + 4_096)
        var seen = 0
        for list in partitions.ranked(query) where seen < budget {
            score(partitions.lists[list], count: partitions.lists[list].count)
            seen += partitions.lists[list].count
        }
        return Self.best(scored, limit).map { (ids[$0.index], $0.score) }
    }

    /// The `limit` of `among` best matching `query` by approximate (int8) cosine, best first:
    /// every one of them is scored, without the partitions, for ranking a known set of
    /// candidates (a period's papers) however small a share of the index they are. Ids without
    /// a vector here are left out.
    public func nearest(to query: [Float], limit: Int, among: [PaperID]) -> [(id: PaperID, score: Float)] {
        guard query.count == dimensions, limit > 0 else { return [] }
        var seen = Set<Int32>()
        let rows = among.compactMap { position[$0].map(Int32.init) }.filter { seen.insert($0).inserted }
        let (queryCodes, queryScale) = Self.quantize(query)
        let scored = zip(rows, dots(queryCodes, rows: rows, count: rows.count)).map { row, dot in
            (index: Int(row), score: Float(dot) * queryScale * scales[Int(row)])
        }
        return Self.best(scored, limit).map { (ids[$0.index], $0.score) }
    }

    /// The int8 dot products of `query`'s codes with the vectors at `rows` (the first `count`
    /// vectors when `nil`), on the fastest path this CPU has (`pf_int8_dots`).
    private func dots(_ query: [Int8], rows: [Int32]?, count: Int) -> [Int32] {
        guard count > 0 else { return [] }
        return [Int32](unsafeUninitializedCapacity: count) { out, initialised in
            if let rows {
                pf_int8_dots(VectorPartitions.kernel, query, codes, rows, Int32(count), Int32(dimensions), out.baseAddress!)
            } else {
                pf_int8_dots(VectorPartitions.kernel, query, codes, nil, Int32(count), Int32(dimensions), out.baseAddress!)
            }
            initialised = count
        }
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
}
