import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PaperCore
import Testing
import TestSupport

/// `serve` with `PAPERFEED_HARVEST`: a fresh instance shows the papers its (local) Hugging Face
/// source lists today, without anyone running a command, and `/health` says where it stands.
@Suite(.timeLimit(.minutes(3))) struct ServeHarvestTests {
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

        // The first harvest runs as the server starts, a day at a time; poll /health until it
        // has reached today (the suite's time limit ends a harvest that never does).
        var source: [String: Any]?
        while (source?["watermark"] as? String ?? "") < today.description {
            if source != nil { try await Task.sleep(for: .milliseconds(50)) }
            let health = try #require(try await HTTP.json(base + "health") as? [String: Any])
            source = (health["harvest"] as? [[String: Any]])?.first { $0["source"] as? String == "hf" } ?? [:]
        }
        #expect(source?["lastError"] == nil)

        let (page, _) = try await URLSession.shared.data(from: URL(string: base)!)
        let html = String(decoding: page, as: UTF8.self)
        #expect(html.contains("EnvHarness: Awakening Static Worlds for Agent Learning"))
        try await server.stop()
    }
}
