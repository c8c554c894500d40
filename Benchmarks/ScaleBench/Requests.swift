import AsyncHTTPClient
import BenchmarkSupport
import Foundation
import NIOCore
import PaperCore
import PaperStore

/// Search and similar-papers latency through the running server's JSON API, one request at a
/// time (what one reader waits), every URL asked once.
enum Requests {
    /// Broad words, in most titles or abstracts: the slowest keyword queries.
    static let broad = ["learning", "model", "models", "data", "network", "theory", "analysis", "method", "system", "quantum"]

    /// `engine` names the database in each figure when it is not the SQLite store the targets are for.
    static func run(base: String, database: String, papers: Int, queries count: Int, engine: String? = nil) async throws {
        let on = engine.map { "\($0): " } ?? ""
        // The targets are SQLite's; another engine's figures are shown without them.
        func target(_ milliseconds: Double) -> Double? { engine == nil ? milliseconds : nil }
        let drawn = try await PaperDatabases.withStore(database) { try await Bench.keywordQueries(from: $0, count: count * 2) }
        // Distinct, so the response cache never answers.
        var seen = Set<String>()
        let keyword = Array((broad + drawn).filter { seen.insert($0.lowercased()).inserted }.prefix(count))
        let keywordTimes = try await timed(keyword.map { "/api/papers/search?mode=keyword&limit=20&q=" + encoded($0) }, base: base)
        report(on + "keyword search, \(keyword.count) queries (\(broad.count) broad words, then 1–3 title words)", keywordTimes,
               p50Target: target(10), p99Target: target(100))

        let hybrid = Bench.textQueries + keyword.suffix(180)
        let hybridTimes = try await timed(hybrid.map { "/api/papers/search?mode=hybrid&limit=20&q=" + encoded($0) }, base: base)
        report(on + "hybrid search (query embedded), \(hybrid.count) queries", hybridTimes, p50Target: target(20), p99Target: nil)

        var random = SeededRandom(seed: 11)
        let ids = (0..<200).map { _ in SnapshotRecords.id(Int(random.next() % UInt64(papers))) }
        report(on + "similar papers (/api/papers/{id}/similar), 200 papers",
               try await timed(ids.map { "/api/papers/\($0)/similar?limit=10" }, base: base), p50Target: target(10), p99Target: nil)
        report(on + "paper page with similar papers (/papers/{id}), 200 papers",
               try await timed(ids.map { "/papers/\($0)" }, base: base), p50Target: nil, p99Target: nil)
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    /// How long one request may take; one that takes longer counts as this long (and is named).
    static let timeoutSeconds: Int64 = 120
    static let timeout = TimeAmount.seconds(timeoutSeconds)

    /// Milliseconds per request, in order; a status other than 200 stops the run.
    static func timed(_ paths: [String], base: String) async throws -> [Double] {
        var times: [Double] = []
        for path in paths {
            let start = ContinuousClock.now
            do {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + path), timeout: timeout)
                _ = try await response.body.collect(upTo: 1 << 26)
                guard response.status == .ok else { throw BenchError.status(path, Int(response.status.code)) }
                times.append(seconds(since: start) * 1_000)
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
                say("timed out after \(timeoutSeconds) s: \(path)")
                times.append(Double(timeoutSeconds) * 1_000)
            }
        }
        return times
    }

    static func report(_ figure: String, _ times: [Double], p50Target: Double?, p99Target: Double?) {
        let p50 = percentile(times, 50), p99 = percentile(times, 99)
        let targets = [p50Target.map { "p50 ≤ \(Int($0)) ms" }, p99Target.map { "p99 ≤ \(Int($0)) ms" }].compactMap { $0 }
        let met = p50Target == nil ? nil : p50 <= p50Target! && p99 <= (p99Target ?? .infinity)
        let timedOut = times.filter { $0 >= Double(timeoutSeconds) * 1_000 }.count
        row(figure, "p50 \(format(p50)) ms, p99 \(format(p99)) ms, max \(format(times.max() ?? 0)) ms"
            + (timedOut > 0 ? ", \(timedOut) timed out (counted as \(timeoutSeconds) s)" : ""),
            target: targets.joined(separator: ", "), met: met)
    }

    enum BenchError: Error {
        case status(String, Int)
    }
}
