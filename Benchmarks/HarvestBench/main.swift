// Harvest throughput and freshness, against a local server with no politeness delay:
// - arXiv: an OAI-PMH ListRecords list (`arXiv` format, resumption tokens) of --records records
//   in pages of --page-size, made from the real snapshot records (fresh ids, sentences mixed),
//   harvested into a new store: records/s; and the parser alone over the same pages;
// - Hugging Face: every day of the real daily-papers files (`[]` for weekends): days/s, papers/s;
// - freshness: --rounds small harvests (--round-pages pages of --round-page-size) into a store
//   of --latency-base embedded papers with `EmbeddingService` running as `serve` runs it (one
//   core, a turn every --embed-interval seconds): the time from a page's commit to its paper
//   found by keyword search and by semantic search, p50 and max.
// On SQLite, and on PostgreSQL too given two empty databases (--postgres for the throughput,
// --postgres-latency for the freshness). Run it from a release build: scripts/bench-harvest.sh.
//
// Usage: harvest-bench [--records 20000] [--page-size 1000] [--rounds 5] [--round-pages 2]
//        [--round-page-size 25] [--latency-base 1000] [--embed-interval 60] [--postgres URL
//        --postgres-latency URL] [--snapshot FILE] [--hf-days DIR | --no-hf] [--model DIR]
import BenchmarkSupport
import Embedding
import Foundation
import PaperCore
import PaperSearch
import PaperStore
import TestSupport

let option = Bench.option
let count = option("--records").flatMap(Int.init) ?? 20_000
let pageSize = option("--page-size").flatMap(Int.init) ?? 1_000
var rounds = FreshnessRounds()
rounds.rounds = option("--rounds").flatMap(Int.init) ?? rounds.rounds
rounds.pagesPerRound = option("--round-pages").flatMap(Int.init) ?? rounds.pagesPerRound
rounds.pageSize = option("--round-page-size").flatMap(Int.init) ?? rounds.pageSize
rounds.base = option("--latency-base").flatMap(Int.init) ?? rounds.base
rounds.embedInterval = .seconds(option("--embed-interval").flatMap(Int.init) ?? 60)
let snapshot = URL(fileURLWithPath: option("--snapshot")
    ?? "../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")
let hfFolder = CommandLine.arguments.contains("--no-hf") ? nil
    : URL(fileURLWithPath: option("--hf-days") ?? "../shared/data/hf-daily-papers/Paper_metadata_download")

var records = try SnapshotRecords(contentsOf: snapshot)
let list = OAIList(&records, first: 0, count: count, pageSize: pageSize, set: "cs", datestamp: "2030-01-01", from: nil)
let parsing = try HarvestThroughput.parseOnly(list.routes.values.map { $0[0].body })
print(String(format: "made %@ arXiv records in %d pages of %@ from %@; parsing alone: %.0f records/s",
             count.formatted(), list.routes.count, pageSize.formatted(), snapshot.lastPathComponent, parsing.recordsPerSecond))
let arxivRoutes = list.routes
let hf = try hfFolder.map(HarvestThroughput.huggingFaceRoutes)
var freshRecords = try SnapshotRecords(contentsOf: snapshot)
let freshnessPlan = rounds.plan(&freshRecords)

let embedder: (any SentenceEmbedder)?
do {
    embedder = try MiniLMEmbedder.load(directory: Bench.modelDirectory, workers: 1)
} catch {
    print("no semantic search (\(error)): freshness is measured for keyword search only")
    embedder = nil
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperfeed-harvest-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
var engines = [EngineRun(name: "SQLite", throughput: folder.appendingPathComponent("throughput.sqlite").path,
                         freshness: folder.appendingPathComponent("freshness.sqlite").path)]
if let url = option("--postgres"), let fresh = option("--postgres-latency") {
    engines.append(EngineRun(name: "PostgreSQL", throughput: url, freshness: fresh))
}

for index in engines.indices {
    let name = engines[index].name
    let (arxiv, huggingFace) = try await PaperDatabases.withStore(engines[index].throughput) { store in
        let arxiv = try await LocalHTTPServer.serving(arxivRoutes) { try await HarvestThroughput.arxiv(into: store, from: $0) }
        print(String(format: "%@ arXiv harvest: %d records in %.2f s", name, arxiv.records, arxiv.seconds))
        guard let hf else { return (arxiv, nil as HarvestThroughput.Run?) }
        let days = try await LocalHTTPServer.serving(hf.routes) {
            try await HarvestThroughput.huggingFace(into: store, from: $0, days: hf.days)
        }
        print(String(format: "%@ Hugging Face harvest: %d days, %d papers in %.2f s", name, days.pages, days.records, days.seconds))
        return (arxiv, days)
    }
    (engines[index].arxiv, engines[index].huggingFace) = (arxiv, huggingFace)
    print("\(name) freshness, \(rounds.rounds) rounds of \(rounds.pagesPerRound) × \(rounds.pageSize) records "
        + "over \(rounds.base.formatted()) embedded papers, embedding every \(FreshnessRounds.milliseconds(rounds.embedInterval)):")
    let samples = try await PaperDatabases.withStore(engines[index].freshness) { store in
        try await rounds.run(store: store, embedder: embedder, plan: freshnessPlan)
    }
    engines[index].samples = samples
}
try? FileManager.default.removeItem(at: folder)
ResultTable(engines: engines, parsing: parsing, rounds: rounds).print()
