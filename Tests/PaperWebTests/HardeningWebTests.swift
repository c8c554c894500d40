import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PaperCore
import PaperStore
import PaperWeb
import Testing
import TestSupport

/// What a visitor on the public internet can send: dates past the calendar, hostile search
/// syntax, huge forms, a comment that mimics the CSRF marker, a stalled connection. Each gets
/// an answer that says what to change, and the process stays up.
@Suite struct HardeningWebTests {
    @Test(arguments: ["/papers/month/9999-12", "/papers/week/9999-W52", "/api/daily_papers?week=9999-W52",
                      "/api/daily_papers?month=9999-12", "/api/daily_papers?week=9999-W52&sort=trending"])
    func periodsPastTheCalendarAreABadRequest(path: String) async throws {
        try await WebFixture.withApp { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .badRequest, "\(path)")
        }
    }

    @Test(arguments: ["/papers/date/9999-12-31", "/papers/date/0001-01-01", "/api/daily_papers?date=9999-12-31",
                      "/api/daily_papers?date=0001-01-01&sort=trending", "/papers/month/9998-12", "/papers/week/9998-W52",
                      "/papers/week/1900-W01", "/papers/month/1900-01", "/api/daily_papers?month=9998-12&p=100000"])
    func daysAtTheEdgesOfTheCalendarAreAnswered(path: String) async throws {
        try await WebFixture.withApp { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .ok, "\(path): \(response.text.prefix(200))")
        }
    }

    @Test(arguments: ["vision NOT NOT language", "vision\u{0}language", "\u{0}", "a -(b -c)", "NOT", "-", "((((", "\"",
                      "author:", "year:99999999999999999999", "cat:", "* OR *", "title:(a OR)"])
    func searchSyntaxNeverFailsOnOurSide(query: String) async throws {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        try await WebFixture.withApp { client in
            for path in ["/papers?mode=keyword&q=", "/papers?q=", "/api/papers/search?mode=keyword&q=", "/feeds/search.rss?q="] {
                let response = try await client.execute(uri: path + encoded, method: .get)
                #expect(response.status == .ok || response.status == .badRequest, "\(path)\(encoded): \(response.status)")
            }
        }
    }

    @Test func aHiddenPaperIsNotInTheCursorListing() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await store.setPaperHidden(CommunityFixture.wombat.id, hidden: true)
            try await CommunityFixture.withApp(store: store) { client in
                let listed = try await client.execute(uri: "/api/papers?limit=100", method: .get).text
                #expect(listed.contains("2608.00001"))
                #expect(!listed.contains("2608.00002"))
            }
        }
    }

    @Test func anOversizedFormIsA413WithAMessage() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var browser = Browser(client)
                try await browser.get("/login")
                let big = String(repeating: "x", count: 100_000)
                for path in ["/login", "/papers/2608.00001/comments"] {
                    let response = try await browser.post(path, form: [("name", "ada"), ("body", big)])
                    #expect(response.status == .contentTooLarge, "\(path)")
                    #expect(response.text.contains("larger than 64 KB"), "\(path)")
                }
            }
        }
    }

    @Test func aCommentCannotMimicTheCSRFMarkerAndLogInGivesANewToken() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var author = Browser(client)
                try await author.get("/")
                let before = try #require(author.cookies["pf_csrf"])
                try await author.signUp("ada")
                #expect(author.cookies["pf_csrf"] != before, "log-in rotates the CSRF token")
                let text = "see https://example.org/?t=__paperfeed_csrf__ and <paperfeed-csrf>"
                let posted = try await author.post("/papers/2608.00001/comments", form: [("body", text)])
                #expect(posted.status == .seeOther)
                // Anonymous readers get the page through the shared cache, where the marker is filled.
                var reader = Browser(client)
                let page = try await reader.get("/papers/2608.00001").text
                let token = try #require(reader.cookies["pf_csrf"])
                #expect(page.contains("https://example.org/?t=__paperfeed_csrf__"))
                #expect(page.contains("&lt;paperfeed-csrf&gt;"))
                #expect(!page.contains("?t=\(token)"))
            }
        }
    }

    @Test func aForgedCSRFCookieIsReplacedNotEchoed() async throws {
        try await WebFixture.withApp { client in
            let forged = "\"><script>alert(1)</script>" + String(repeating: "a", count: 40)
            let response = try await client.execute(uri: "/", method: .get, headers: [.cookie: "pf_csrf=\(forged)"])
            #expect(!response.text.contains("<script>alert"))
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("pf_csrf=") })
        }
    }

    @Test func oneAccountCannotQueueEndlessSubmissions() async throws {
        var configuration = CommunityFixture.configuration
        configuration.rateLimits.submissions = 3
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, lookup: ArxivWithoutPapers(), configuration: configuration) { client in
                var browser = Browser(client)
                try await browser.signUp("ada")
                for number in 1...3 {
                    let response = try await browser.post("/submit", form: [("paper", "2609.0000\(number)")])
                    #expect(response.status == .notFound)
                }
                let limited = try await browser.post("/submit", form: [("paper", "2609.00009")])
                #expect(limited.status == .tooManyRequests)
                #expect(limited.text.contains("submitted many papers"))
            }
        }
    }

    @Test func everyAnswerCarriesSecurityHeaders() async throws {
        try await WebFixture.withApp { client in
            for path in ["/", "/papers/2608.19880", "/no/such/page", "/api/daily_papers", "/feeds/daily.rss"] {
                let response = try await client.execute(uri: path, method: .get)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(path)")
                #expect(response.headers[.init("Referrer-Policy")!] == "same-origin", "\(path)")
            }
        }
    }

    @Test func cookiesAreSecureBehindHttps() async throws {
        let configuration = WebConfiguration(host: "127.0.0.1", port: 0, publicURL: "https://papers.test")
        try await WebFixture.withApp(configuration: configuration) { client in
            let response = try await client.execute(uri: "/", method: .get)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("pf_csrf=") })
            #expect(cookie.contains("Secure"))
            #expect(response.headers[.strictTransportSecurity] != nil)
        }
    }

    @Test(.hangGuard)
    func aClientThatStopsMidRequestIsDisconnected() async throws {
        let configuration = WebConfiguration(host: "127.0.0.1", port: 0, publicURL: "http://papers.test", idleTimeout: .seconds(1))
        try await WebFixture.withApp(configuration: configuration, live: true) { client in
            let port = try #require(client.port)
            // Half a request, then silence: the server must close the connection by itself.
            // The close may come as a reset (bytes the server never read are left behind when the
            // timeout fires first): that is a disconnection too, not a failure.
            let answer: String
            do {
                answer = try await RawHTTP.exchange(port: port, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            } catch let error as IOError where error.errnoCode == ECONNRESET {
                answer = ""
            }
            #expect(!answer.hasPrefix("HTTP/1.1 200"))
            // And it still serves everyone else.
            #expect(try await RawHTTP.statusOnceServed(port: port, "/health") == 200)
        }
    }
}

/// What HTTP says about methods and encoded paths, as clients expect it.
@Suite struct ProtocolEdgeTests {
    @Test func aPostToTheAPIIs405() async throws {
        try await WebFixture.withApp { client in
            let response = try await client.execute(uri: "/api/daily_papers", method: .post)
            #expect(response.status == .methodNotAllowed && response.headers[.allow] == "GET, HEAD")
        }
    }

    @Test(arguments: [HTTPRequest.Method.put, .delete, .patch, .options, .init("TRACE")!])
    func otherMethodsAre405WithTheAllowedOnes(method: HTTPRequest.Method) async throws {
        try await WebFixture.withApp { client in
            let api = try await client.execute(uri: "/api/papers", method: method)
            #expect(api.status == .methodNotAllowed)
            #expect(api.headers[.allow] == "GET, HEAD")
            let page = try await client.execute(uri: "/login", method: method)
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.allow] == "GET, HEAD, POST")
        }
    }

    @Test func aPercentEncodedPaperIdIsFound() async throws {
        try await WebFixture.withApp { client in
            let api = try await client.execute(uri: "/api/papers/arXiv%3A2608.19880", method: .get)
            let page = try await client.execute(uri: "/papers/arXiv%3A2608.19880", method: .get)
            #expect(api.status == .ok && page.status == .ok)
        }
    }
}

/// Pages are shared through the cache per account: nobody gets another person's page.
@Suite struct PerVisitorCacheTests {
    @Test func loggedInVisitorsEachGetTheirOwnPage() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client), bob = Browser(client), anonymous = Browser(client)
                try await ada.signUp("ada")
                try await bob.signUp("bob")
                #expect(try await ada.post("/papers/2608.00001/vote").status == .seeOther)
                for _ in 0..<2 {
                    let adaPage = try await ada.get("/papers/date/2026-08-21").text
                    let bobPage = try await bob.get("/papers/date/2026-08-21").text
                    let anonymousPage = try await anonymous.get("/papers/date/2026-08-21").text
                    #expect(adaPage.contains("href=\"/u/ada\"") && !adaPage.contains("href=\"/u/bob\""))
                    #expect(bobPage.contains("href=\"/u/bob\"") && !bobPage.contains("href=\"/u/ada\""))
                    #expect(!anonymousPage.contains("href=\"/u/ada\"") && !anonymousPage.contains("href=\"/u/bob\""))
                    #expect(adaPage.contains("votes voted") && !bobPage.contains("votes voted"))
                    #expect(adaPage.contains(try #require(ada.cookies["pf_csrf"])))
                    #expect(bobPage.contains(try #require(bob.cookies["pf_csrf"])))
                }
            }
        }
    }
}
