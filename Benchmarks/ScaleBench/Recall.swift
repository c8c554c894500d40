import BenchmarkSupport
import Embedding
import Foundation
import PaperCore
import PaperSearch

/// Recall@10 of the in-memory `VectorIndex` against exact float search, over the corpus's own
/// vectors (regenerated: the same seed makes the same vectors), for text queries embedded by
/// the real model: the 20 short queries vector-bench uses and titles of the real snapshot lines.
enum Recall {
    static func run(papers: Int, queries count: Int) async throws {
        let embedder = try MiniLMEmbedder.load(directory: Bench.modelDirectory)
        let generator = try await corpusVectors { try await embedder.embed($0) }
        let dimensions = generator.dimensions
        let data = generator.flat(count: papers)
        var index = VectorIndex(dimensions: dimensions)
        index.reserveCapacity(papers)
        for first in stride(from: 0, to: papers, by: 5_000) {
            index.insert((first..<min(first + 5_000, papers)).map { i in
                PaperVector(id: PaperID(rawValue: SnapshotRecords.id(i)), vector: Array(data[i * dimensions..<(i + 1) * dimensions]))
            })
        }
        index.partition()  // as `serve` does once the index is loaded
        let snapshot = URL(fileURLWithPath: "../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")
        let titles = try SnapshotRecords(contentsOf: snapshot).originals.compactMap { $0["title"] as? String }
        let texts = Array((Bench.textQueries + titles).prefix(count))
        let queries = try await embedder.embed(texts)
        let exact = bruteForce(queries, data: data, count: papers, dimensions: dimensions, k: 10)

        func recall(_ found: [Int], _ truth: [Int]) -> Double { Double(Set(found).intersection(truth).count) / Double(truth.count) }
        var indexRecall = 0.0, pathRecall = 0.0
        for (q, query) in queries.enumerated() {
            indexRecall += recall(index.nearest(to: query, limit: 10).map { Self.index(of: $0.id.rawValue) }, exact[q])
            // What semantic search does for its 100 results: 160 from the index, re-ranked exactly.
            let reranked = index.nearest(to: query, limit: 160).map { Self.index(of: $0.id.rawValue) }.map { i in
                (i, data.withUnsafeBufferPointer { all in query.withUnsafeBufferPointer { dot(all.baseAddress! + i * dimensions, $0.baseAddress!, dimensions) } })
            }.sorted { $0.1 > $1.1 }.prefix(10).map(\.0)
            pathRecall += recall(reranked, exact[q])
        }
        indexRecall /= Double(queries.count)
        pathRecall /= Double(queries.count)
        row("recall@10 of VectorIndex vs exact, \(queries.count) text queries", format(indexRecall, 3),
                   target: "≥ 0.95", met: indexRecall >= 0.95)
        row("recall@10 as semantic search uses it (160 from the index, re-ranked exactly)", format(pathRecall, 3))

        // Similar papers: a paper's own vector as the query, with the share they score.
        var random = SeededRandom(seed: 5)
        let papersAsked = (0..<100).map { _ in Int(random.next() % UInt64(papers)) }
        let ownVectors = papersAsked.map { Array(data[$0 * dimensions..<($0 + 1) * dimensions]) }
        let exactNeighbours = bruteForce(ownVectors, data: data, count: papers, dimensions: dimensions, k: 11)
        var similarRecall = 0.0
        for (q, own) in ownVectors.enumerated() {
            let found = index.nearest(to: own, limit: 11, candidates: VectorIndex.paperCandidates(for: papers))
            let others = found.map { Self.index(of: $0.id.rawValue) }.filter { $0 != papersAsked[q] }
            similarRecall += recall(Array(others.prefix(10)), Array(exactNeighbours[q].filter { $0 != papersAsked[q] }.prefix(10)))
        }
        row("recall@10 of similar papers (a paper's own vector, 1 in 16 scored), 100 papers", format(similarRecall / 100, 3))

        // What a larger share of scored vectors buys, up to all of them (int8 rounding alone).
        for share in [16, 4, 1] {
            var found = 0.0
            let start = ContinuousClock.now
            for (q, query) in queries.enumerated() {
                found += recall(index.nearest(to: query, limit: 10, candidates: papers / share).map { Self.index(of: $0.id.rawValue) }, exact[q])
            }
            let milliseconds = seconds(since: start) * 1_000 / Double(queries.count)
            row("recall@10 scoring 1 in \(share) of the vectors", "\(format(found / Double(queries.count), 3)), \(format(milliseconds)) ms a query")
        }
    }

    /// The row of the generated vectors that `SnapshotRecords.id(i)` names: `YYMM.NNNNN`, months from 2001.
    static func index(of id: String) -> Int {
        let parts = id.split(separator: ".")
        let yymm = Int(parts[0])!, number = Int(parts[1])!
        return ((yymm / 100 - 20) * 12 + yymm % 100 - 1) * 99_999 + number - 1
    }
}
