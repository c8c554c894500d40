import PaperCore

/// Exact-enough nearest neighbours over unit vectors, held compactly in memory.
///
/// Each vector is kept twice, small: its signs as bits (48 bytes for 384 dimensions) and its
/// values as int8 with one scale (388 bytes). A query first ranks everything by Hamming
/// distance between sign bits (a few XOR and popcount instructions per vector), then scores the
/// best `candidates` by int8 dot products, which track the true cosine to about 1e-3. With
/// fewer than `candidates` vectors the first stage is skipped. The caller re-ranks the final
/// few with the exact float vectors from the store (`SemanticSearch`).
public struct VectorIndex: Sendable {
    public let dimensions: Int
    private(set) var ids: [PaperID] = []
    private var bits: [UInt64] = []
    private var codes: [Int8] = []
    private var scales: [Float] = []
    private var position: [PaperID: Int] = [:]
    private let words: Int

    public init(dimensions: Int) {
        self.dimensions = dimensions
        words = (dimensions + 63) / 64
    }

    public var count: Int { ids.count }

    /// Bytes held per vector, for capacity planning (ids and the position map excluded).
    public var bytesPerVector: Int { words * 8 + dimensions + 4 }

    /// Adds or replaces vectors (each of `dimensions` values; others are ignored).
    public mutating func insert(_ items: [PaperVector]) {
        for item in items where item.vector.count == dimensions {
            if let index = position[item.id] {
                write(item.vector, at: index)
            } else {
                position[item.id] = ids.count
                ids.append(item.id)
                bits.append(contentsOf: repeatElement(0, count: words))
                codes.append(contentsOf: repeatElement(0, count: dimensions))
                scales.append(0)
                write(item.vector, at: ids.count - 1)
            }
        }
    }

    private mutating func write(_ vector: [Float], at index: Int) {
        let maxMagnitude = vector.lazy.map { abs($0) }.max() ?? 0
        let scale = maxMagnitude > 0 ? maxMagnitude / 127 : 1
        scales[index] = scale
        for (d, value) in vector.enumerated() {
            codes[index * dimensions + d] = Int8((value / scale).rounded())
        }
        for word in 0..<words {
            var pattern: UInt64 = 0
            for bit in 0..<64 where word * 64 + bit < dimensions && vector[word * 64 + bit] > 0 {
                pattern |= 1 << UInt64(bit)
            }
            bits[index * words + word] = pattern
        }
    }

    /// The `limit` best matches for `query` (a unit vector) by approximate cosine, best first,
    /// among the vectors `allowed` admits (all when `nil`).
    public func nearest(to query: [Float], limit: Int, candidates: Int = 2_000,
                        allowed: ((PaperID) -> Bool)? = nil) -> [(id: PaperID, score: Float)] {
        guard query.count == dimensions, limit > 0, !ids.isEmpty else { return [] }
        let pool = ids.count <= candidates ? Array(0..<ids.count) : hammingNearest(query, count: candidates)
        let (queryCodes, queryScale) = quantize(query)
        var scored: [(index: Int, score: Float)] = []
        scored.reserveCapacity(pool.count)
        for index in pool where allowed?(ids[index]) ?? true {
            scored.append((index, Float(int8Dot(queryCodes, index)) * queryScale * scales[index]))
        }
        return scored.sorted { $0.score > $1.score }.prefix(limit).map { (ids[$0.index], $0.score) }
    }

    private func quantize(_ vector: [Float]) -> ([Int8], Float) {
        let maxMagnitude = vector.lazy.map { abs($0) }.max() ?? 0
        let scale = maxMagnitude > 0 ? maxMagnitude / 127 : 1
        return (vector.map { Int8(($0 / scale).rounded()) }, scale)
    }

    private func int8Dot(_ query: [Int8], _ index: Int) -> Int32 {
        codes.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                let row = all.baseAddress! + index * dimensions
                var sum: Int32 = 0
                for d in 0..<dimensions { sum &+= Int32(q[d]) &* Int32(row[d]) }
                return sum
            }
        }
    }

    /// Indexes of the `count` vectors whose sign bits differ least from the query's.
    private func hammingNearest(_ query: [Float], count: Int) -> [Int] {
        var queryBits = [UInt64](repeating: 0, count: words)
        for (d, value) in query.enumerated() where value > 0 { queryBits[d / 64] |= 1 << UInt64(d % 64) }
        // Distances are small integers: histogram them, find the cut-off, collect in one more pass.
        var distances = [UInt16](repeating: 0, count: ids.count)
        var histogram = [Int](repeating: 0, count: dimensions + 1)
        bits.withUnsafeBufferPointer { all in
            for index in 0..<ids.count {
                var distance = 0
                for word in 0..<words { distance += (all[index * words + word] ^ queryBits[word]).nonzeroBitCount }
                distances[index] = UInt16(distance)
                histogram[distance] += 1
            }
        }
        var cutoff = 0
        var below = 0
        while cutoff < dimensions, below + histogram[cutoff] < count {
            below += histogram[cutoff]
            cutoff += 1
        }
        var atCutoff = count - below
        var result: [Int] = []
        result.reserveCapacity(count)
        for (index, distance) in distances.enumerated() {
            if Int(distance) < cutoff {
                result.append(index)
            } else if Int(distance) == cutoff, atCutoff > 0 {
                result.append(index)
                atCutoff -= 1
            }
        }
        return result
    }
}
