// Latency, recall and memory of semantic retrieval at 100,000 and 1,000,000 papers, on synthetic
// 384-d unit vectors clustered like all-MiniLM-L6-v2 embeddings (the 120 seed-page abstracts,
// embedded for real, as topic centres; see ClusteredVectors). Per size it reports:
// - build: time to insert every vector into a `VectorIndex` and partition it, bytes per vector the index holds,
//   and the growth of the resident set per million vectors (ids and id map included);
// - index: p50/p99 of `VectorIndex.nearest(to:limit: 20)` over synthetic query vectors;
// - recall@10 of that against exact float dot products (brute force), for synthetic queries,
//   for real MiniLM embeddings of short text queries, and for the semantic path (index top
//   candidates re-ranked with exact vectors, as `SemanticSearch` does);
// - full: p50/p99 of `SemanticSearch.nearest(to: text, limit: 100)`: MiniLM embedding of a
//   short query, the index, and the exact re-rank (stored vectors come from memory here, not
//   SQLite). The BM25 leg of a hybrid query runs in SQLite and is measured by paperfeed-bench.
//
// Usage: vector-bench [--sizes 100000,1000000] [--queries 500] [--recall-queries 100]
//                     [--rounds 3] [--model DIR] [--seed FILE] [--candidates N]
// (--candidates: how many vectors a query scores in the partitioned index; by default
// VectorIndex.defaultCandidates, 1 in 50 of them and at least 4,000.)
import BenchmarkSupport
import Embedding
import Foundation
import PaperCore
import PaperSearch

let option = Bench.option

let modelDirectory = Bench.modelDirectory
let sizes = (option("--sizes") ?? "100000,1000000").split(separator: ",").compactMap { Int($0) }.sorted()
let queryCount = option("--queries").flatMap(Int.init) ?? 500
let recallCount = option("--recall-queries").flatMap(Int.init) ?? 100
let rounds = max(1, option("--rounds").flatMap(Int.init) ?? 3)
let candidates = option("--candidates").flatMap(Int.init)
let dimensions = 384

let textQueries = Bench.textQueries

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
func spread(_ values: [Double]) -> String { values.map { format($0) }.joined(separator: " ") }

// Centres: the real embeddings of the seed abstracts.
var start = now()
let embedder = try MiniLMEmbedder.load(directory: modelDirectory)
let topics = try await embedder.embed(Bench.seedPapers().map(\.abstract))
print("embedded \(topics.count) seed abstracts as topic centres in \(format(milliseconds(since: start) / 1000)) s "
    + "(OpenBLAS \(BLASInfo.threads) thread(s) per call, \(ProcessInfo.processInfo.activeProcessorCount) cores)")
let generator = ClusteredVectors(topics: topics, subtopics: 10_000, seed: 20_240_317)
start = now()
let data = generator.flat(count: sizes.last!)
print("generated \(sizes.last!) vectors (\(generator.subtopicCentres.count) subtopics) in \(format(milliseconds(since: start) / 1000)) s")
let queries = (0..<max(queryCount, recallCount)).map { generator.vector(50_000_000 + $0) }
let textVectors = try await embedder.embed(textQueries)

func nearest(_ index: VectorIndex, _ query: [Float], limit: Int) -> [(id: PaperID, score: Float)] {
    if let candidates { index.nearest(to: query, limit: limit, candidates: candidates) } else { index.nearest(to: query, limit: limit) }
}

struct Row {
    var size = 0, buildSeconds = 0.0, partitionSeconds = 0.0, bytesPerVector = 0, rssPerMillion = 0.0
    var indexP50: [Double] = [], indexP99: [Double] = []
    var recall = 0.0, textRecall = 0.0, rerankRecall = 0.0, textRerankRecall = 0.0
    var embedP50: [Double] = [], fullP50: [Double] = [], fullP99: [Double] = []
}
var table: [Row] = []

for size in sizes {
    var row = Row(size: size)
    print("\n== \(size) vectors")
    // Build, in pages as `SemanticSearch.load` does.
    let rssBefore = residentBytes()
    start = now()
    var index = VectorIndex(dimensions: dimensions)
    for page in stride(from: 0, to: size, by: 5_000) {
        index.insert((page..<min(page + 5_000, size)).map { i in
            PaperVector(id: paperID(i), vector: Array(data[i * dimensions..<(i + 1) * dimensions]))
        })
    }
    row.buildSeconds = milliseconds(since: start) / 1000
    start = now()
    index.partition()
    row.partitionSeconds = milliseconds(since: start) / 1000
    row.buildSeconds += row.partitionSeconds
    print("partitioned into \(index.partitionCount) lists in \(format(row.partitionSeconds)) s")
    row.bytesPerVector = index.bytesPerVector
    row.rssPerMillion = Double(residentBytes() - rssBefore) / Double(size) * 1e6
    print("build \(format(row.buildSeconds)) s; \(index.bytesPerVector) B/vector in the index "
        + "(\(format(Double(index.bytesPerVector) * 1e6 / 1e6, 0)) MB per million); "
        + "RSS +\(format(Double(residentBytes() - rssBefore) / 1e6, 0)) MB (\(format(row.rssPerMillion / 1e6, 0)) MB per million)")

    // Index latency.
    for q in 0..<20 { _ = nearest(index, queries[q], limit: 20) }
    for round in 1...rounds {
        var times: [Double] = []
        for q in 0..<queryCount {
            let t = now()
            let found = nearest(index, queries[q], limit: 20)
            times.append(milliseconds(since: t))
            precondition(found.count == 20)
        }
        row.indexP50.append(percentile(times, 50))
        row.indexP99.append(percentile(times, 99))
        print("index round \(round): p50 \(format(percentile(times, 50))) ms, p99 \(format(percentile(times, 99))) ms")
    }

    // Recall@10 against exact float dot products.
    start = now()
    let exact = bruteForce(Array(queries.prefix(recallCount)) + textVectors, data: data, count: size, dimensions: dimensions, k: 10)
    print("brute force for \(recallCount + textVectors.count) queries: \(format(milliseconds(since: start) / 1000)) s")
    func recall(_ rows: [Int], _ truth: [Int]) -> Double { Double(Set(rows).intersection(truth).count) / Double(truth.count) }
    let approximate = (Array(queries.prefix(recallCount)) + textVectors).map { query in
        nearest(index, query, limit: 10).map { vectorIndex(of: $0.id) }
    }
    row.recall = (0..<recallCount).map { recall(approximate[$0], exact[$0]) }.reduce(0, +) / Double(recallCount)
    row.textRecall = (recallCount..<exact.count).map { recall(approximate[$0], exact[$0]) }.reduce(0, +) / Double(textVectors.count)
    // The semantic path: 160 from the index (limit 100 + 50 + 10), re-ranked exactly.
    let allQueries = Array(queries.prefix(recallCount)) + textVectors
    let reranked = allQueries.map { query in
        nearest(index, query, limit: 160).map { vectorIndex(of: $0.id) }.map { i in
            (i, data.withUnsafeBufferPointer { all in query.withUnsafeBufferPointer { dot(all.baseAddress! + i * dimensions, $0.baseAddress!, dimensions) } })
        }.sorted { $0.1 > $1.1 }.prefix(10).map(\.0)
    }
    row.rerankRecall = (0..<recallCount).map { recall(reranked[$0], exact[$0]) }.reduce(0, +) / Double(recallCount)
    row.textRerankRecall = (recallCount..<exact.count).map { recall(reranked[$0], exact[$0]) }.reduce(0, +) / Double(textVectors.count)
    print("recall@10: \(format(row.recall, 3)) synthetic queries, \(format(row.textRecall, 3)) text-query embeddings; "
        + "after exact re-rank of 160: \(format(row.rerankRecall, 3)), \(format(row.textRerankRecall, 3))")
    index = VectorIndex(dimensions: dimensions)  // frees the first copy

    // Full semantic query: embed the text, search, re-rank exactly.
    let semantic = SemanticSearch(embedder: embedder, vectors: InMemoryVectors(data: data, count: size, dimensions: dimensions))
    // As `serve` fills it: load every vector, then partition.
    try await semantic.load()
    await semantic.partitionIfDue()
    for q in 0..<10 { _ = try await semantic.nearest(to: textQueries[q % textQueries.count], limit: 100) }
    for round in 1...rounds {
        var embedTimes: [Double] = [], times: [Double] = []
        for q in 0..<queryCount {
            let text = textQueries[q % textQueries.count]
            if q % 5 == 0 {
                let t = now()
                _ = try await embedder.embed([text])
                embedTimes.append(milliseconds(since: t))
            }
            let t = now()
            let found = try await semantic.nearest(to: text, limit: 100)
            times.append(milliseconds(since: t))
            precondition(found.count == 100)
        }
        row.embedP50.append(percentile(embedTimes, 50))
        row.fullP50.append(percentile(times, 50))
        row.fullP99.append(percentile(times, 99))
        print("full round \(round): p50 \(format(percentile(times, 50))) ms, p99 \(format(percentile(times, 99))) ms "
            + "(embedding alone p50 \(format(percentile(embedTimes, 50))) ms)")
    }
    table.append(row)
}

print("\nsize | build s | B/vector (index) | RSS MB per million | index p50 ms | index p99 ms | recall@10 synth / text (re-ranked: synth / text) | embed p50 ms | full p50 ms | full p99 ms")
for row in table {
    print("\(row.size) | \(format(row.buildSeconds)) | \(row.bytesPerVector) | \(format(row.rssPerMillion / 1e6, 0)) | "
        + "\(format(row.indexP50.min()!)) [\(spread(row.indexP50))] | \(format(row.indexP99.min()!)) [\(spread(row.indexP99))] | "
        + "\(format(row.recall, 3)) / \(format(row.textRecall, 3)) (\(format(row.rerankRecall, 3)) / \(format(row.textRerankRecall, 3))) | \(format(row.embedP50.min()!)) | "
        + "\(format(row.fullP50.min()!)) [\(spread(row.fullP50))] | \(format(row.fullP99.min()!)) [\(spread(row.fullP99))]")
}
print("(best of \(rounds) rounds, all rounds in brackets; full = MiniLM query embedding + index + exact re-rank, "
    + "without the BM25 leg, which SQLite answers and paperfeed-bench measures)")
