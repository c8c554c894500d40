import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PaperCore
import PaperStore
import PaperWeb
import Testing
import TestSupport

/// Thousands of generated requests (seeded: a failure names its seed and request, and runs
/// again the same way) against the application as `serve` builds it: hostile paths, query
/// strings, headers, cookies and form bodies. None may get a 5xx, and the process must live.
@Suite struct RouterFuzzTests {
    static let seed: UInt64 = 0x5EED_F00D

    @Test func generatedRequestsNeverGetA5xx() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: RecordingMailer(), lookup: ArxivWithoutPapers()) { client in
                var browser = Browser(client)
                try await browser.signUp("fuzzer")
                let session = try #require(browser.cookies["pf_session"]), token = try #require(browser.pageCSRFToken)
                var random = SeededRandom(seed: Self.seed)
                for number in 0..<2_500 {
                    let request = FuzzRequest.make(&random, session: session, token: token)
                    let response = try await client.executeRequest(uri: request.uri, method: request.method,
                                                                   headers: request.headers, body: request.body.map { ByteBuffer(string: $0) })
                    #expect(response.status.code < 500, "request \(number) (seed \(Self.seed)): \(request)")
                }
                #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            }
        }
    }

    @Test(.hangGuard)
    func malformedBytesOnTheWireNeverStopTheServer() async throws {
        let configuration = WebConfiguration(host: "127.0.0.1", port: 0, publicURL: "http://papers.test", idleTimeout: .seconds(2))
        try await WebFixture.withApp(configuration: configuration, live: true) { client in
            let port = try #require(client.port)
            let requests = [
                "GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
                "GET /\u{1}\u{7f} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\nabcde",
                "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\nname=a",
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\nConnection: close\r\n\r\n",
                "BREW /coffee HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
                "\r\n\r\n\r\n",
                "GET /papers?q=%00%ff%fe%zz HTTP/1.1\r\nHost: x\r\nCookie: pf_csrf=\u{0}; pf_session=%%%\r\nConnection: close\r\n\r\n",
                "GET /api/daily_papers?week=9999-W52 HTTP/1.1\r\nHost: evil.example:99999\r\nConnection: close\r\n\r\n",
            ]
            for request in requests {
                let answer = try await RawHTTP.exchange(port: port, request)
                #expect(!answer.hasPrefix("HTTP/1.1 5"), "\(request.prefix(80).debugDescription) got \(answer.prefix(80))")
            }
            #expect(try await RawHTTP.statusOnceServed(port: port, "/health") == 200)
        }
    }
}

/// One generated request.
struct FuzzRequest: CustomStringConvertible {
    var method: HTTPRequest.Method
    var uri: String
    var headers: HTTPFields
    var body: String?

    var description: String { "\(method) \(uri) \(headers) body: \(body?.prefix(200) ?? "none")" }

    static let paths = [
        "/", "/papers", "/papers/trending", "/papers/date/{v}", "/papers/week/{v}", "/papers/month/{v}", "/papers/{v}",
        "/papers/{v}/{v}", "/papers/{v}/vote", "/papers/{v}/comments", "/papers/{v}/claim", "/papers/{v}/hide",
        "/comments/{v}/edit", "/comments/{v}/delete", "/comments/{v}/hide", "/api/daily_papers", "/api/papers",
        "/api/papers/search", "/api/papers/{v}", "/api/papers/{v}/similar", "/api/papers/{v}/{v}", "/feeds/{v}",
        "/feeds/search.rss", "/feeds/daily.atom", "/login", "/signup", "/logout", "/submit", "/password/forgot",
        "/password/reset/{v}", "/digest/subscribe", "/digest/confirm/{v}", "/digest/unsubscribe/{v}", "/u/{v}",
        "/admin", "/admin/claims/{v}", "/static/{v}", "/health", "/metrics", "/api/openapi.json", "/{v}", "/api/whoami-v2",
        "/api/collections", "/api/collections/{v}/{v}", "/api/collections/{v}/{v}/items", "/api/collections/{v}/{v}/items/{v}",
        "/api/collections/{v}/{v}/export", "/account", "/account/data.json", "/account/delete", "/account/collections",
        "/account/collections/add", "/account/collections/{v}/update", "/account/collections/{v}/delete", "/u/{v}/collections",
        "/u/{v}/collections/{v}", "/u/{v}/collections/{v}/{v}", "/u/{v}/collections/{v}/import",
        "/u/{v}/collections/{v}/items/{v}/note", "/u/{v}/collections/{v}/items/{v}/remove", "/search/export",
        "/papers/for-you", "/papers/for-you/import", "/account/follows/accounts", "/account/follows/accounts/{v}/delete",
    ]
    static let names = ["q", "p", "limit", "mode", "date", "week", "month", "sort", "submitter", "cursor", "next",
                        "frequency", "z", "name", "email", "password", "body", "paper", "decision", "author", "csrf", "format", "note",
                        "title", "visibility", "collection", "confirm", "text"]
    static let values = [
        "", "0", "-1", "1", "100", "101", "99999999999999999999", "1e9", "0x10", "NaN", "9999-12-31", "0001-01-01",
        "9999-W52", "9999-12", "2026-W53", "2026-02-29", "2024-02-29", "2026-08-21", "2608.00001", "2608.00001v99",
        "hep-th/9901001", "arXiv:2608.00001", "https://arxiv.org/abs/2608.00001", "javascript:alert(1)", "//evil.example",
        "/\t/evil.example", "keyword", "semantic", "hybrid", "trending", "publishedAt", "daily", "weekly", "approve",
        "vision NOT NOT language", "a -(b -c)", "\"unclosed", "((((((((((", "author:", "year:2020-1990", "cat:cs.CV",
        "title:(a OR b) -c*", "*", "OR", "\u{0}", "\u{7}\u{1b}[31m", "é\u{301}", "🧪", "<script>alert(1)</script>",
        "__paperfeed_csrf__", "<paperfeed-csrf>", "%", "%zz", "%00", "%ff%fe", "../../etc/passwd", "daily.rss",
        "search.atom", "x.rss.atom", "export.bib", "feed.rss", "bibtex", "csl-json", "yes", "public", "@misc{k, title = {", "a@b.c", "ada@example.org", "correct horse", String(repeating: "long ", count: 400),
    ]

    static func make(_ random: inout SeededRandom, session: String, token: String) -> FuzzRequest {
        let methods: [HTTPRequest.Method] = [.get, .get, .get, .head, .post, .post, .put, .delete, .options, .patch]
        let method = methods.randomElement(using: &random)!
        var path = paths.randomElement(using: &random)!
        while let slot = path.range(of: "{v}") { path.replaceSubrange(slot, with: percentEncoded(value(&random))) }
        var uri = path
        if Bool.random(using: &random) { uri += "?" + fields(&random).map { "\($0)=\(percentEncoded($1))" }.joined(separator: "&") }
        var headers: HTTPFields = [:]
        if Bool.random(using: &random) {
            let csrf = Bool.random(using: &random) ? token : value(&random)
            headers[.cookie] = Bool.random(using: &random) ? "pf_session=\(session); pf_csrf=\(token)" : "pf_csrf=\(percentEncoded(csrf))"
        }
        if Int.random(in: 0..<4, using: &random) == 0 { headers[.accept] = "application/json" }
        if Int.random(in: 0..<4, using: &random) == 0 { headers[.ifNoneMatch] = ["*", "W/\"x\"", "\"\"", ","].randomElement(using: &random)! }
        if Int.random(in: 0..<4, using: &random) == 0 { headers[.referer] = ["http://papers.test/papers?q=a", "::", "//evil.example/x"].randomElement(using: &random)! }
        var body: String?
        if method == .post || method == .put || method == .patch {
            headers[.contentType] = Int.random(in: 0..<5, using: &random) == 0 ? "text/plain" : "application/x-www-form-urlencoded"
            var form = fields(&random)
            if Int.random(in: 0..<3, using: &random) > 0 { form.append(("csrf", token)) }
            body = form.map { "\($0)=\(percentEncoded($1))" }.joined(separator: "&")
            if Int.random(in: 0..<8, using: &random) == 0 { body = "%%%&&==&" + value(&random) }
        }
        return FuzzRequest(method: method, uri: uri, headers: headers, body: body)
    }

    private static func value(_ random: inout SeededRandom) -> String {
        let base = values.randomElement(using: &random)!
        guard Int.random(in: 0..<4, using: &random) == 0, !base.isEmpty else { return base }
        // Mutate a byte or two: cut, repeat, or splice in a random scalar.
        var scalars = Array(base.unicodeScalars)
        let at = Int.random(in: 0..<scalars.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: scalars.removeSubrange(at...)
        case 1: scalars.insert(contentsOf: scalars, at: at)
        default: scalars.insert(Unicode.Scalar(UInt8.random(in: 0...127, using: &random)), at: at)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func fields(_ random: inout SeededRandom) -> [(String, String)] {
        (0..<Int.random(in: 1...4, using: &random)).map { _ in (names.randomElement(using: &random)!, value(&random)) }
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:*()")

    /// Percent-encodes, except that now and then a raw `%` sequence is kept as generated.
    private static func percentEncoded(_ text: String) -> String {
        text.hasPrefix("%") ? text : text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
