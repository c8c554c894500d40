import Foundation
import TestSupport
import PaperCore
import PaperStore
import Testing
@testable import PaperIngest

/// `ArxivHarvester` against a local server serving recorded arXiv OAI-PMH pages, into a real
/// SQLite store. The list is the recorded `arXivRaw` page with its resumption token, followed
/// by the recorded `arXiv` page without one (the parser reads either format on any page).
///
/// No test bounds elapsed time; waits are checked by lower bounds that load can only lengthen,
/// and `.hangGuard` only catches a hang.
@Suite(.hangGuard) struct ArxivHarvesterTests {
    static let list = "/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2014-10-01"
    static let resume = "/oai?verb=ListRecords&resumptionToken=726959%7C1001"
    static let clock = FixedClock(Date(utc: "2015-01-06T21:00:00Z"))

    static func harvester(_ server: LocalHTTPServer, _ store: any PaperDatabase, categories: [String] = [],
                          attempts: Int = 3, retryWait: Duration = .seconds(30)) -> ArxivHarvester {
        ArxivHarvester(configuration: .init(
            endpoint: server.baseURL + "/oai", metadataPrefix: "arXivRaw", sets: [], categories: categories,
            politeness: HTTPPoliteness(minimumInterval: .zero, maximumAttempts: attempts, maximumRetryWait: retryWait,
                                       requestTimeout: .seconds(600), userAgent: "PaperFeed tests")
        ), store: store, clock: clock)
    }

    static func twoPages() throws -> [String: [LocalHTTPServer.Response]] {
        [list: [try OAIFixtures.firstPage()], resume: [try OAIFixtures.lastPage()]]
    }

    static func storedIDs(_ store: any PaperDatabase) async throws -> [String] {
        try await store.papers(after: nil, limit: 100).map(\.id.rawValue)
    }

    @Test func aFullHarvestFollowsTheTokenAndMovesTheWatermarkAtTheEnd() async throws {
        try await withHarvestFixture(try Self.twoPages()) { store, server in
            let report = try #require(try await Self.harvester(server, store).run(from: "2014-10-01").first)
            #expect(!report.failed && report.errors.isEmpty)
            #expect(report.pages == 2 && report.records == 8)
            #expect(report.counts == UpsertCounts(inserted: 8))
            #expect(server.requests.map(\.target) == [Self.list, Self.resume])
            #expect(try await Self.storedIDs(store).sorted() == (OAIFixtures.firstPageIDs + OAIFixtures.lastPageIDs).sorted())
            let state = try #require(try await store.harvestState("arxiv"))
            #expect(state.watermark == "2015-01-03")
            #expect(state.resumptionToken == nil && state.pendingWatermark == nil)
            #expect(state.lastSuccessAt == Self.clock.date && state.lastError == nil)
            let paper = try #require(try await store.paper(PaperID(rawValue: "1412.8544")))
            #expect(paper.categories == ["cs.DM"] && paper.source == .oaiPMH)
        }
    }

    /// A fresh instance follows arXiv from a few days back, not from the set's beginning.
    @Test func aSetNeverHarvestedStartsThreeDaysBack() async throws {
        let routes = ["/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2015-01-03": [try OAIFixtures.lastPage()]]
        try await withHarvestFixture(routes) { store, server in
            let report = try #require(try await Self.harvester(server, store).run().first)
            #expect(!report.failed && report.watermark == "2015-01-03")
            #expect(server.requests.map(\.target) == routes.map(\.key))
        }
    }

    @Test func aSecondRunStartsAtTheWatermarkAndStoresNothingNew() async throws {
        var routes = try Self.twoPages()
        routes["/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2015-01-03"] = [try OAIFixtures.lastPage()]
        try await withHarvestFixture(routes) { store, server in
            _ = try await Self.harvester(server, store).run(from: "2014-10-01")
            let again = try #require(try await Self.harvester(server, store).run().first)
            #expect(!again.failed)
            // from= is inclusive: the watermark's day comes again, and is merged as unchanged.
            #expect(again.counts == UpsertCounts(unchanged: 2))
            #expect(server.requests.last?.target == "/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2015-01-03")
            #expect(try await store.harvestState("arxiv")?.watermark == "2015-01-03")
            #expect(try await Self.storedIDs(store).count == 8)
        }
    }

    @Test func aHarvestStoppedBetweenPagesResumesWithItsTokenAndRepeatsNothing() async throws {
        var routes = try Self.twoPages()
        routes[Self.resume] = [LocalHTTPServer.Response(status: 500), try OAIFixtures.lastPage()]
        try await withHarvestFixture(routes) { store, server in
            let stopped = try #require(try await Self.harvester(server, store).run(from: "2014-10-01").first)
            #expect(stopped.failed && stopped.counts.inserted == 6)
            #expect(stopped.errors.last?.contains("HTTP 500") == true)
            let midway = try #require(try await store.harvestState("arxiv"))
            #expect(midway.resumptionToken == "726959|1001")
            #expect(midway.watermark == nil && midway.pendingWatermark == "2014-12-22")
            #expect(midway.lastError?.contains("HTTP 500") == true)
            #expect(try await Self.storedIDs(store).sorted() == OAIFixtures.firstPageIDs)

            let resumed = try #require(try await Self.harvester(server, store).run().first)
            #expect(!resumed.failed)
            #expect(resumed.counts == UpsertCounts(inserted: 2))
            #expect(server.requests.map(\.target) == [Self.list, Self.resume, Self.resume])
            let done = try #require(try await store.harvestState("arxiv"))
            #expect(done.watermark == "2015-01-03" && done.resumptionToken == nil && done.lastError == nil)
            #expect(try await Self.storedIDs(store).count == 8)
        }
    }

    @Test func theRecorded503IsWaitedOutThenTheListIsRead() async throws {
        let routes = [Self.list: [try OAIFixtures.busy(), try OAIFixtures.lastPage()]]
        try await withHarvestFixture(routes) { store, server in
            // The recorded Retry-After is 10 s; the harvester caps it at 300 ms here.
            let report = try #require(try await Self.harvester(server, store, retryWait: .milliseconds(300))
                .run(from: "2014-10-01").first)
            #expect(!report.failed && report.counts.inserted == 2)
            let times = server.requests.map(\.receivedAt)
            try #require(times.count == 2)
            #expect(times[1] - times[0] >= .milliseconds(300))
        }
    }

    @Test func aRetryAfterDateIsHonouredAndABusyServerEndsTheRunClearly() async throws {
        // An hour ahead, so that however long the set-up takes under load the date is still
        // ahead when the answer is read; the harvester cuts the wait to 500 ms.
        let soon = Date().addingTimeInterval(3_600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let routes = [Self.list: [try OAIFixtures.busy(retryAfter: formatter.string(from: soon)), try OAIFixtures.lastPage()]]
        try await withHarvestFixture(routes) { store, server in
            let report = try #require(try await Self.harvester(server, store, retryWait: .milliseconds(500))
                .run(from: "2014-10-01").first)
            #expect(!report.failed)
            let times = server.requests.map(\.receivedAt)
            #expect(times.count == 2 && times[1] - times[0] >= .milliseconds(500))
        }
        try await withHarvestFixture([Self.list: [try OAIFixtures.busy(retryAfter: "0")]]) { store, server in
            let report = try #require(try await Self.harvester(server, store, attempts: 2).run(from: "2014-10-01").first)
            #expect(report.failed)
            #expect(report.errors == ["\(server.baseURL)\(Self.list): HTTP 503 2 times"])
            #expect(server.requests.count == 2)
            #expect(try await store.harvestState("arxiv")?.lastError == report.errors.last)
        }
    }

    @Test func aRefusedTokenRestartsTheListFromTheWatermark() async throws {
        let routes = [
            "/oai?verb=ListRecords&resumptionToken=3": [try OAIFixtures.error("BadResumptionToken")],
            "/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2015-01-01": [try OAIFixtures.lastPage()],
        ]
        try await withHarvestFixture(routes) { store, server in
            // A harvest stopped long ago left a token the repository has since forgotten.
            let stale = HarvestState(source: "arxiv", watermark: "2015-01-01", resumptionToken: "3", pendingWatermark: "2015-01-02")
            _ = try await store.commitHarvestPage([], state: stale)
            let report = try #require(try await Self.harvester(server, store).run().first)
            #expect(!report.failed && report.counts.inserted == 2)
            #expect(report.errors.count == 1 && report.errors[0].contains("badResumptionToken"))
            #expect(server.requests.count == 2)
            let state = try #require(try await store.harvestState("arxiv"))
            #expect(state.watermark == "2015-01-03" && state.resumptionToken == nil)
        }
    }

    @Test func noRecordsMatchIsAnEmptySuccessAndOtherErrorsAreReported() async throws {
        let routes = [
            "/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2030-01-01": [try OAIFixtures.error("NoRecordsMatch")],
            "/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2031-01-01": [try OAIFixtures.error("BadArgument")],
        ]
        try await withHarvestFixture(routes) { store, server in
            let empty = try #require(try await Self.harvester(server, store).run(from: "2030-01-01").first)
            #expect(!empty.failed && empty.errors.isEmpty && empty.pages == 1 && empty.records == 0)
            #expect(try await store.harvestState("arxiv")?.lastSuccessAt == Self.clock.date)

            let refused = try #require(try await Self.harvester(server, store).run(from: "2031-01-01").first)
            #expect(refused.failed)
            #expect(refused.errors.first?.contains("OAI-PMH error badArgument") == true)
            let state = try #require(try await store.harvestState("arxiv"))
            #expect(state.lastError == refused.errors.first && state.watermark == nil)
        }
    }

    @Test func onlyTheChosenCategoriesAreStored() async throws {
        try await withHarvestFixture(try Self.twoPages()) { store, server in
            // `math` takes math.MP and math.AG (not math-ph alone); cs.DM is named exactly.
            let report = try #require(try await Self.harvester(server, store, categories: ["math", "CS.DM"])
                .run(from: "2014-10-01").first)
            #expect(report.records == 8 && report.filtered == 5 && report.counts.inserted == 3)
            #expect(try await Self.storedIDs(store).sorted() == ["0704.0716", "0704.0874", "1412.8544"])
            #expect(try await store.harvestState("arxiv")?.watermark == "2015-01-03")
        }
    }

    @Test func datestampsAreCheckedBeforeTheyBecomeTheNextFrom() {
        #expect(ArxivHarvester.datestamp("2015-01-03") == "2015-01-03")
        #expect(ArxivHarvester.datestamp("2015-01-03T10:20:30Z") == "2015-01-03T10:20:30Z")
        #expect(ArxivHarvester.datestamp("2015-01-03&verb=Identify") == nil)
        #expect(ArxivHarvester.datestamp("2015-02-30") == nil)
        #expect(ArxivHarvester.datestamp("tomorrow") == nil)
    }
}
