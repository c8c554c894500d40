import Foundation
import PaperCore
@testable import PaperSearch
import Testing
import TestSupport

@Suite struct VectorIndexTests {
    /// Unit vectors around a few topics, like real embeddings (which cluster), from a fixed seed.
    func clusteredVectors(count: Int, dimensions: Int = 384, topics: Int = 40) -> [[Float]] {
        var random = SeededRandom(seed: 11)
        let centres = (0..<topics).map { _ in (0..<dimensions).map { _ in random.gaussian() } }
        return (0..<count).map { index in
            let centre = centres[index % topics]
            return normalised(centre.map { $0 + 0.9 * random.gaussian() })
        }
    }

    func normalised(_ v: [Float]) -> [Float] {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }

    @Test func findsTheExactNearestNeighboursOfMostQueries() {
        let vectors = clusteredVectors(count: 5_000)
        var index = VectorIndex(dimensions: 384)
        index.insert(vectors.enumerated().map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: $1) })
        var found = 0
        let queries = 20
        for q in 0..<queries {
            let query = vectors[q * 397 % vectors.count]
            let scores = vectors.map { PlainVectorMath.dot($0, query) }
            let exact = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(10).map { "p\($0)" }
            // Fewer candidates than vectors, so the sign-bit stage runs.
            let approximate = index.nearest(to: query, limit: 10, candidates: 1_000).map(\.id.rawValue)
            found += Set(exact).intersection(approximate).count
        }
        let recall = Double(found) / Double(queries * 10)
        #expect(recall >= 0.95, "recall@10 \(recall)")
    }

    @Test func replacesAVectorInsteadOfAddingIt() {
        var index = VectorIndex(dimensions: 4)
        index.insert([PaperVector(id: PaperID(rawValue: "a"), vector: [1, 0, 0, 0])])
        index.insert([PaperVector(id: PaperID(rawValue: "a"), vector: [0, 1, 0, 0])])
        #expect(index.count == 1)
        #expect(index.nearest(to: [0, 1, 0, 0], limit: 1).first?.id.rawValue == "a")
        #expect((index.nearest(to: [0, 1, 0, 0], limit: 1).first?.score ?? 0) > 0.99)
    }

    @Test func honoursTheFilter() {
        var index = VectorIndex(dimensions: 2)
        index.insert([PaperVector(id: PaperID(rawValue: "a"), vector: [1, 0]), PaperVector(id: PaperID(rawValue: "b"), vector: [0.8, 0.6])])
        #expect(index.nearest(to: [1, 0], limit: 2, allowed: { $0.rawValue != "a" }).map(\.id.rawValue) == ["b"])
    }
}
