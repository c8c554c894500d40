import Foundation
import Synchronization

/// Nearest-rank percentile of `values` (p in 0...100).
public func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
}

/// The float dot product of two rows of `count` values.
@inline(__always) public func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
    var d = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while d + 16 <= count {
        s0 += ra.loadUnaligned(fromByteOffset: d * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: d * 4, as: SIMD8<Float>.self)
        s1 += ra.loadUnaligned(fromByteOffset: d * 4 + 32, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: d * 4 + 32, as: SIMD8<Float>.self)
        d += 16
    }
    var sum = (s0 + s1).sum()
    while d < count { sum += a[d] * b[d]; d += 1 }
    return sum
}

/// The exact top `k` rows of `data` (n × dimensions) by float dot product, for each query.
public func bruteForce(_ queries: [[Float]], data: [Float], count n: Int, dimensions: Int, k: Int) -> [[Int]] {
    let chunks = 32
    let found = Mutex([[(Int, Float)]](repeating: [], count: queries.count))
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let rows = (n * chunk / chunks)..<(n * (chunk + 1) / chunks)
        var best = [[(Int, Float)]](repeating: [], count: queries.count)
        var floors = [Float](repeating: -.infinity, count: queries.count)
        let flatQueries = queries.flatMap { $0 }
        data.withUnsafeBufferPointer { all in
            flatQueries.withUnsafeBufferPointer { qp in
                // Blocks of rows that stay in cache while every query visits them.
                for blockStart in stride(from: rows.lowerBound, to: rows.upperBound, by: 256) {
                    let block = blockStart..<min(blockStart + 256, rows.upperBound)
                    for q in queries.indices {
                        for row in block {
                            let score = dot(all.baseAddress! + row * dimensions, qp.baseAddress! + q * dimensions, dimensions)
                            guard score > floors[q] || best[q].count < k else { continue }
                            best[q].append((row, score))
                            if best[q].count > k {
                                best[q].sort { $0.1 > $1.1 }
                                best[q].removeLast()
                            }
                            if best[q].count == k { floors[q] = best[q].map(\.1).min()! }
                        }
                    }
                }
            }
        }
        found.withLock { merged in
            for q in merged.indices { merged[q].append(contentsOf: best[q]) }
        }
    }
    return found.withLock { merged in merged.map { Array($0.sorted { $0.1 > $1.1 }.prefix(k).map(\.0)) } }
}
