import Foundation
import TestSupport
import PaperCore
import PaperStore
import Testing
@testable import PaperIngest

/// `HFDailyHarvester` against a local server answering `/api/daily_papers?date=` with the real
/// Hugging Face files of `../shared/data/hf-daily-papers` (and `[]` for the weekend, as
/// huggingface.co does), into a real SQLite store. "Today" is 2025-01-15 by a fixed clock.
/// 2025-01-09 and 2025-01-10 are two of the malformed files (Python repr strings).
@Suite(.hangGuard) struct HFDailyHarvesterTests {
    static let clock = FixedClock(Date(utc: "2025-01-15T12:00:00Z"))
    static let days = ["2025-01-09", "2025-01-10", "2025-01-11", "2025-01-12", "2025-01-13", "2025-01-14", "2025-01-15"]

    static func target(_ day: String) -> String { "/api/daily_papers?date=\(day)" }

    static func json(_ day: String) throws -> Data {
        let file = RepositoryPaths.hfDays.appendingPathComponent("\(day).json")
        return FileManager.default.fileExists(atPath: file.path) ? try Data(contentsOf: file) : Data("[]".utf8)
    }

    static func routes(_ override: [String: [LocalHTTPServer.Response]] = [:]) throws -> [String: [LocalHTTPServer.Response]] {
        var routes: [String: [LocalHTTPServer.Response]] = [:]
        for day in days {
            routes[target(day)] = [LocalHTTPServer.Response(status: 200, headers: [("Content-Type", "application/json")],
                                                            body: try json(day))]
        }
        return routes.merging(override) { _, new in new }
    }

    /// The distinct paper ids of `days`' files, read without the parser.
    static func ids(_ days: [String]) throws -> Set<String> {
        var ids: Set<String> = []
        for day in days {
            let entries = try JSONSerialization.jsonObject(with: try json(day)) as? [[String: Any]] ?? []
            for entry in entries { if let id = (entry["paper"] as? [String: Any])?["id"] as? String { ids.insert(id) } }
        }
        return ids
    }

    static func harvester(_ server: LocalHTTPServer, _ store: any PaperDatabase) -> HFDailyHarvester {
        HFDailyHarvester(configuration: .init(
            siteURL: server.baseURL + "/", refreshDays: 3,
            politeness: HTTPPoliteness(minimumInterval: .zero, requestTimeout: .seconds(600), userAgent: "PaperFeed tests")
        ), store: store, clock: clock)
    }

    static func stored(_ store: any PaperDatabase) async throws -> Set<String> {
        Set(try await store.papers(after: nil, limit: 1_000).map(\.id.rawValue))
    }

    @Test func harvestsEachDayThroughTodayAndReportsTheMalformedOnes() async throws {
        try await withHarvestFixture(try Self.routes()) { store, server in
            let report = try await Self.harvester(server, store).run(from: Day("2025-01-09"))
            #expect(server.requests.map(\.target) == Self.days.map(Self.target))
            #expect(!report.failed && report.pages == 7)
            #expect(report.errors.count == 2)
            #expect(report.errors.first?.hasPrefix("2025-01-09: entries are Python repr strings") == true)
            #expect(report.errors.last?.hasPrefix("2025-01-10: ") == true)
            let expected = try Self.ids(["2025-01-13", "2025-01-14", "2025-01-15"])
            #expect(!expected.isEmpty && report.counts.inserted == expected.count)
            #expect(try await Self.stored(store) == expected)
            let state = try #require(try await store.harvestState("hf"))
            #expect(state.watermark == "2025-01-15" && state.lastSuccessAt == Self.clock.date)
            #expect(state.lastError?.hasPrefix("2025-01-10: ") == true)
            let day = try #require(Day("2025-01-14"))
            let listed = try await store.listing(ListingQuery(days: day...day, limit: 100))
            let listedThatDay = try Self.ids(["2025-01-14"])
            #expect(listed.total == listedThatDay.count)
        }
    }

    @Test func aSecondRunRefreshesTheLastDaysAndStoresNothingNew() async throws {
        // The second run sees one more upvote on the first paper of the 15th, as a refresh would.
        var bumped = try JSONSerialization.jsonObject(with: try Self.json("2025-01-15")) as! [[String: Any]]
        var paper = bumped[0]["paper"] as! [String: Any]
        let id = paper["id"] as! String
        let upvotes = (paper["upvotes"] as? Int ?? 0) + 1_000
        paper["upvotes"] = upvotes
        bumped[0]["paper"] = paper
        let later = LocalHTTPServer.Response(status: 200, body: try JSONSerialization.data(withJSONObject: bumped))
        let first = try Self.routes()[Self.target("2025-01-15")]![0]
        try await withHarvestFixture(try Self.routes([Self.target("2025-01-15"): [first, later]])) { store, server in
            _ = try await Self.harvester(server, store).run(from: Day("2025-01-09"))
            let again = try await Self.harvester(server, store).run()
            #expect(server.requests.suffix(3).map(\.target) == ["2025-01-13", "2025-01-14", "2025-01-15"].map(Self.target))
            #expect(!again.failed && again.errors.isEmpty)
            #expect(again.counts.inserted == 0 && again.counts.updated == 1)
            #expect(try await store.paper(PaperID(rawValue: id))?.upvotes == upvotes)
            #expect(try await store.harvestState("hf")?.lastError == nil)
        }
    }

    @Test func aHarvestStoppedOnADayResumesThereAndRepeatsNothing() async throws {
        let failing = [Self.target("2025-01-14"): [LocalHTTPServer.Response(status: 502), try Self.routes()[Self.target("2025-01-14")]![0]]]
        try await withHarvestFixture(try Self.routes(failing)) { store, server in
            let stopped = try await Self.harvester(server, store).run(from: Day("2025-01-13"))
            #expect(stopped.failed && stopped.errors.last?.hasSuffix("HTTP 502") == true)
            let firstDay = try Self.ids(["2025-01-13"])
            #expect(try await Self.stored(store) == firstDay)
            let midway = try #require(try await store.harvestState("hf"))
            #expect(midway.watermark == "2025-01-13" && midway.lastError?.hasSuffix("HTTP 502") == true)

            let resumed = try await Self.harvester(server, store).run()
            #expect(!resumed.failed)
            // From two days before the watermark (the refresh), through today.
            #expect(server.requests.dropFirst(2).map(\.target) == ["2025-01-11", "2025-01-12", "2025-01-13", "2025-01-14", "2025-01-15"].map(Self.target))
            let all = try Self.ids(["2025-01-13", "2025-01-14", "2025-01-15"])
            #expect(resumed.counts.inserted == all.count - firstDay.count)
            #expect(try await Self.stored(store) == all)
            #expect(try await store.harvestState("hf")?.watermark == "2025-01-15")
        }
    }

    @Test func aFirstHarvestWithoutFromTakesTheLastFewDays() async throws {
        try await withHarvestFixture(try Self.routes()) { store, server in
            let report = try await Self.harvester(server, store).run()
            #expect(server.requests.map(\.target) == ["2025-01-13", "2025-01-14", "2025-01-15"].map(Self.target))
            #expect(report.pages == 3 && !report.failed)
        }
    }

    /// A day of more papers than Hugging Face answers at once (50) is read page by page; a
    /// server that ignores `p` (the same page again) does not make the harvest loop.
    @Test func aBusyDayIsReadPageByPage() async throws {
        func answer(_ day: String) throws -> [LocalHTTPServer.Response] {
            [LocalHTTPServer.Response(status: 200, headers: [("Content-Type", "application/json")], body: try Self.json(day))]
        }
        let busy = Self.target("2026-05-12")
        let routes = [busy: try answer("2026-05-12"), busy + "&p=1": try answer("2026-05-13"), busy + "&p=2": try answer("2026-08-21"),
                      Self.target("2026-05-13"): try answer("2026-05-13"), Self.target("2026-05-13") + "&p=1": try answer("2026-05-13")]
        #expect(try Self.ids(["2026-05-12"]).count == 50 && Self.ids(["2026-05-13"]).count == 50)
        try await withHarvestFixture(routes) { store, server in
            let report = try await Self.harvester(server, store).run(from: Day("2026-05-12"), until: Day("2026-05-13"))
            #expect(!report.failed)
            #expect(server.requests.map(\.target) == [busy, busy + "&p=1", busy + "&p=2", Self.target("2026-05-13"),
                                                       Self.target("2026-05-13") + "&p=1"])
            let all = try Self.ids(["2026-05-12", "2026-05-13", "2026-08-21"])
            #expect(try await Self.stored(store) == all)
            // Each paper is listed on the day whose pages it came in.
            let listed = try await store.listing(ListingQuery(days: Day("2026-05-12")!...Day("2026-05-12")!, limit: 500))
            #expect(Set(listed.papers.map(\.id.rawValue)) == all)
        }
    }
}
