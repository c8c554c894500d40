import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PaperCore
import PaperStore
import Testing
import TestSupport

/// `serve` with `PAPERFEED_HARVEST`: a fresh instance shows the papers its (local) Hugging Face
/// or arXiv source has today, without anyone running a command, keeps them across a crash, and
/// `/health` says where it stands.
@Suite(.hangGuard) struct ServeHarvestTests {
    @Test func aFreshInstanceShowsTodaysPapersFromItsSourceOnItsFrontPage() async throws {
        // Today's list is a real day's file; the days before it (and after, should the test cross
        // midnight) are empty, as on a weekend.
        let today = Day(Date())
        let file = RepositoryPaths.hfDays.appendingPathComponent("2026-08-21.json")
        var routes: [String: [LocalHTTPServer.Response]] = [:]
        for offset in -10...1 {
            let day = today.adding(days: offset)
            let body = offset == 0 ? try Data(contentsOf: file) : Data("[]".utf8)
            routes["/api/daily_papers?date=\(day)"] = [LocalHTTPServer.Response(status: 200, headers: [("Content-Type", "application/json")],
                                                                                   body: body)]
        }
        let server = try await LocalHTTPServer.start(routes: routes)
        var cli = CLI()
        cli.environment = ["PAPERFEED_HARVEST": "hf", "PAPERFEED_HF_URL": server.baseURL, "PAPERFEED_DEMO": "false",
                           "PAPERFEED_MODEL_DIR": "/nonexistent"]
        defer { cli.removeDatabase() }
        let node = try cli.start(["serve", "--port", "0", "--db", cli.database])
        defer { node.terminate() }
        let base = try await ServerOutput.baseURL(of: node)

        // The first harvest runs as the server starts, a day at a time.
        let source = try await Self.waitForHarvest(of: "hf", through: today, at: base)
        #expect(source["lastError"] == nil)
        #expect(try await HTTP.text(base).contains("EnvHarness: Awakening Static Worlds for Agent Learning"))
        try await server.stop()
    }

    /// Polls `/health` until `source` has a watermark of at least `day`; the suite's time limit
    /// ends a harvest that never gets there.
    static func waitForHarvest(of source: String, through day: Day, at base: String) async throws -> [String: Any] {
        var state: [String: Any]?
        while (state?["watermark"] as? String ?? "") < day.description {
            if state != nil { try await Task.sleep(for: .milliseconds(50)) }
            let health = try #require(try await HTTP.json(base + "health") as? [String: Any])
            state = (health["harvest"] as? [[String: Any]])?.first { $0["source"] as? String == source } ?? [:]
        }
        return state ?? [:]
    }

    /// Polls the database until no harvest turn is being worked on; the suite's time limit ends a wait that never ends.
    static func waitUntilNoHarvestRuns(in database: String) async throws {
        try await PaperDatabases.withStore(database) { store in
            while try await !store.runningJobs(kind: "harvest").isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        }
    }

    /// An instance that follows only arXiv: its front page is the newest day papers appeared,
    /// and after a SIGKILL and a restart it still is, without fetching the list again.
    @Test func anArxivOnlyInstanceShowsTodaysNewPapersAndKeepsThemAcrossACrash() async throws {
        let today = Day(Date())
        // The recorded page, its papers made today's (created and datestamp).
        let file = RepositoryPaths.arxivFixtures.appendingPathComponent(
            "oai-pmh/arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try2_http200.xml")
        let recorded = try String(contentsOf: file, encoding: .utf8)
        let page = recorded.replacing(/<created>\d{4}-\d{2}-\d{2}<\/created>/, with: "<created>\(today)</created>")
            .replacing(/<datestamp>\d{4}-\d{2}-\d{2}<\/datestamp>/, with: "<datestamp>\(today)</datestamp>")
        let response = LocalHTTPServer.Response(status: 200, headers: [("Content-Type", "text/xml")], body: Data(page.utf8))
        var routes: [String: [LocalHTTPServer.Response]] = [:]
        // The first list starts three days back (either side of midnight, should the test cross it).
        for day in [today, today.adding(days: 1)] {
            routes["/oai?verb=ListRecords&metadataPrefix=arXiv&set=cs&from=\(day.adding(days: -3))"] = [response]
        }
        let server = try await LocalHTTPServer.start(routes: routes)
        var cli = CLI()
        cli.environment = ["PAPERFEED_HARVEST": "arxiv", "PAPERFEED_ARXIV_OAI_URL": server.baseURL + "/oai",
                           "PAPERFEED_DEMO": "false", "PAPERFEED_MODEL_DIR": "/nonexistent"]
        defer { cli.removeDatabase() }
        let first = try cli.start(["serve", "--port", "0", "--db", cli.database])
        defer { if first.isRunning { first.terminate() } }
        let base = try await ServerOutput.baseURL(of: first)
        let state = try await Self.waitForHarvest(of: "arxiv:cs", through: today, at: base)
        #expect(state["lastError"] == nil)
        let title = "A Kochen-Specker system has at least 22 vectors (extended abstract)"
        #expect(try await HTTP.text(base).contains(title))
        #expect(try await HTTP.text(base + "papers/cat/cs.DM").contains(title))
        // The watermark is stored while the turn runs, the turn marked done just after it.
        try await Self.waitUntilNoHarvestRuns(in: cli.database)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()

        let requests = server.requests.count
        let second = try cli.start(["serve", "--port", "0", "--db", cli.database])
        defer { second.terminate() }
        let restarted = try await ServerOutput.baseURL(of: second)
        #expect(try await HTTP.text(restarted).contains(title))
        #expect(server.requests.count == requests, "this hour's turn was done before the crash")
        try await server.stop()
    }
}
