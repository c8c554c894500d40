import Foundation
import HummingbirdTesting
import PaperAccounts
import PaperCore
import PaperStore
import PaperWeb
import Testing
import TestSupport

/// Links come from configuration, never from a request: a forged `Host` reaches no email, feed
/// or shared answer, and only http(s) addresses from imported records become links.
@Suite struct HostAndLinkTests {
    /// No public URL: links use the address the server listens on.
    static let unconfigured = WebConfiguration(host: "127.0.0.1", port: 0, passwordCost: 4)

    @Test(.hangGuard)
    func aForgedHostNeverReachesAPasswordResetOrDigestEmail() async throws {
        try await withStore(CommunityFixture.papers) { store in
            _ = try await store.createUser(name: "ada", email: "ada@example.org", passwordHash: try await Passwords(cost: 4).hash("analytical"),
                                       isAdmin: false, now: WebFixture.now)
            let mailer = RecordingMailer()
            try await CommunityFixture.withApp(store: store, mailer: mailer, configuration: Self.unconfigured, live: true) { client in
                let port = try #require(client.port)
                let reset = try await RawHTTP.post(port: port, from: "127.0.0.1", "/password/forgot",
                                                   form: [("email", "ada@example.org")], host: "evil.example")
                #expect(RawHTTP.status(reset) == 200)
                let subscribe = try await RawHTTP.post(port: port, from: "127.0.0.1", "/digest/subscribe",
                                                       form: [("email", "bob@example.org")], host: "evil.example")
                #expect(RawHTTP.status(subscribe) == 200)
                let bodies = mailer.sent.map(\.textBody)
                #expect(bodies.count == 2)
                for body in bodies {
                    #expect(!body.contains("evil.example"))
                    #expect(body.contains("http://127.0.0.1:\(port)/"), "links use the listening address: \(body)")
                }
            }
        }
    }

    @Test(.hangGuard)
    func aForgedHostDoesNotPoisonSharedFeedsOrLinkHeaders() async throws {
        try await WebFixture.withApp(configuration: Self.unconfigured, live: true) { client in
            let port = try #require(client.port)
            for path in ["/feeds/daily.rss", "/feeds/trending.atom", "/api/daily_papers?limit=1", "/api/papers?limit=1"] {
                let forged = try await RawHTTP.get(port: port, path, host: "evil.example")
                #expect(RawHTTP.status(forged) == 200, "\(path)")
                #expect(!forged.contains("evil.example"), "\(path) answered the forged host with its own links")
                let honest = try await RawHTTP.get(port: port, path)
                #expect(!honest.contains("evil.example"), "\(path) kept the forged host for the next visitor")
                #expect(path.hasPrefix("/feeds") ? honest.contains("http://127.0.0.1:\(port)/") : true)
            }
        }
    }

    @Test func unknownQueryParametersShareOneCachedAnswerAndNeverReachIt() async throws {
        try await WebFixture.withApp { client in
            let plain = try await client.execute(uri: "/api/daily_papers?limit=2&date=2026-08-21", method: .get)
            let noisy = try await client.execute(uri: "/api/daily_papers?z=%3Cevil%3E&limit=2&date=2026-08-21&utm_source=x", method: .get)
            #expect(noisy.status == .ok)
            #expect(noisy.text == plain.text)
            let link = try #require(noisy.headers[.init("Link")!])
            #expect(!link.contains("evil") && !link.contains("utm_source"))
            #expect(link.contains("date=2026-08-21") && link.contains("limit=2") && link.contains("p=1"))
        }
    }

    static let scripted = Paper(
        id: PaperID(rawValue: "2608.00009"), title: "Scripted Links", abstract: "A record an author edited.",
        authors: [Author(name: "Mallory")], listedOn: CommunityFixture.listedDay, upvotes: 9,
        githubRepo: "javascript:alert(document.domain)", githubStars: 5, projectPage: "JavaScript:alert(document.domain)",
        source: .huggingFace)

    @Test func onlyHttpAddressesFromImportedRecordsBecomeLinks() async throws {
        #expect(Self.scripted.githubRepo == nil && Self.scripted.projectPage == nil)
        var edited = Self.scripted
        // Set after the paper was built (a future code path): pages check again when rendering.
        edited.projectPage = "java\tscript:alert(1)"
        edited.githubRepo = "data:text/html,<script>alert(1)</script>"
        try await withStore([edited]) { store in
            try await WebFixture.withApp(repository: store) { client in
                for path in ["/papers/2608.00009", "/papers/date/2026-08-21", "/api/papers/2608.00009", "/feeds/daily.rss"] {
                    let text = try await client.execute(uri: path, method: .get).text.lowercased()
                    #expect(!text.contains("javascript:") && !text.contains("java\tscript") && !text.contains("data:text/html"), "\(path)")
                }
            }
        }
    }

    @Test(arguments: ["/\t/evil.example", "//evil.example", "/\\evil.example", "/\t\\evil.example", "https://evil.example",
                      "/\u{0}/evil.example", " /evil", "/\n/evil.example", "/\u{2028}/evil.example", "/\u{200B}/evil.example"])
    func logInNeverRedirectsOffTheSite(next: String) async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var browser = Browser(client)
                try await browser.signUp("ada", password: "correct horse")
                try await browser.post("/logout")
                try await browser.get("/login")
                let response = try await browser.post("/login", form: [("name", "ada"), ("password", "correct horse"), ("next", next)])
                #expect(response.status == .seeOther)
                #expect(response.location == "/")
            }
        }
    }

    @Test func logInKeepsANextPathOnTheSite() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var browser = Browser(client)
                try await browser.signUp("ada", password: "correct horse")
                try await browser.post("/logout")
                try await browser.get("/login")
                let response = try await browser.post("/login", form: [("name", "ada"), ("password", "correct horse"),
                                                                       ("next", "/papers/2608.00001?x=1#comments")])
                #expect(response.location == "/papers/2608.00001?x=1#comments")
            }
        }
    }
}
