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
            // Under the partition threshold: every vector is scored from its int8 codes.
            let approximate = index.nearest(to: query, limit: 10).map(\.id.rawValue)
            found += Set(exact).intersection(approximate).count
        }
        let recall = Double(found) / Double(queries * 10)
        #expect(recall >= 0.95, "recall@10 \(recall)")
    }

    /// Exact top ten by float dot products.
    func exactNearest(_ query: [Float], in vectors: [[Float]]) -> [String] {
        let scores = vectors.map { PlainVectorMath.dot($0, query) }
        return scores.indices.sorted { scores[$0] > scores[$1] }.prefix(10).map { "p\($0)" }
    }

    func partitionedIndex(of vectors: [[Float]]) -> VectorIndex {
        var index = VectorIndex(dimensions: vectors[0].count, partitionThreshold: 1_000)
        index.insert(vectors.enumerated().map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: $1) })
        #expect(index.wantsPartitions)
        index.partition()
        return index
    }

    @Test func aPartitionedIndexScoresAShareOfTheVectorsAndStillFindsTheNearest() {
        let vectors = clusteredVectors(count: 40_000, dimensions: 64, topics: 60)
        let index = partitionedIndex(of: vectors)
        #expect(index.isPartitioned)
        #expect(index.partitionCount == 32)
        #expect(!index.wantsPartitions, "not again until the index has doubled")
        var found = 0, foundFromOneList = 0
        let queries = 20
        for q in 0..<queries {
            let query = vectors[q * 1_997 % vectors.count]
            let exact = Set(exactNearest(query, in: vectors))
            found += exact.intersection(index.nearest(to: query, limit: 10).map(\.id.rawValue)).count
            foundFromOneList += exact.intersection(index.nearest(to: query, limit: 10, candidates: 1).map(\.id.rawValue)).count
        }
        let recall = Double(found) / Double(queries * 10)
        #expect(recall >= 0.95, "recall@10 \(recall)")
        // One list is a small share of the index, yet holds most of a query's neighbours.
        #expect(foundFromOneList > queries * 10 / 2 && foundFromOneList <= found, "from one list: \(foundFromOneList)")
    }

    @Test func vectorsAddedOrReplacedAfterPartitioningAreListed() {
        let vectors = clusteredVectors(count: 4_000, dimensions: 32, topics: 20)
        var index = partitionedIndex(of: vectors)
        let newcomer = vectors[5].map { -$0 }
        index.insert([PaperVector(id: PaperID(rawValue: "new"), vector: newcomer)])
        #expect(index.nearest(to: newcomer, limit: 1, candidates: 1).first?.id.rawValue == "new")
        // p7 moves to where p9 is; searching a few lists from there finds it beside p9.
        index.insert([PaperVector(id: PaperID(rawValue: "p7"), vector: vectors[9])])
        let near9 = index.nearest(to: vectors[9], limit: 2, candidates: 300).map(\.id.rawValue)
        #expect(Set(near9) == ["p7", "p9"])
        #expect(index.count == 4_001)
    }

    @Test func aTrainingBesideTheIndexLearnsWhichVectorsChangedMeanwhile() {
        let vectors = clusteredVectors(count: 2_000, dimensions: 32, topics: 10)
        var index = partitionedIndex(of: vectors)
        _ = index.trainingSample(tracking: true)
        // A refresh stores every vector again: the same ones are no change.
        index.insert(vectors.prefix(50).enumerated().map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: $1) })
        #expect(index.replaced == [])
        index.insert([PaperVector(id: PaperID(rawValue: "p3"), vector: vectors[1_000])])
        #expect(index.replaced?.count == 1)
        #expect(index.count == 2_000)
    }

    @Test func tooFewOrOddDimensionedVectorsAreNeverPartitioned() {
        var small = VectorIndex(dimensions: 32, partitionThreshold: 1_000)
        small.insert(clusteredVectors(count: 999, dimensions: 32).enumerated().map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: $1) })
        #expect(!small.wantsPartitions)
        let oddVectors = clusteredVectors(count: 100, dimensions: 33)
        var odd = VectorIndex(dimensions: 33, partitionThreshold: 16)
        odd.insert(oddVectors.enumerated().map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: $1) })
        #expect(!odd.wantsPartitions)
        odd.partition()
        #expect(!odd.isPartitioned)
        #expect(odd.nearest(to: oddVectors[0], limit: 1).first?.id.rawValue == "p0")
    }

    @Test func replacesAVectorInsteadOfAddingIt() {
        var index = VectorIndex(dimensions: 4)
        index.insert([PaperVector(id: PaperID(rawValue: "a"), vector: [1, 0, 0, 0])])
        index.insert([PaperVector(id: PaperID(rawValue: "a"), vector: [0, 1, 0, 0])])
        #expect(index.count == 1)
        #expect(index.nearest(to: [0, 1, 0, 0], limit: 1).first?.id.rawValue == "a")
        #expect((index.nearest(to: [0, 1, 0, 0], limit: 1).first?.score ?? 0) > 0.99)
    }

    @Test func reorderingMovesEachVectorWithItsPaper() {
        let vectors = clusteredVectors(count: 500, dimensions: 16, topics: 5)
        var index = VectorIndex(dimensions: 16)
        index.insert(vectors.enumerated().map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: $1) })
        let before = Dictionary(uniqueKeysWithValues: index.ids.enumerated().map { ($1, Array(index.codes[$0 * 16..<($0 + 1) * 16])) })
        var random = SeededRandom(seed: 5)
        // Cycles of every length, fixed points included.
        let order = (0..<500).map(Int32.init).shuffled(using: &random)
        index.reorder(order)
        #expect(index.ids.map(\.rawValue) == order.map { "p\($0)" })
        for (position, id) in index.ids.enumerated() {
            #expect(Array(index.codes[position * 16..<(position + 1) * 16]) == before[id])
        }
        #expect(index.nearest(to: vectors[42], limit: 1).first?.id.rawValue == "p42")
    }

    @Test func givesBackEachVectorAsItHoldsIt() throws {
        let vectors = clusteredVectors(count: 20, dimensions: 384, topics: 2)
        var index = VectorIndex(dimensions: 384)
        index.insert(vectors.enumerated().map { PaperVector(id: PaperID(rawValue: "p\($0)"), vector: $1) })
        for (number, vector) in vectors.enumerated() {
            let held = try #require(index.vector(of: PaperID(rawValue: "p\(number)")))
            #expect(PlainVectorMath.dot(held, vector) > 0.999)
        }
        #expect(index.vector(of: PaperID(rawValue: "absent")) == nil)
    }

    @Test func honoursTheFilter() {
        var index = VectorIndex(dimensions: 2)
        index.insert([PaperVector(id: PaperID(rawValue: "a"), vector: [1, 0]), PaperVector(id: PaperID(rawValue: "b"), vector: [0.8, 0.6])])
        #expect(index.nearest(to: [1, 0], limit: 2, allowed: { $0.rawValue != "a" }).map(\.id.rawValue) == ["b"])
    }
}
