import Foundation
import PaperCore
import Synchronization

/// Resident set size of this process, in bytes (Linux: /proc/self/statm).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func milliseconds(since start: UInt64) -> Double { Double(now() - start) / 1e6 }

/// Nearest-rank percentile of `values` (p in 0...100).
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
}

func paperID(_ i: Int) -> PaperID {
    // arXiv-shaped, so ids are short inline strings like the real ones.
    let month = 2300 + i / 100_000, number = i % 100_000
    return PaperID(rawValue: "\(month)." + String(repeating: "0", count: 5 - String(number).count) + String(number))
}

func vectorIndex(of id: PaperID) -> Int {
    let parts = id.rawValue.split(separator: ".")
    return (Int(parts[0])! - 2300) * 100_000 + Int(parts[1])!
}

@inline(__always) func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
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
func bruteForce(_ queries: [[Float]], data: [Float], count n: Int, dimensions: Int, k: Int) -> [[Int]] {
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

/// The store's vectors, from the generated array (the real store is SQLite or PostgreSQL).
struct InMemoryVectors: VectorRepository {
    let data: [Float]
    let count: Int
    let dimensions: Int

    func vectors(ids: [PaperID], model: String) async throws -> [PaperVector] {
        ids.map { id in
            let row = vectorIndex(of: id)
            return PaperVector(id: id, vector: Array(data[row * dimensions..<(row + 1) * dimensions]))
        }
    }
    func storeVectors(_ vectors: [PaperVector], model: String) async throws {}
    func papersWithoutVectors(model: String, limit: Int) async throws -> [Paper] { [] }
    func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector] { [] }
    func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int) { (count, count) }
}
