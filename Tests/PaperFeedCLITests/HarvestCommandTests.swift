import Foundation
import TestSupport
import PaperCore
import PaperStore
import Testing

/// `paperfeed harvest` against a local OAI-PMH server serving recorded arXiv pages.
@Suite(.hangGuard) struct HarvestCommandTests {
    static let list = "/oai?verb=ListRecords&metadataPrefix=arXiv&set=cs&from=2014-10-01"
    static let resume = "/oai?verb=ListRecords&resumptionToken=726959%7C1001"

    static func page(_ path: String) throws -> LocalHTTPServer.Response {
        let file = RepositoryPaths.arxivFixtures.appendingPathComponent("oai-pmh/\(path)")
        return LocalHTTPServer.Response(status: 200, headers: [("Content-Type", "text/xml")], body: try Data(contentsOf: file))
    }

    /// Polls until `condition` holds; the suite's time limit catches a condition that never does.
    static func waitUntil(_ condition: () -> Bool) async throws {
        while !condition() { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func aHarvestKilledBetweenPagesResumesWithoutLosingOrRepeatingPapers() async throws {
        // The second page is held back the first time it is asked for: by then the first page
        // is committed (the harvester commits before it asks for the next), and the test kills
        // the process while it waits. The restarted harvest gets the page at once.
        let held = LocalHTTPServer.Response(status: 200, delay: .seconds(600))
        let server = try await LocalHTTPServer.start(routes: [
            Self.list: [try Self.page("arxivraw-2015/ListRecordsResponse.xml")],
            Self.resume: [held, try Self.page("arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try2_http200.xml")],
        ])
        var cli = CLI()
        cli.environment["PAPERFEED_ARXIV_OAI_URL"] = server.baseURL + "/oai"
        defer { cli.removeDatabase() }

        let first = try cli.start(["harvest", "--source", "arxiv", "--set", "cs", "--from", "2014-10-01", "--interval", "0"])
        try await Self.waitUntil { server.requests.contains { $0.target == Self.resume } }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        try await withStore(cli.database) { store in
            let state = try #require(try await store.harvestState("arxiv:cs"))
            #expect(state.resumptionToken == "726959|1001" && state.watermark == nil)
            #expect(try await store.statistics().papers == 6)
        }

        let resumed = try await cli.run("harvest", "--source", "arxiv", "--set", "cs", "--interval", "0")
        #expect(resumed.status == 0, "\(resumed.output)\(resumed.errors)")
        #expect(resumed.output.contains("arxiv:cs done: 1 pages, 2 records; new: 2, updated: 0, unchanged: 0"))
        #expect(server.requests.map(\.target) == [Self.list, Self.resume, Self.resume])
        try await withStore(cli.database) { store in
            let state = try #require(try await store.harvestState("arxiv:cs"))
            #expect(state.watermark == "2015-01-03" && state.resumptionToken == nil && state.lastError == nil)
            #expect(try await store.statistics().papers == 8)
        }
        try await server.stop()
    }

    @Test func aSourceThatCannotBeReachedFailsWithItsReason() async throws {
        let server = try await LocalHTTPServer.start(routes: [:])
        var cli = CLI()
        cli.environment["PAPERFEED_HF_URL"] = server.baseURL
        defer { cli.removeDatabase() }
        let result = try await cli.run("harvest", "--source", "hf", "--from", "2025-01-13", "--until", "2025-01-13", "--interval", "0")
        #expect(result.status == 1)
        #expect(result.output.contains("hf stopped: 0 pages"))
        #expect(result.output.contains("error: \(server.baseURL)/api/daily_papers?date=2025-01-13: HTTP 404"))
        let invalid = try await cli.run("harvest", "--source", "rss")
        #expect(invalid.status != 0 && invalid.errors.contains("Unknown source 'rss'"))
        try await server.stop()
    }

    private func withStore(_ path: String, _ body: (any PaperDatabase) async throws -> Void) async throws {
        try await PaperDatabases.withStore(path, body)
    }
}
