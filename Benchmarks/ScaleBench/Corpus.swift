import BenchmarkSupport
import Embedding
import Foundation
import PaperCore
import PaperIngest
import PaperStore

/// The corpus: snapshot records imported into a fresh SQLite store, and a vector for each.
enum Corpus {
    /// Papers a day, about arXiv's pace (24,000 a month in 2024).
    static let perDay = 1_000
    /// The last day of the corpus; bench-scale.sh asks for its day, week and month pages.
    static let lastDay = "2026-08-21"

    static func build(papers: Int, database: String, snapshot source: URL) async throws {
        let file = URL(fileURLWithPath: database)
        let generated = file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".jsonl")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }

        var start = ContinuousClock.now
        let appearance = SnapshotRecords.Appearance(count: papers, perDay: perDay, last: Day(lastDay)!.start)
        try SnapshotGenerator(source: source, appearance: appearance).write(records: papers, to: generated)
        defer { try? FileManager.default.removeItem(at: generated) }
        say("generated \(papers.formatted()) snapshot records in \(format(seconds(since: start))) s")

        let embedder = try MiniLMEmbedder.load(directory: Bench.modelDirectory)
        try await PaperDatabases.withStore(database) { store in
            start = ContinuousClock.now
            let report = try await Importer(repository: store).run(paths: [generated.path], format: .snapshot)
            let importSeconds = seconds(since: start)
            let rate = Double(report.records) / importSeconds
            row("snapshot import (SQLite)", "\(format(rate, 0)) papers/s (\(report.counts.inserted.formatted()) in \(format(importSeconds)) s)",
                target: "≥ 20,000 papers/s", met: rate >= 20_000)
            try? FileManager.default.removeItem(at: generated)

            let vectors = try await corpusVectors { try await embedder.embed($0) }
            start = ContinuousClock.now
            for first in stride(from: 0, to: papers, by: 5_000) {
                let batch = (first..<min(first + 5_000, papers)).map {
                    PaperVector(id: PaperID(rawValue: SnapshotRecords.id($0)), vector: vectors.vector($0))
                }
                try await store.storeVectors(batch, model: embedder.modelName)
            }
            let vectorSeconds = seconds(since: start)
            row("synthetic vectors stored", "\(format(Double(papers) / vectorSeconds, 0)) vectors/s (\(format(vectorSeconds)) s)")
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
        row("SQLite file", "\(format(Double(bytes) / 1e9, 2)) GB for \(papers.formatted()) papers")
    }
}
