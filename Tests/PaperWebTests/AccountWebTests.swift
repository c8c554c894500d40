import Foundation
import HummingbirdTesting
import PaperCore
import Testing

/// Sign-up, log-in, log-out and password reset, as a person in a browser goes through them.
@Suite struct AccountWebTests {
    @Test func signingUpLogsInWithASafeCookieAndLoggingOutEndsTheSession() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var browser = Browser(client)
                try await browser.get("/signup")
                let signUp = try await browser.post("/signup", form: [
                    ("name", "ada"), ("email", "ada@example.org"), ("password", "analytical engine"), ("next", "/papers/trending"),
                ])
                #expect(signUp.status == .seeOther)
                #expect(signUp.location == "/papers/trending")
                let cookie = try #require(signUp.setCookie(named: "pf_session"))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.lowercased().contains("samesite=lax"))

                let home = try await browser.get("/")
                #expect(home.text.contains("<a class=\"me\" href=\"/u/ada\">ada</a>"))
                #expect(home.text.contains(">Log out</button>"))
                #expect(!home.text.contains("<a href=\"/login\">Log in</a>"))

                let logOut = try await browser.post("/logout")
                #expect(logOut.status == .seeOther)
                #expect(logOut.location == "/")
                let after = try await browser.get("/")
                #expect(after.text.contains("<a href=\"/login\">Log in</a>"))
                #expect(!after.text.contains(">Log out</button>"))
                #expect(!after.text.contains("href=\"/u/ada\""))
            }
        }
    }

    @Test func aTakenNameIsAConflictAndAShortPasswordIsRefused() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var first = Browser(client)
                try await first.signUp("grace")

                var second = Browser(client)
                try await second.get("/signup")
                let taken = try await second.post("/signup", form: [
                    ("name", "grace"), ("email", "other@example.org"), ("password", "long enough pass"),
                ])
                #expect(taken.status == .conflict)
                #expect(taken.text.contains("The user name “grace” is taken."))
                #expect(second.cookies["pf_session"] == nil)

                let short = try await second.post("/signup", form: [
                    ("name", "hopper"), ("email", "hopper@example.org"), ("password", "short"),
                ])
                #expect(short.status == .badRequest)
                #expect(short.text.contains("at least 8 characters"))
                #expect(second.cookies["pf_session"] == nil)
            }
        }
    }

    @Test func aWrongPasswordIsRefusedAndTheRightOneGoesToNext() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var owner = Browser(client)
                try await owner.signUp("alan", password: "enigma machine")

                var browser = Browser(client)
                try await browser.get("/login?next=%2Fpapers%2F2608.00002")
                let wrong = try await browser.post("/login", form: [("name", "alan"), ("password", "bombe machine"),
                                                                    ("next", "/papers/2608.00002")])
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("Wrong user name or password."))
                #expect(browser.cookies["pf_session"] == nil)

                let right = try await browser.post("/login", form: [("name", "alan"), ("password", "enigma machine"),
                                                                    ("next", "/papers/2608.00002")])
                #expect(right.status == .seeOther)
                #expect(right.location == "/papers/2608.00002")
                let page = try await browser.get("/papers/2608.00002")
                #expect(page.text.contains("href=\"/u/alan\">alan</a>"))
            }
        }
    }

    @Test func anErrorPageStillKnowsWhoIsLoggedIn() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let token = ada.cookies["pf_csrf"]
                let missing = try await ada.get("/papers/2699.99999")
                #expect(missing.status == .notFound)
                #expect(missing.text.contains("href=\"/u/ada\">ada</a>"))
                #expect(ada.pageCSRFToken == token)
                // A form refused for its content leaves the next form working.
                let refused = try await ada.post("/papers/2608.00001/claim", form: [("author", "Nobody")])
                #expect(refused.status == .badRequest)
                #expect(try await ada.post("/papers/2608.00001/claim", form: [("author", "Ada Lovelace")]).status == .seeOther)

                // A first visit that ends on an error page gets its CSRF cookie all the same.
                var newcomer = Browser(client)
                #expect(try await newcomer.get("/papers/2699.99999").status == .notFound)
                #expect(newcomer.cookies["pf_csrf"] != nil)
                #expect(newcomer.pageCSRFToken == newcomer.cookies["pf_csrf"])
            }
        }
    }

    @Test func aMailedResetLinkSetsANewPasswordOnce() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var owner = Browser(client)
                try await owner.signUp("barbara", email: "barbara@example.org", password: "substitution")

                var browser = Browser(client)
                try await browser.askForResetLink(email: "barbara@example.org")
                let link = try #require(mailer.link(to: "barbara@example.org", startingWith: "/password/reset/"))

                let form = try await browser.get(link)
                #expect(form.status == .ok)
                let reset = try await browser.post(link, form: [("password", "liskov principle")])
                #expect(reset.status == .ok)
                #expect(reset.text.contains("Password changed"))

                let old = try await browser.post("/login", form: [("name", "barbara"), ("password", "substitution")])
                #expect(old.status == .unauthorized)
                try await browser.logIn("barbara", password: "liskov principle")

                var again = Browser(client)
                try await again.get(link)
                let reused = try await again.post(link, form: [("password", "third password")])
                #expect(reused.status == .notFound)
                #expect(reused.text.contains("unknown, used or expired"))
            }
        }
    }

    @Test func aResetRequestForAnUnknownAddressSendsNothingAndSaysTheSame() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var browser = Browser(client)
                try await browser.askForResetLink(email: "nobody@example.org")
                #expect(mailer.sent.isEmpty)
            }
        }
    }
}
