import Foundation
import Logging
import PaperCore
import PaperStore
import Testing
import TestSupport
@testable import PaperIngest

/// `HarvestService` as `serve` runs it: each source is harvested once per interval however
/// many nodes share the store, through the job queue, into a real SQLite store, from a local
/// server with the real Hugging Face files (HFDailyHarvesterTests' routes).
@Suite(.hangGuard) struct HarvestServiceTests {
    static func service(_ server: LocalHTTPServer, _ store: any PaperDatabase, node: String, now: Date) -> HarvestService {
        let clock = FixedClock(now)
        let harvester = HFDailyHarvester(configuration: .init(
            siteURL: server.baseURL + "/", refreshDays: 3,
            politeness: HTTPPoliteness(minimumInterval: .zero, requestTimeout: .seconds(600), userAgent: "PaperFeed tests")
        ), store: store, clock: clock)
        let source = HarvestService.Source(name: "hf") { [try await harvester.run()] }
        return HarvestService(sources: [source], jobs: store, node: node, interval: .seconds(3600), clock: clock,
                              logger: Logger(label: "test"))
    }

    @Test func aSourceIsHarvestedOncePerIntervalWhateverTheNumberOfNodes() async throws {
        try await withHarvestFixture(try HFDailyHarvesterTests.routes()) { store, server in
            let now = HFDailyHarvesterTests.clock.now()
            let first = try await Self.service(server, store, node: "a", now: now).runOnce()
            #expect(first.map(\.source) == ["hf"])
            #expect(first.first?.failed == false)
            // The first run fetches the days up to today: the papers of the last days are stored.
            let stored = try await HFDailyHarvesterTests.stored(store)
            #expect(!stored.isEmpty)
            #expect(stored.isSubset(of: try HFDailyHarvesterTests.ids(HFDailyHarvesterTests.days)))
            let requests = server.requests.count

            // Another node (and the same one again) in the same hour finds this hour's turn done.
            #expect(try await Self.service(server, store, node: "b", now: now.addingTimeInterval(60)).runOnce().isEmpty)
            #expect(try await Self.service(server, store, node: "a", now: now.addingTimeInterval(120)).runOnce().isEmpty)
            #expect(server.requests.count == requests)

            // The next hour is a new turn, taken by whichever node comes first.
            let next = try await Self.service(server, store, node: "b", now: now.addingTimeInterval(3600)).runOnce()
            #expect(next.map(\.source) == ["hf"])
            #expect(server.requests.count > requests)
        }
    }

    @Test func aFailingSourceIsRecordedWhereHealthReadsIt() async throws {
        let routes = try HFDailyHarvesterTests.routes([
            HFDailyHarvesterTests.target("2025-01-13"): [LocalHTTPServer.Response(status: 500, headers: [], body: Data("down".utf8))],
        ])
        try await withHarvestFixture(routes) { store, server in
            let reports = try await Self.service(server, store, node: "a", now: HFDailyHarvesterTests.clock.now()).runOnce()
            #expect(reports.first?.failed == true)
            let state = try #require(try await store.harvestStates().first { $0.source == "hf" })
            #expect(state.lastError?.contains("2025-01-13") == true)
        }
    }
}
