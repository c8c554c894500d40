import Foundation
import HummingbirdTesting
import PaperCore
import Testing

/// An account an operator disabled (`paperfeed user disable`): logged out at once, its log-in
/// refused with a reason, and no password reset for it.
@Suite struct DisabledAccountWebTests {
    @Test func aDisabledAccountIsLoggedOutAtOnceAndItsLogInIsRefusedWithAReason() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada", password: "analytical engine")
                #expect(try await ada.get("/").text.contains("<a class=\"me\" href=\"/u/ada\">ada</a>"))

                let account = try #require(try await store.user(named: "ada"))
                _ = try await store.setDisabled(true, userID: account.id)
                let home = try await ada.get("/")
                #expect(!home.text.contains("class=\"me\""), "the session ended with the switch")
                #expect(home.text.contains("<a href=\"/login\">Log in</a>"))

                var browser = Browser(client)
                try await browser.get("/login")
                let refused = try await browser.post("/login", form: [("name", "ada"), ("password", "analytical engine")])
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("This account is disabled"))
                #expect(refused.text.contains("<form method=\"post\" action=\"/login\">"), "the log-in form, not an error page")
                #expect(browser.cookies["pf_session"] == nil)
                // A wrong password learns nothing about the account.
                let wrong = try await browser.post("/login", form: [("name", "ada"), ("password", "difference engine")])
                #expect(wrong.status == .unauthorized)
                #expect(!wrong.text.contains("disabled"))

                _ = try await store.setDisabled(false, userID: account.id)
                try await browser.logIn("ada", password: "analytical engine")
                #expect(try await browser.get("/").text.contains("<a class=\"me\" href=\"/u/ada\">ada</a>"))
            }
        }
    }

    @Test func aDisabledAccountGetsNoResetLinkAndOneMailedBeforeStopsWorking() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var owner = Browser(client)
                try await owner.signUp("grace", email: "grace@example.org", password: "compiler pioneer")
                var browser = Browser(client)
                try await browser.askForResetLink(email: "grace@example.org")
                let link = try #require(mailer.link(to: "grace@example.org", startingWith: "/password/reset/"))
                let sentBefore = mailer.sent.count

                let account = try #require(try await store.user(named: "grace"))
                _ = try await store.setDisabled(true, userID: account.id)
                try await browser.askForResetLink(email: "grace@example.org")
                #expect(mailer.sent.count == sentBefore, "no link for a disabled account")

                try await browser.get(link)
                let reset = try await browser.post(link, form: [("password", "a new password")])
                #expect(reset.status == .notFound)
                #expect(reset.text.contains("unknown, used or expired"))
            }
        }
    }
}
