import Foundation
import PaperCore
import PaperIngest
import PaperStore
import TestSupport

/// Times whole harvests into one store, with no politeness delay, from a local server: what a
/// harvest costs this process and its database when the network is not the bottleneck.
enum HarvestThroughput {
    /// How much one timed run moved, and how long it took.
    struct Run {
        var pages: Int
        var records: Int
        var seconds: Double
        var recordsPerSecond: Double { Double(records) / seconds }
        var pagesPerSecond: Double { Double(pages) / seconds }
    }

    static let politeness = HTTPPoliteness(minimumInterval: .zero, requestTimeout: .seconds(300),
                                           userAgent: "PaperFeed harvest-bench")

    /// Harvests the list the server holds for set `cs` into `store`, to its end.
    /// - Throws: `BenchFailure` when the harvest stopped before the end.
    static func arxiv(into store: any PaperDatabase, from server: LocalHTTPServer) async throws -> Run {
        let harvester = ArxivHarvester(configuration: .init(
            endpoint: server.baseURL + "/oai", metadataPrefix: "arXiv", sets: ["cs"], politeness: politeness, firstDays: nil
        ), store: store)
        let start = ContinuousClock.now
        let reports = try await harvester.run()
        let seconds = (ContinuousClock.now - start).seconds
        if let failed = reports.first(where: \.failed) { throw BenchFailure("arXiv harvest stopped: \(failed.errors.last ?? "?")") }
        return Run(pages: reports.map(\.pages).reduce(0, +), records: reports.map(\.records).reduce(0, +), seconds: seconds)
    }

    /// Harvests the Hugging Face days `days` into `store`, one request a day.
    /// - Throws: `BenchFailure` when the harvest stopped before the last day.
    static func huggingFace(into store: any PaperDatabase, from server: LocalHTTPServer,
                            days: ClosedRange<Day>) async throws -> Run {
        let harvester = HFDailyHarvester(configuration: .init(siteURL: server.baseURL, refreshDays: 1, politeness: politeness),
                                         store: store)
        let start = ContinuousClock.now
        let report = try await harvester.run(from: days.lowerBound, until: days.upperBound)
        let seconds = (ContinuousClock.now - start).seconds
        if report.failed { throw BenchFailure("Hugging Face harvest stopped: \(report.errors.last ?? "?")") }
        return Run(pages: report.pages, records: report.records, seconds: seconds)
    }

    /// Parses the pages in memory, without HTTP or a store: the parser's share of a harvest.
    static func parseOnly(_ pages: [Data]) throws -> Run {
        let start = ContinuousClock.now
        var records = 0
        for page in pages { records += try OAIPMHParser.parse(page).records.count }
        return Run(pages: pages.count, records: records, seconds: (ContinuousClock.now - start).seconds)
    }

    /// Routes answering `/api/daily_papers?date=` for every day from the first to the last file
    /// in `folder` (`YYYY-MM-DD.json`, real answers), with `[]` for the days without a file
    /// (weekends), as huggingface.co answers them.
    static func huggingFaceRoutes(folder: URL) throws -> (routes: [String: [LocalHTTPServer.Response]], days: ClosedRange<Day>) {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.compactMap { Day($0.dropLast(5)) }.sorted()
        guard let first = files.first, let last = files.last else { throw BenchFailure("no YYYY-MM-DD.json files in \(folder.path)") }
        var routes: [String: [LocalHTTPServer.Response]] = [:]
        var day = first
        while day <= last {
            let file = folder.appendingPathComponent("\(day).json")
            let body = FileManager.default.fileExists(atPath: file.path) ? try Data(contentsOf: file) : Data("[]".utf8)
            routes["/api/daily_papers?date=\(day)"] = [LocalHTTPServer.Response(
                status: 200, headers: [("Content-Type", "application/json")], body: body)]
            day = day.adding(days: 1)
        }
        return (routes, first...last)
    }
}

/// The benchmark cannot go on, and why.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
