import Foundation

/// What one database engine measured.
struct EngineRun {
    var name: String
    /// Where the throughput harvests go (an SQLite path or an empty PostgreSQL database).
    var throughput: String
    /// Where the freshness rounds run (another empty one).
    var freshness: String
    var arxiv: HarvestThroughput.Run?
    var huggingFace: HarvestThroughput.Run?
    var samples: [FreshnessRounds.Sample] = []
}

/// The figures of every engine side by side, as a Markdown table.
struct ResultTable {
    let engines: [EngineRun]
    let parsing: HarvestThroughput.Run
    let rounds: FreshnessRounds

    func print() {
        let probes = engines.first?.samples.count ?? 0
        var rows: [(String, (EngineRun) -> String)] = [
            ("arXiv OAI-PMH harvest, \(parsing.records.formatted()) records in \(parsing.pages) pages", { engine in
                engine.arxiv.map { String(format: "%.0f records/s (%.1f s)", $0.recordsPerSecond, $0.seconds) } ?? "—"
            }),
        ]
        if engines.contains(where: { $0.huggingFace != nil }) {
            rows.append(("Hugging Face daily harvest, one request a day", { engine in
                engine.huggingFace.map {
                    String(format: "%.0f days/s, %.0f papers/s (%d days, %.1f s)", $0.pagesPerSecond, $0.recordsPerSecond, $0.pages, $0.seconds)
                } ?? "—"
            }))
        }
        rows.append(("committed → found by keyword, p50 / max (\(probes) papers)", { Self.spread($0.samples.map(\.keyword)) }))
        rows.append(("committed → found by meaning, p50 / max (embedding every \(FreshnessRounds.milliseconds(rounds.embedInterval)))",
                     { Self.spread($0.samples.map(\.meaning)) }))
        Swift.print("")
        Swift.print("| measure | " + engines.map(\.name).joined(separator: " | ") + " |")
        Swift.print("|---|" + engines.map { _ in "---|" }.joined())
        for (label, value) in rows {
            Swift.print("| \(label) | " + engines.map(value).joined(separator: " | ") + " |")
        }
        Swift.print(String(format: "parsing the same pages alone: %.0f records/s", parsing.recordsPerSecond))
        // What arXiv lets through: one page per request, 3 s apart, one request at a time.
        let pageSize = Double(parsing.records) / Double(max(parsing.pages, 1))
        Swift.print(String(format: "arXiv itself, at 3 s between requests: at most %.0f records/s with pages of %.0f", pageSize / 3, pageSize))
    }

    /// `p50 / max`, and how many were never found.
    static func spread(_ durations: [Duration?]) -> String {
        let found = durations.compactMap { $0 }.sorted()
        guard let max = found.last else { return "—" }
        let missing = durations.count - found.count
        return FreshnessRounds.milliseconds(found[found.count / 2]) + " / " + FreshnessRounds.milliseconds(max)
            + (missing > 0 ? " (\(missing) never found)" : "")
    }
}
