import Foundation
import Logging
import PaperCore
import PaperStore
import Testing
import TestSupport
@testable import PaperIngest

/// Two nodes, "a" and "b", running `HarvestService` at the same moment against one PostgreSQL
/// database, each through a store of its own (its own connection pool, as two `serve` processes
/// have), harvesting arXiv lists of several resumption-token pages (real snapshot records in the
/// `arXiv` format, `OAIList`) from a local server.
///
/// A source's turn in an interval is one job, so a list is harvested by one node, page after
/// page, while the other finds that job taken. To make the two attempts overlap whatever the
/// scheduling, a node that claims a turn waits inside it (`Overlap`) until the other node has
/// claimed a turn too or finished its attempt.
@Suite(.enabled(if: DatabaseEngine.postgresURL != nil, "needs PAPERFEED_TEST_POSTGRES_URL"), .hangGuard)
struct HarvestServicePostgresTests {
    static let clock = FixedClock(Date(utc: "2025-01-15T12:00:00Z"))

    /// `count` records of the real snapshot in pages of 25, set `set`, ids from `first` on.
    static func list(set: String, first: Int, count: Int) throws -> OAIList {
        var records = try SnapshotRecords(contentsOf: RepositoryPaths.arxivFixtures
            .appendingPathComponent("kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl"))
        return OAIList(&records, first: first, count: count, pageSize: 25, set: set, datestamp: "2025-01-14", from: nil)
    }

    /// Node `node`'s service over `store`: one source per set, named `arxiv:<set>`, each
    /// harvest entering `overlap` first.
    static func service(node: String, store: any PaperDatabase, server: LocalHTTPServer, sets: [String],
                        overlap: Overlap) -> HarvestService {
        let sources = sets.map { set in
            let harvester = ArxivHarvester(configuration: .init(
                endpoint: server.baseURL + "/oai", metadataPrefix: "arXiv", sets: [set],
                politeness: HTTPPoliteness(minimumInterval: .zero, requestTimeout: .seconds(600), userAgent: "PaperFeed tests"),
                firstDays: nil
            ), store: store, clock: clock)
            return HarvestService.Source(name: "arxiv:\(set)") {
                await overlap.enter(node, source: set)
                return try await harvester.run()
            }
        }
        return HarvestService(sources: sources, jobs: store, node: node, interval: .seconds(3600), clock: clock,
                              logger: Logger(label: "test"))
    }

    /// Runs both nodes' `runOnce()` at once; each node's reports.
    static func runBoth(_ a: HarvestService, _ b: HarvestService, overlap: Overlap) async throws -> [String: [HarvestReport]] {
        async let fromA = attempt(a, overlap)
        async let fromB = attempt(b, overlap)
        return try await ["a": fromA, "b": fromB]
    }

    private static func attempt(_ service: HarvestService, _ overlap: Overlap) async throws -> [HarvestReport] {
        do {
            let reports = try await service.runOnce()
            await overlap.finish(service.node)
            return reports
        } catch {
            await overlap.finish(service.node)
            throw error
        }
    }

    /// Two nodes, two stores, one PostgreSQL database, the lists `lists` served.
    static func withTwoNodes(serving lists: [OAIList],
                             _ body: (any PaperDatabase, any PaperDatabase, LocalHTTPServer) async throws -> Void) async throws {
        let routes = lists.reduce(into: [String: [LocalHTTPServer.Response]]()) { $0.merge($1.routes) { _, new in new } }
        try await LocalHTTPServer.serving(routes) { server in
            try await withTemporaryDatabase(.postgres) { database in
                try await PaperDatabases.withStore(database.location) { storeA in
                    try await PaperDatabases.withStore(database.location) { storeB in
                        try await body(storeA, storeB, server)
                    }
                }
            }
        }
    }

    static func storedIDs(_ store: any PaperDatabase) async throws -> [String] {
        try await store.papers(after: nil, limit: 1_000).map(\.id.rawValue).sorted()
    }

    @Test func oneSourceIsHarvestedByOneNodeWhileTheOtherFindsItsTurnTaken() async throws {
        let list = try Self.list(set: "cs", first: 0, count: 150)
        #expect(list.targets.count == 6)
        try await Self.withTwoNodes(serving: [list]) { storeA, storeB, server in
            let overlap = Overlap(nodes: ["a", "b"])
            let reports = try await Self.runBoth(
                Self.service(node: "a", store: storeA, server: server, sets: ["cs"], overlap: overlap),
                Self.service(node: "b", store: storeB, server: server, sets: ["cs"], overlap: overlap), overlap: overlap)

            // One node harvested the whole list; the other asked while it did and found nothing to do.
            let entered = await overlap.entered
            try #require(entered.count == 1)
            let harvester = entered[0].node
            let report = try #require(reports[harvester]?.first)
            #expect(reports.values.map(\.count).sorted() == [0, 1])
            #expect(!report.failed && report.pages == 6 && report.records == 150)
            #expect(report.counts == UpsertCounts(inserted: 150))

            // Every page fetched once, in order; every record stored once, seen alike from both stores.
            #expect(server.requests.map(\.target) == list.targets)
            #expect(try await Self.storedIDs(storeA) == list.records.map(\.id).sorted())
            #expect(try await Self.storedIDs(storeB) == list.records.map(\.id).sorted())
            let state = try #require(try await storeB.harvestState("arxiv:cs"))
            #expect(state.watermark == "2025-01-14" && state.resumptionToken == nil)

            // Both again in the same interval: the turn is done, nothing is fetched.
            let next = Overlap(nodes: ["a", "b"])
            let again = try await Self.runBoth(
                Self.service(node: "a", store: storeA, server: server, sets: ["cs"], overlap: next),
                Self.service(node: "b", store: storeB, server: server, sets: ["cs"], overlap: next), overlap: next)
            #expect(again.values.allSatisfy { $0.isEmpty })
            #expect(server.requests.count == 6)
        }
    }

    @Test func twoSourcesAreHarvestedSideBySideOneByEachNode() async throws {
        let lists = [try Self.list(set: "cs", first: 0, count: 100), try Self.list(set: "math", first: 1_000, count: 75)]
        try await Self.withTwoNodes(serving: lists) { storeA, storeB, server in
            let overlap = Overlap(nodes: ["a", "b"])
            let reports = try await Self.runBoth(
                Self.service(node: "a", store: storeA, server: server, sets: ["cs", "math"], overlap: overlap),
                Self.service(node: "b", store: storeB, server: server, sets: ["cs", "math"], overlap: overlap), overlap: overlap)

            // Each node claimed one source and both were inside their harvests at once.
            let entered = await overlap.entered
            #expect(Set(entered.map(\.node)) == ["a", "b"])
            #expect(Set(entered.map(\.source)) == ["cs", "math"])
            #expect(reports.values.map(\.count) == [1, 1])
            #expect(reports.values.flatMap { $0 }.map(\.counts.inserted).reduce(0, +) == 175)

            let fetched = server.requests.map(\.target)
            #expect(fetched.sorted() == (lists[0].targets + lists[1].targets).sorted())
            #expect(try await Self.storedIDs(storeA) == (lists[0].records + lists[1].records).map(\.id).sorted())
        }
    }
}

/// Holds each node that enters a harvest until every node has entered one or finished its
/// attempt, so that two nodes' attempts overlap however their tasks are scheduled; records who
/// entered which harvest.
actor Overlap {
    private var pending: Set<String>
    private var held: [CheckedContinuation<Void, Never>] = []
    /// The harvests entered, in order.
    private(set) var entered: [(node: String, source: String)] = []

    init(nodes: Set<String>) {
        pending = nodes
    }

    /// `node` starts harvesting `source`; returns once every node has arrived.
    func enter(_ node: String, source: String) async {
        entered.append((node, source))
        arrive(node)
        guard !pending.isEmpty else { return }
        await withCheckedContinuation { held.append($0) }
    }

    /// `node` has finished its attempt.
    func finish(_ node: String) {
        arrive(node)
    }

    private func arrive(_ node: String) {
        pending.remove(node)
        guard pending.isEmpty else { return }
        held.forEach { $0.resume() }
        held.removeAll()
    }
}
