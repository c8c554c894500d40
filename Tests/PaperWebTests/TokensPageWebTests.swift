import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperCore
import Testing

/// `/account/tokens`: making a token shows it once; revoking it refuses it at once.
@Suite struct TokensPageWebTests {
    @Test func aTokenMadeOnTheAccountPageWorksUntilItIsRevokedThere() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                #expect(try await ada.get("/account/tokens").status == .seeOther, "logged out: to the log-in page")
                try await ada.signUp("ada")
                #expect(try await ada.get("/").text.contains("<a href=\"/account/tokens\">API tokens</a>"))
                #expect(try await ada.post("/account/tokens", form: [("name", " ")]).status == .badRequest)

                let made = try await ada.post("/account/tokens", form: [("name", "laptop <script>")])
                #expect(made.status == .ok)
                let secret = try #require(made.text.firstMatch(of: /pf_[A-Za-z0-9_-]{43}/).map { String($0.output) })
                #expect(made.text.contains("laptop &lt;script&gt;"))
                #expect(!(try await ada.get("/account/tokens").text.contains(secret)), "shown once")

                let bearer: HTTPFields = [.authorization: "Bearer \(secret)"]
                let me = try await client.executeRequest(uri: "/api/whoami-v2", method: .get, headers: bearer, body: nil)
                #expect(me.status == .ok && me.text.contains("\"name\":\"ada\""))

                let account = try #require(try await store.user(named: "ada"))
                let token = try #require(try await store.apiTokens(userID: account.id).first)
                var bob = Browser(client)
                try await bob.signUp("bob")
                #expect(try await bob.post("/account/tokens/\(token.id)/revoke").status == .notFound, "only its owner revokes it")
                try await ada.get("/account/tokens")
                #expect(try await ada.post("/account/tokens/\(token.id)/revoke").status == .seeOther)
                #expect(try await ada.get("/account/tokens").text.contains("revoked"))
                #expect(try await client.executeRequest(uri: "/api/whoami-v2", method: .get, headers: bearer, body: nil).status == .unauthorized)
            }
        }
    }
}
