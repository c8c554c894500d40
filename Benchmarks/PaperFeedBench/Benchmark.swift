import Foundation
import PaperCore
import PaperIngest
import PaperSearch
import PaperStore

/// `paperfeed-bench [snapshot.jsonl] [records]`: import throughput and BM25 latency.
///
/// Builds a snapshot file of `records` lines (default 200,000) from the real snapshot lines,
/// imports it into a fresh SQLite store the way `paperfeed import` does, then times keyword
/// queries over the result. Run it from a release build: `scripts/bench.sh`.
@main
struct Benchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let source = URL(fileURLWithPath: arguments.first
            ?? "../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")
        let records = arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperfeed-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let snapshot = folder.appendingPathComponent("snapshot.jsonl")
        try SnapshotGenerator(source: source).write(records: records, to: snapshot)
        print("generated \(records.formatted()) snapshot records from \(source.lastPathComponent)")

        let store = try await SQLitePaperStore.open(path: folder.appendingPathComponent("bench.sqlite").path)
        let clock = ContinuousClock()
        var report = ImportReport()
        let importTime = try await clock.measure {
            report = try await Importer(repository: store).run(paths: [snapshot.path], format: .snapshot)
        }
        let rate = Double(report.records) / importTime.seconds
        print(String(format: "import: %d papers in %.2f s = %.0f papers/s (target ≥ 20,000/s: %.2f×)",
                     report.counts.inserted, importTime.seconds, rate, rate / 20_000))

        let queries = try await queryWords(from: store).map { try QueryParser.parse($0) }
        var latencies: [Duration] = []
        for query in queries {
            latencies.append(try await clock.measure { _ = try await store.search(query, limit: 20, offset: 0) })
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2].milliseconds
        let p99 = latencies[latencies.count * 99 / 100].milliseconds
        print(String(format: "search: %d queries, p50 %.2f ms, p99 %.2f ms (target p50 ≤ 5 ms: %.2f× of budget)",
                     latencies.count, p50, p99, p50 / 5))
        try await store.close()
    }

    /// One- to three-word queries drawn from stored titles, fixed by seed.
    static func queryWords(from store: SQLitePaperStore) async throws -> [String] {
        let titles = try await store.papers(after: nil, limit: 2_000).map(\.title)
        let words = titles.flatMap { $0.split(separator: " ").map { String($0).filter(\.isLetter) } }.filter { $0.count > 3 }
        var random = SplitMix64(seed: 7)
        return (0..<1_000).map { _ in
            (0..<Int(random.next() % 3 + 1)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1_000 }
}
