// The Swift parts of `scripts/bench-scale.sh`, which builds a corpus of arXiv size and measures
// a real `paperfeed serve` on it (issue 16's table). Each part prints its figures as table rows,
// `| figure | measured | target | verdict |`, which the script gathers.
//
//   scale-bench corpus --papers N --db FILE [--snapshot FILE] [--model DIR] [--seed FILE]
//       a fresh SQLite store: N snapshot records made from the 200 real ones (varied text,
//       1,000 papers a day ending on 2026-08-21), imported as `paperfeed import` does; then a
//       synthetic vector for every paper (clustered around real embeddings, as vector-bench).
//   scale-bench requests --url BASE --db FILE|URL --papers N [--queries 1000] [--engine NAME]
//       keyword, hybrid and similar-papers latency against the running server, one request at
//       a time, every URL distinct (so the 5-second response cache never answers); `--engine`
//       names a database other than SQLite in the figures (the targets are SQLite's).
//   scale-bench recall --papers N [--model DIR] [--queries 100]
//       recall@10 of the in-memory VectorIndex against exact search over the same vectors.
import BenchmarkSupport
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let papers = Bench.option("--papers").flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? 2_700_000
switch arguments.first ?? "" {
case "corpus":
    let snapshot = URL(fileURLWithPath: Bench.option("--snapshot")
        ?? "../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")
    try await Corpus.build(papers: papers, database: required("--db"), snapshot: snapshot)
case "requests":
    try await Requests.run(base: required("--url"), database: required("--db"), papers: papers,
                           queries: Bench.option("--queries").flatMap(Int.init) ?? 1_000, engine: Bench.option("--engine"))
case "recall":
    try await Recall.run(papers: papers, queries: Bench.option("--queries").flatMap(Int.init) ?? 100)
default:
    FileHandle.standardError.write(Data("usage: scale-bench corpus|requests|recall [options] (see Benchmarks/ScaleBench/main.swift)\n".utf8))
    exit(2)
}

func required(_ name: String) -> String {
    guard let value = Bench.option(name) else {
        FileHandle.standardError.write(Data("scale-bench: \(name) is required\n".utf8))
        exit(2)
    }
    return value
}

/// One row of the results table; `met` is nil for figures without a target.
func row(_ figure: String, _ measured: String, target: String = "", met: Bool? = nil) {
    say("| \(figure) | \(measured) | \(target) | \(met.map { $0 ? "met" : "**missed**" } ?? "") |")
}

/// A line on standard output at once (`print` holds it back when the output is a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The synthetic vectors of the corpus: clustered around the real embeddings of the 120 seed
/// abstracts, as vector-bench makes them; paper `i` (`SnapshotRecords.id(i)`) has vector `i`.
func corpusVectors(_ embed: ([String]) async throws -> [[Float]]) async throws -> ClusteredVectors {
    ClusteredVectors(topics: try await embed(Bench.seedPapers().map(\.abstract)), subtopics: 10_000, seed: 20_240_317)
}
