import Foundation
import HummingbirdTesting
import PaperCore
import Testing

/// What protects accounts: CSRF tokens on every form post, the log-in rate limit, and pages that
/// never show a password hash or someone else's email address.
@Suite struct SecurityWebTests {
    static let guardedPosts = ["/login", "/signup", "/papers/2608.00001/vote", "/papers/2608.00001/comments",
                               "/digest/subscribe", "/logout", "/submit", "/password/forgot"]

    @Test func aPostWithoutTheCSRFTokenIsRefused() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: RecordingMailer()) { client in
                var browser = Browser(client)
                try await browser.signUp("ada")
                for path in Self.guardedPosts {
                    let response = try await browser.post(path, form: [("email", "ada@example.org"), ("body", "hello")], csrf: .none)
                    #expect(response.status == .forbidden, "\(path)")
                    #expect(response.text.contains("security token (CSRF)"), "\(path)")
                }
                // Still logged in: the refused log-out did nothing.
                #expect(try await browser.get("/").text.contains("href=\"/u/ada\""))
            }
        }
    }

    @Test func aTokenThatDoesNotMatchTheCookieIsRefused() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: RecordingMailer()) { client in
                var victim = Browser(client)
                try await victim.signUp("ada")
                var attacker = Browser(client)
                try await attacker.get("/")
                // The attacker's own valid token, sent with the victim's cookies: another site's form.
                let foreign = try #require(attacker.pageCSRFToken)
                #expect(foreign != victim.pageCSRFToken)
                for path in Self.guardedPosts {
                    let response = try await victim.post(path, form: [("email", "x@example.org")], csrf: .forged(foreign))
                    #expect(response.status == .forbidden, "\(path)")
                }
                let header = try await victim.post("/papers/2608.00001/vote", csrf: .none,
                                                   headers: [.accept: "application/json", .init("X-CSRF-Token")!: foreign])
                #expect(header.status == .forbidden)
                // A browser without the cookie yet (first visit) cannot post either.
                var fresh = Browser(client)
                let firstVisit = try await fresh.post("/login", form: [("name", "ada"), ("password", "correct horse")], csrf: .forged(foreign))
                #expect(firstVisit.status == .forbidden)
                #expect(try await store.comments(paper: CommunityFixture.quokka.id).isEmpty)
            }
        }
    }

    @Test func theEleventhFailedLogInInAMinuteIsRefusedEvenWithTheRightPassword() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var owner = Browser(client)
                try await owner.signUp("grace", password: "compiler pioneer")
                var guesser = Browser(client)
                try await guesser.get("/login")
                for attempt in 1...10 {
                    let response = try await guesser.post("/login", form: [("name", "grace"), ("password", "guess \(attempt)")])
                    #expect(response.status == .unauthorized, "attempt \(attempt)")
                }
                let limited = try await guesser.post("/login", form: [("name", "grace"), ("password", "compiler pioneer")])
                #expect(limited.status == .tooManyRequests)
                #expect(limited.text.contains("Too many failed log-ins"))
                #expect(guesser.cookies["pf_session"] == nil)
            }
        }
    }

    @Test func noPageOrAnswerShowsAPasswordHashOrAnotherUsersEmail() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: RecordingMailer()) { client in
                var ada = Browser(client)
                try await ada.signUp("ada", email: "ada.secret@example.org")
                try await ada.get("/papers/2608.00001")
                try await ada.post("/papers/2608.00001/comments", form: [("body", "A comment by Ada")])
                try await ada.post("/papers/2608.00001/claim", form: [("author", "Ada Lovelace")])
                try await ada.post("/papers/2608.00002/vote")
                try await ada.post("/submit", form: [("paper", "2608.00004")])
                try await ada.post("/digest/subscribe", form: [("email", "ada.secret@example.org")])
                try await CommunityFixture.createAdmin(in: store)

                var visitors = [("anonymous", Browser(client)), ("bob", Browser(client)), ("root", Browser(client))]
                try await visitors[1].1.signUp("bob", email: "bob@example.org")
                try await visitors[2].1.logIn("root", password: "admin-password")
                let pages = ["/", "/papers/2608.00001", "/papers/2608.00004", "/papers/date/2026-08-22", "/u/ada", "/u/bob",
                             "/api/papers/2608.00001", "/api/papers/2608.00004", "/api/daily_papers", "/api/daily_papers?date=2026-08-22",
                             "/api/papers/search?q=quokka", "/papers?q=quokka&mode=keyword", "/feeds/daily.rss", "/feeds/daily.atom",
                             "/papers/trending", "/admin"]
                for index in visitors.indices {
                    let name = visitors[index].0
                    for path in pages {
                        let response = try await visitors[index].1.get(path)
                        if path == "/admin" { #expect(response.status == (name == "root" ? .ok : .forbidden)) }
                        else { #expect(response.status == .ok, "\(name) \(path)") }
                        let text = response.text
                        for prefix in ["$2b$", "$2a$", "$2y$"] {
                            #expect(!text.contains(prefix), "\(name) sees a password hash on \(path)")
                        }
                        #expect(!text.contains("ada.secret@example.org"), "\(name) sees Ada's email on \(path)")
                        #expect(!text.contains("ada.secret"), "\(name) sees Ada's email on \(path)")
                        #expect(name == "bob" || !text.contains("bob@example.org"), "\(name) sees Bob's email on \(path)")
                    }
                }
                // The crawl did see what the pages are for.
                #expect(try await visitors[1].1.get("/papers/2608.00001").text.contains("A comment by Ada"))
                #expect(try await visitors[2].1.get("/admin").text.contains("ada claims to be Ada Lovelace"))
            }
        }
    }
}
