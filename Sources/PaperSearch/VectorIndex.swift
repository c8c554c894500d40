import Dispatch
import Foundation
import PaperCore
import Synchronization

/// Exact-enough nearest neighbours over unit vectors, held compactly in memory.
///
/// Each vector is kept twice, small: its signs as bits (48 bytes for 384 dimensions) and its
/// values as int8 with one scale (388 bytes). A query first ranks everything by a weighted
/// Hamming distance between sign bits: a differing sign costs 1, or 2 in the query's strongest
/// dimensions (the third of them with the largest magnitude), which tracks the cosine far better
/// for short text queries than plain Hamming at the same cost in memory. That scan is split
/// across the cores. The best `candidates` are then scored by int8 dot products, which track the
/// true cosine to about 1e-3. With fewer than `candidates` vectors the first stage is skipped.
/// The caller re-ranks the final few with the exact float vectors from the store
/// (`SemanticSearch`).
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

    /// Makes room for `count` vectors in all, so that loading many does not copy the arrays
    /// each time they grow (at millions of vectors a copy is hundreds of megabytes).
    public mutating func reserveCapacity(_ count: Int) {
        ids.reserveCapacity(count)
        bits.reserveCapacity(count * words)
        codes.reserveCapacity(count * dimensions)
        scales.reserveCapacity(count)
        position.reserveCapacity(count)
    }

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
        let (quantized, scale) = Self.quantize(vector)
        scales[index] = scale
        codes.replaceSubrange(index * dimensions..<(index + 1) * dimensions, with: quantized)
        let pattern = signBits(vector)
        bits.replaceSubrange(index * words..<(index + 1) * words, with: pattern)
    }

    /// The `limit` best matches for `query` (a unit vector) by approximate cosine, best first,
    /// among the vectors `allowed` admits (all when `nil`).
    public func nearest(to query: [Float], limit: Int, candidates: Int = 2_000,
                        allowed: ((PaperID) -> Bool)? = nil) -> [(id: PaperID, score: Float)] {
        guard query.count == dimensions, limit > 0, !ids.isEmpty else { return [] }
        let pool = ids.count <= candidates ? Array(0..<ids.count) : hammingNearest(query, count: candidates)
        let (queryCodes, queryScale) = Self.quantize(query)
        var scored: [(index: Int, score: Float)] = []
        scored.reserveCapacity(pool.count)
        codes.withUnsafeBufferPointer { all in
            queryCodes.withUnsafeBufferPointer { q in
                for index in pool where allowed?(ids[index]) ?? true {
                    let dot = Self.int8Dot(q.baseAddress!, all.baseAddress! + index * dimensions, dimensions)
                    scored.append((index, Float(dot) * queryScale * scales[index]))
                }
            }
        }
        return Self.best(scored, limit).map { (ids[$0.index], $0.score) }
    }

    /// The `limit` of `among` best matching `query` by approximate (int8) cosine, best first:
    /// every one of them is scored, with no sign-bit stage, for ranking a known set of
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

    private static func quantize(_ vector: [Float]) -> ([Int8], Float) {
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

    private func signBits(_ vector: [Float]) -> [UInt64] {
        (0..<words).map { word in
            var pattern: UInt64 = 0
            for bit in 0..<min(64, dimensions - word * 64) where vector[word * 64 + bit] > 0 { pattern |= 1 << UInt64(bit) }
            return pattern
        }
    }

    /// Indexes of the `count` vectors whose sign bits differ least (weighted) from the query's.
    private func hammingNearest(_ query: [Float], count: Int) -> [Int] {
        let queryBits = signBits(query)
        // The strongest third of the query's dimensions count double.
        let threshold = query.map(abs).sorted()[dimensions - dimensions / 3]
        let strong = signBits(query.map { abs($0) >= threshold ? 1 : 0 })
        let total = ids.count
        let parts = max(1, min(4 * System.cores, total / 16_384))
        let maxDistance = 2 * dimensions
        // Pass 1, on every core: distances (kept per part) and their histogram.
        let scanned = Mutex([(distances: [UInt16], histogram: [Int])](repeating: ([], []), count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (total * part / parts)..<(total * (part + 1) / parts)
            var histogram = [Int](repeating: 0, count: maxDistance + 1)
            let distances = [UInt16](unsafeUninitializedCapacity: range.count) { out, initialised in
                bits.withUnsafeBufferPointer { all in
                    Self.weightedHamming(all.baseAddress! + range.lowerBound * words, rows: range.count, words: words,
                                         query: queryBits, strong: strong, into: out.baseAddress!, histogram: &histogram)
                }
                initialised = range.count
            }
            scanned.withLock { $0[part] = (distances, histogram) }
        }
        let results = scanned.withLock { $0 }
        var histogram = [Int](repeating: 0, count: maxDistance + 1)
        for result in results { for (d, n) in result.histogram.enumerated() { histogram[d] += n } }
        var cutoff = 0
        var below = 0
        while cutoff < maxDistance, below + histogram[cutoff] < count {
            below += histogram[cutoff]
            cutoff += 1
        }
        // Pass 2: everything under the cut-off, then ties at it in index order until full.
        var atCutoff = count - below
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        var ties: [Int] = []
        for (part, result) in results.enumerated() {
            let offset = total * part / parts
            result.distances.withUnsafeBufferPointer { distances in
                for (i, distance) in distances.enumerated() where Int(distance) <= cutoff {
                    if Int(distance) < cutoff {
                        chosen.append(offset + i)
                    } else if atCutoff > 0 {
                        ties.append(offset + i)
                        atCutoff -= 1
                    }
                }
            }
        }
        return chosen + ties
    }

    /// Weighted Hamming distances of `rows` sign-bit rows to the query, counted into
    /// `histogram`. Bit-parallel (SWAR) in SSE2 registers, two words at a time, since baseline
    /// x86-64 has no popcount instruction.
    @inline(__always)
    private static func weightedHamming(_ rows: UnsafePointer<UInt64>, rows count: Int, words: Int,
                                        query: [UInt64], strong: [UInt64],
                                        into out: UnsafeMutablePointer<UInt16>, histogram: inout [Int]) {
        let pairs = words / 2
        // Up to 15 pairs (480 dimensions) per row are summed in bytes without overflow.
        guard words % 2 == 0, pairs <= 15 else {
            for row in 0..<count {
                var distance = 0
                for w in 0..<words {
                    let x = rows[row * words + w] ^ query[w]
                    distance += x.nonzeroBitCount + (x & strong[w]).nonzeroBitCount
                }
                out[row] = UInt16(truncatingIfNeeded: distance)
                histogram[distance] += 1
            }
            return
        }
        let q = (0..<pairs).map { SIMD2(query[2 * $0], query[2 * $0 + 1]) }
        let s = (0..<pairs).map { SIMD2(strong[2 * $0], strong[2 * $0 + 1]) }
        let m8: UInt64 = 0x00FF_00FF_00FF_00FF
        q.withUnsafeBufferPointer { q in
            s.withUnsafeBufferPointer { s in
                histogram.withUnsafeMutableBufferPointer { h in
                    let raw = UnsafeRawPointer(rows)
                    for row in 0..<count {
                        let base = raw + row * words * 8
                        var bytes = SIMD2<UInt64>()
                        for p in 0..<pairs {
                            let x = base.loadUnaligned(fromByteOffset: p * 16, as: SIMD2<UInt64>.self) ^ q[p]
                            bytes &+= byteCounts(x, x & s[p])
                        }
                        let both = bytes[0] &+ bytes[1]
                        let lanes = ((both >> 8) & m8) &+ (both & m8)
                        let distance = Int(truncatingIfNeeded: (lanes &* 0x0001_0001_0001_0001) >> 48)
                        out[row] = UInt16(truncatingIfNeeded: distance)
                        h[distance] &+= 1
                    }
                }
            }
        }
    }

    /// Per byte, the set bits of `x` plus those of `y` (at most 16).
    @inline(__always)
    private static func byteCounts(_ x: SIMD2<UInt64>, _ y: SIMD2<UInt64>) -> SIMD2<UInt64> {
        let m1 = SIMD2<UInt64>(repeating: 0x5555_5555_5555_5555), m2 = SIMD2<UInt64>(repeating: 0x3333_3333_3333_3333)
        let m4 = SIMD2<UInt64>(repeating: 0x0F0F_0F0F_0F0F_0F0F)
        let x2 = x &- ((x &>> 1) & m1), y2 = y &- ((y &>> 1) & m1)
        let z = (x2 & m2) &+ ((x2 &>> 2) & m2) &+ (y2 & m2) &+ ((y2 &>> 2) & m2)  // at most 8 per nibble
        return (z & m4) &+ ((z &>> 4) & m4)
    }
}

private enum System {
    static let cores = ProcessInfo.processInfo.activeProcessorCount
}
