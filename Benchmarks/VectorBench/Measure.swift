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

func paperID(_ i: Int) -> PaperID {
    // arXiv-shaped, so ids are short inline strings like the real ones.
    let month = 2300 + i / 100_000, number = i % 100_000
    return PaperID(rawValue: "\(month)." + String(repeating: "0", count: 5 - String(number).count) + String(number))
}

func vectorIndex(of id: PaperID) -> Int {
    let parts = id.rawValue.split(separator: ".")
    return (Int(parts[0])! - 2300) * 100_000 + Int(parts[1])!
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
    func papersWithoutVectors(model: String, in ids: ClosedRange<PaperID>?, limit: Int) async throws -> [Paper] { [] }
    func idsWithoutVectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperID] { [] }
    func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector] {
        let first = id.map { vectorIndex(of: $0) + 1 } ?? 0
        return (first..<min(first + limit, count)).map { row in
            PaperVector(id: paperID(row), vector: Array(data[row * dimensions..<(row + 1) * dimensions]))
        }
    }
    func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int) { (count, count) }
}
