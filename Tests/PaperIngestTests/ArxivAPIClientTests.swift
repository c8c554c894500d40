import AsyncHTTPClient
import Foundation
import TestSupport
import PaperCore
import Testing
@testable import PaperIngest

/// `ArxivAPIClient` against a real HTTP server on 127.0.0.1 serving recorded arXiv answers.
///
/// No test bounds elapsed time: the suite runs beside CPU-bound parser tests on a cooperative
/// pool as wide as the machine has cores, so a stopwatch measures the machine's load (15.8 s
/// against a 12 s bound once, for a lookup that takes 0.05 s alone). Tests assert what happened
/// instead (the error, the requests and connections the server saw, lower bounds on waits that
/// load can only lengthen); `.hangGuard` only catches a hang.
@Suite(.hangGuard) struct ArxivAPIClientTests {
    static func target(_ idList: String) -> String { "/api/query?id_list=\(idList)&max_results=1" }

    static func fixture(_ name: String, status: Int = 200) throws -> LocalHTTPServer.Response {
        LocalHTTPServer.Response(
            status: status, headers: [("Content-Type", "application/atom+xml; charset=utf-8")],
            body: try Fixtures.data("atom-api/2026/\(name)")
        )
    }

    /// Clients of the tests wait ten minutes for an answer unless a test is about the timeout:
    /// on a loaded machine a local server's answer (or its closing the connection) has come
    /// after 15 s, and the test then saw a timeout instead of what the server did.
    static func client(_ server: LocalHTTPServer, interval: Duration = .milliseconds(200),
                       attempts: Int = 3, maximumRetryWait: Duration = .seconds(30),
                       timeout: Duration = .seconds(600)) -> ArxivAPIClient {
        client(baseURL: server.baseURL, interval: interval, attempts: attempts, maximumRetryWait: maximumRetryWait,
               timeout: timeout)
    }

    static func client(baseURL: String, interval: Duration = .milliseconds(200),
                       attempts: Int = 3, maximumRetryWait: Duration = .seconds(30),
                       timeout: Duration = .seconds(600)) -> ArxivAPIClient {
        ArxivAPIClient(configuration: .init(
            baseURL: baseURL, minimumInterval: interval, maximumAttempts: attempts,
            maximumRetryWait: maximumRetryWait, requestTimeout: timeout
        ))
    }

    static func id(_ text: String) throws -> ArxivID { try #require(ArxivID(parsing: text)) }

    /// Runs `body` against a server answering `routes`, and stops the server afterwards.
    func withServer(
        _ routes: [String: [LocalHTTPServer.Response]], _ body: (LocalHTTPServer) async throws -> Void
    ) async throws {
        let server = try await LocalHTTPServer.start(routes: routes)
        do {
            try await body(server)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    /// The reason of the `.unavailable` that `lookup` throws, or `nil` (and an issue) otherwise.
    func unavailableReason(_ lookup: () async throws -> Paper?) async -> String? {
        let error = await #expect(throws: PaperLookupError.self) { try await lookup() }
        guard case let .unavailable(reason) = error else {
            Issue.record("expected .unavailable, got \(String(describing: error))")
            return nil
        }
        return reason
    }

    @Test func findsAPaperWithAPoliteRequest() async throws {
        try await withServer([
            Self.target("1707.08567"): [try Self.fixture("id_1707.08567_s0_m100.xml")],
        ]) { server in
            let paper = try #require(try await Self.client(server).paper(arxiv: Self.id("arXiv:1707.08567")))
            #expect(paper.id == PaperID(rawValue: "1707.08567"))
            #expect(paper.title == "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications")
            #expect(paper.source == .arxivAtom)
            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.header("User-Agent")?.contains("PaperFeed") == true)
        }
    }

    @Test func asksForTheLatestVersionOfAnOldStyleId() async throws {
        try await withServer([
            Self.target("quant-ph%2F0201082"): [try Self.fixture("id_quant-ph_0201082v1_s0_m100.xml")],
        ]) { server in
            let paper = try await Self.client(server).paper(arxiv: Self.id("quant-ph/0201082v1"))
            #expect(paper?.id == PaperID(rawValue: "quant-ph/0201082"))
            #expect(paper?.version == 1)
        }
    }

    @Test func unknownIdIsNil() async throws {
        try await withServer([
            Self.target("2608.99999"): [try Self.fixture("id_0000.0000_s0_m100.xml")],
        ]) { server in
            let paper = try await Self.client(server).paper(arxiv: Self.id("2608.99999"))
            #expect(paper == nil)
            #expect(server.requests.count == 1)
        }
    }

    @Test func arxivErrorEntryWithHTTP400IsNil() async throws {
        try await withServer([
            Self.target("2608.99999"): [try Self.fixture("id_abc_s0_m100.xml", status: 400)],
        ]) { server in
            let paper = try await Self.client(server).paper(arxiv: Self.id("2608.99999"))
            #expect(paper == nil)
        }
    }

    @Test func anEntryForAnotherPaperIsNotReturned() async throws {
        try await withServer([
            Self.target("1707.08567"): [try Self.fixture("id_1605.08386_s0_m100.xml")],
        ]) { server in
            let paper = try await Self.client(server).paper(arxiv: Self.id("1707.08567"))
            #expect(paper == nil)
        }
    }

    @Test func otherStatusesAndBrokenXMLAreBadResponses() async throws {
        try await withServer([
            Self.target("1707.08567"): [LocalHTTPServer.Response(status: 500, body: Data("oops".utf8))],
            Self.target("1605.08386"): [LocalHTTPServer.Response(status: 200, body: Data("<feed><entry>".utf8))],
            Self.target("2104.12255"): [LocalHTTPServer.Response(status: 400, body: Data("bad".utf8))],
        ]) { server in
            let client = Self.client(server, interval: .milliseconds(50))
            await #expect(throws: PaperLookupError.badResponse("HTTP 500")) {
                try await client.paper(arxiv: Self.id("1707.08567"))
            }
            let error = await #expect(throws: PaperLookupError.self) {
                try await client.paper(arxiv: Self.id("1605.08386"))
            }
            guard case let .badResponse(reason) = error else {
                Issue.record("expected .badResponse, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("malformed XML"))
            await #expect(throws: PaperLookupError.badResponse("HTTP 400")) {
                try await client.paper(arxiv: Self.id("2104.12255"))
            }
        }
    }

    @Test func honoursRetryAfterThenSucceeds() async throws {
        try await withServer([
            Self.target("1707.08567"): [
                LocalHTTPServer.Response(status: 503, headers: [("Retry-After", "1")], body: Data("busy".utf8)),
                try Self.fixture("id_1707.08567_s0_m100.xml"),
            ],
        ]) { server in
            let paper = try await Self.client(server).paper(arxiv: Self.id("1707.08567"))
            #expect(paper?.id == PaperID(rawValue: "1707.08567"))
            let times = server.requests.map(\.receivedAt)
            try #require(times.count == 2)
            #expect(times[1] - times[0] >= .seconds(1))
        }
    }

    @Test func staysBusyThenUnavailableWithCappedWaits() async throws {
        let busy = LocalHTTPServer.Response(status: 503, headers: [("Retry-After", "120")], body: Data("busy".utf8))
        try await withServer([Self.target("1707.08567"): [busy]]) { server in
            // Two waits cut from 120 s to 0.3 s each: a 120 s wait would run into the time limit.
            let client = Self.client(server, attempts: 3, maximumRetryWait: .milliseconds(300))
            let reason = await unavailableReason { try await client.paper(arxiv: Self.id("1707.08567")) }
            #expect(reason == "HTTP 503 3 times")
            // `require`: indexing a shorter list would crash the whole test process.
            let times = server.requests.map(\.receivedAt)
            try #require(times.count == 3)
            #expect(times[2] - times[1] >= .milliseconds(300))
        }
    }

    @Test func concurrentLookupsAreSpaced() async throws {
        try await withServer([
            Self.target("1707.08567"): [try Self.fixture("id_1707.08567_s0_m100.xml")],
            Self.target("1605.08386"): [try Self.fixture("id_1605.08386_s0_m100.xml")],
        ]) { server in
            let client = Self.client(server, interval: .milliseconds(500))
            let start = ContinuousClock.now
            async let first = client.paper(arxiv: Self.id("1707.08567"))
            async let second = client.paper(arxiv: Self.id("1605.08386"))
            let papers = try await [first, second]
            #expect(papers.compactMap { $0?.id.rawValue }.sorted() == ["1605.08386", "1707.08567"])
            let times = server.requests.map(\.receivedAt).sorted()
            try #require(times.count == 2)
            // Whichever went first, the other could not start before its slot, 500 ms after the
            // first's (measured from before both began: a late first request cannot shrink it).
            #expect(times[1] - start >= .milliseconds(500))
        }
    }

    @Test func serverDownIsUnavailableByTheRequestTimeout() async throws {
        let down = try RefusingPort()
        // The shared HTTPClient retries refused connections until the request's deadline (1 s).
        let client = Self.client(baseURL: down.baseURL, timeout: .seconds(1))
        let reason = await unavailableReason { try await client.paper(arxiv: Self.id("1707.08567")) }
        #expect(reason == "connection refused")
        withExtendedLifetime(down) {}
    }

    @Test func serverDownIsUnavailableAtOnceWithoutConnectRetries() async throws {
        let down = try RefusingPort()
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        // A ten-minute timeout: were refused connections retried until it, the suite's one-minute
        // limit would fail the test; without retries the refusal ends the lookup at once.
        let client = ArxivAPIClient(configuration: .init(baseURL: down.baseURL, requestTimeout: .seconds(600)), httpClient: http)
        let reason = await unavailableReason { try await client.paper(arxiv: Self.id("1707.08567")) }
        try await http.shutdown()
        #expect(reason == "connection refused")
        withExtendedLifetime(down) {}
    }

    @Test func aServerThatDropsTheRequestIsAskedOnce() async throws {
        let dropped = LocalHTTPServer.Response(status: 200, closesWithoutAnswer: true)
        try await withServer([Self.target("1707.08567"): [dropped]]) { server in
            // Usually AsyncHTTPClient reports the close at once ("connection closed by the server",
            // see `aDroppedConnectionIsNamed`), but under a full suite's load it has once noticed it
            // only at its 90 s read timeout instead. Either way the lookup is unavailable.
            let reason = await unavailableReason { try await Self.client(server).paper(arxiv: Self.id("1707.08567")) }
            #expect(reason == "connection closed by the server" || reason?.hasPrefix("no answer within") == true)
            // Unavailable is not busy: no second attempt, on this connection or another.
            #expect(server.requests.count == 1)
            #expect(server.connectionCount == 1)
        }
    }

    @Test func aDroppedConnectionIsNamed() {
        let reason = PoliteHTTPClient.reason(for: HTTPClientError.remoteConnectionClosed, timeout: .seconds(5))
        #expect(reason == "connection closed by the server")
        #expect(PoliteHTTPClient.reason(for: HTTPClientError.readTimeout, timeout: .seconds(5)) == "no answer within 5.0 seconds")
    }

    @Test func aStalledServerIsUnavailableAfterTheTimeout() async throws {
        var stalled = try Self.fixture("id_1707.08567_s0_m100.xml")
        // Ten minutes: on a busy machine the client's 0.5 s deadline has been noticed only after
        // the 30 s this stall used to last, and the paper came first.
        stalled.delay = .seconds(600)
        try await withServer([Self.target("1707.08567"): [stalled]]) { server in
            // Had the client waited, the paper would come after 10 minutes instead of this error.
            let client = Self.client(server, timeout: .milliseconds(500))
            let reason = await unavailableReason { try await client.paper(arxiv: Self.id("1707.08567")) }
            #expect(reason == "no answer within 0.5 seconds")
            #expect(server.requests.count == 1)
        }
    }

    @Test func readsRetryAfterInBothForms() {
        let now = Date(utc: "2026-04-12T22:59:00Z")
        #expect(PoliteHTTPClient.retryAfter(["10"], now: now) == .seconds(10))
        #expect(PoliteHTTPClient.retryAfter(["Sun, 12 Apr 2026 22:59:30 GMT"], now: now) == .seconds(30))
        #expect(PoliteHTTPClient.retryAfter(["soon"], now: now) == nil)
        #expect(PoliteHTTPClient.retryAfter([], now: now) == nil)
        #expect(ArxivAPIClient.canonical("math.AG/0601001") == "math/0601001")
        #expect(ArxivAPIClient.canonical("2608.13558") == "2608.13558")
    }
}
