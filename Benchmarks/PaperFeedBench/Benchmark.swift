import BenchmarkSupport
import Foundation
import PaperCore
import PaperIngest
import PaperSearch
import PaperStore

/// `paperfeed-bench [snapshot.jsonl] [records] [postgres-url]`: import throughput and BM25
/// latency, on SQLite and, given a URL of an empty PostgreSQL database, on PostgreSQL too.
///
/// Builds a snapshot file of `records` lines (default 200,000) from the real snapshot lines,
/// imports it into a fresh store the way `paperfeed import` does, then times 1,000 keyword
/// queries over the result. Run it from a release build: `scripts/bench.sh`.
@main
struct Benchmark {
    struct Figures {
        var papersPerSecond: Double
        var p50: Double
        var p99: Double
    }

    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let source = URL(fileURLWithPath: arguments.first
            ?? "../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")
        let records = arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000
        let postgres = arguments.dropFirst(2).first
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperfeed-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let snapshot = folder.appendingPathComponent("snapshot.jsonl")
        try SnapshotGenerator(source: source).write(records: records, to: snapshot)
        print("generated \(records.formatted()) snapshot records from \(source.lastPathComponent)")

        let sqlite = try await PaperDatabases.withStore(folder.appendingPathComponent("bench.sqlite").path) {
            try await run(on: $0, snapshot: snapshot, label: "SQLite")
        }
        print(String(format: "  targets: import ≥ 20,000/s → %.2f×; search p50 ≤ 5 ms → %.2f× of budget",
                     sqlite.papersPerSecond / 20_000, sqlite.p50 / 5))
        if let postgres {
            let pg = try await PaperDatabases.withStore(postgres) { try await run(on: $0, snapshot: snapshot, label: "PostgreSQL") }
            print(String(format: "PostgreSQL ÷ SQLite: import %.2f×, search p50 %.2f×, p99 %.2f×",
                         pg.papersPerSecond / sqlite.papersPerSecond, pg.p50 / sqlite.p50, pg.p99 / sqlite.p99))
        }
    }

    static func run(on store: any PaperDatabase, snapshot: URL, label: String) async throws -> Figures {
        let clock = ContinuousClock()
        var report = ImportReport()
        let importTime = try await clock.measure {
            report = try await Importer(repository: store).run(paths: [snapshot.path], format: .snapshot)
        }
        let rate = Double(report.records) / importTime.seconds
        print(String(format: "%@ import: %d papers in %.2f s = %.0f papers/s", label, report.counts.inserted, importTime.seconds, rate))

        let queries = try await Bench.keywordQueries(from: store).map { try QueryParser.parse($0) }
        var latencies: [Duration] = []
        for query in queries {
            latencies.append(try await clock.measure { _ = try await store.search(query, limit: 20, offset: 0) })
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2].milliseconds
        let p99 = latencies[latencies.count * 99 / 100].milliseconds
        print(String(format: "%@ search: %d queries, p50 %.2f ms, p99 %.2f ms", label, latencies.count, p50, p99))
        return Figures(papersPerSecond: rate, p50: p50, p99: p99)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1_000 }
}
