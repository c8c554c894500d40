import Foundation
import PaperCore
@testable import PaperSearch
import PaperStore
import Testing
import TestSupport

/// Partitioning as `serve` does it: load the stored vectors, then partition beside the index.
@Suite struct SemanticSearchPartitionTests {
    struct StoredVectorsOnly: SentenceEmbedder {
        let modelName = "test-model"
        let dimensions = 16
        func embed(_ texts: [String]) async throws -> [[Float]] { throw CancellationError() }
    }

    static func papers(_ range: Range<Int>) -> [(Paper, [Float])] {
        var random = SeededRandom(seed: 5)
        let centres = (0..<8).map { _ in (0..<16).map { _ in random.gaussian() } }
        var all: [(Paper, [Float])] = []
        for i in 0..<range.upperBound {
            let raw = centres[i % 8].map { $0 + 0.5 * random.gaussian() }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let paper = Paper(id: PaperID(rawValue: "p\(i)"), title: "Paper \(i)", abstract: "Abstract \(i).",
                              authors: [Author(name: "Ada")], publishedAt: Date(timeIntervalSince1970: 1_700_000_000), source: .arxivAtom)
            all.append((paper, raw.map { $0 / norm }))
        }
        return Array(all[range])
    }

    @Test func aLoadedIndexIsPartitionedBesideSearchesAndAgainWhenItHasDoubled() async throws {
        try await withTemporaryStore { store in
            let first = Self.papers(0..<300)
            _ = try await store.upsert(first.map(\.0))
            try await store.storeVectors(first.map { PaperVector(id: $0.0.id, vector: $0.1) }, model: "test-model")
            let semantic = SemanticSearch(embedder: StoredVectorsOnly(), vectors: store, partitionThreshold: 100)
            try await semantic.load()
            #expect(await semantic.partitionIfDue())
            #expect(semantic.index.withLock { $0.isPartitioned && $0.partitionCount == 16 })
            #expect(await semantic.partitionIfDue() == false, "not due until the index has doubled")
            for (paper, vector) in first.prefix(20) {
                #expect(try await semantic.nearest(toVector: vector, limit: 1).first?.id == paper.id)
            }

            // New papers are found at once, and the doubled index is partitioned again.
            let more = Self.papers(300..<700)
            _ = try await store.upsert(more.map(\.0))
            try await store.storeVectors(more.map { PaperVector(id: $0.0.id, vector: $0.1) }, model: "test-model")
            semantic.add(more.map { PaperVector(id: $0.0.id, vector: $0.1) })
            for (paper, vector) in more.prefix(20) {
                #expect(try await semantic.nearest(toVector: vector, limit: 1).first?.id == paper.id)
            }
            // `add` started that in the background; wait for it (bounded, however loaded the machine).
            for _ in 0..<3_000 where semantic.index.withLock({ $0.partitionedAt }) != 700 {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(semantic.index.withLock { $0.partitionedAt == 700 && $0.partitionCount == 16 })
        }
    }
}
