import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperCore
import PaperStore
import Testing

/// Following an account (a user whose approved claims put them on papers) from its profile:
/// its papers on `/account/follows` and in the private `following` feed, kept by the data export.
@Suite struct FollowedAccountsWebTests {
    let quokka = CommunityFixture.quokka

    /// Bob's approved claim to be Grace Hopper on the quokka paper.
    private func bobClaimsQuokka(_ store: any PaperDatabase) async throws -> User {
        let bob = try #require(try await store.user(named: "bob"))
        let claim = try await store.claimAuthorship(userID: bob.id, paper: quokka.id, authorName: "Grace Hopper", now: WebFixture.now)
        try await store.decideClaim(id: claim.id, approve: true)
        return bob
    }

    @Test func aProfileIsFollowedAndItsClaimedPapersListedAndFed() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var bob = Browser(client)
                try await bob.signUp("bob")
                _ = try await bobClaimsQuokka(store)
                #expect(!(try await bob.get("/u/bob").text.contains("action=\"/account/follows/accounts\"")), "not on one's own page")
                var anonymous = Browser(client)
                #expect(!(try await anonymous.get("/u/bob").text.contains("action=\"/account/follows/accounts\"")))

                var ada = Browser(client)
                try await ada.signUp("ada")
                let profile = try await ada.get("/u/bob").text
                #expect(profile.contains("action=\"/account/follows/accounts\"") && profile.contains("name=\"name\" value=\"bob\""))
                let followed = try await ada.post("/account/follows/accounts", form: [("name", "bob")],
                                                  headers: [.referer: "http://papers.test/u/bob"])
                #expect(followed.status == .seeOther && followed.headers[.location] == "/u/bob")
                _ = try await ada.post("/account/follows/accounts", form: [("name", "BOB")])
                let user = try #require(try await store.user(named: "ada"))
                let follow = try #require(try await store.followedAccounts(userID: user.id).first)
                #expect(try await store.followedAccounts(userID: user.id).count == 1, "following twice is one follow")
                let following = try await ada.get("/u/bob").text
                #expect(following.contains("<span class=\"following\">Following</span>"))
                #expect(following.contains("action=\"/account/follows/accounts/\(follow.id)/delete\""))

                let page = try await ada.get("/account/follows").text
                #expect(page.contains("href=\"/u/bob\"") && page.contains("Quokka Networks for Sparse Retrieval"))
                #expect(!page.contains("Wombat Diffusion Models"))
                let token = String(try #require(try await ada.post("/account/follows/feed-token").text
                    .firstMatch(of: /\/feeds\/private\/([A-Za-z0-9_-]{43})\//)).1)
                let feed = try await anonymous.get("/feeds/private/\(token)/following.atom").text
                #expect(feed.contains("Quokka Networks for Sparse Retrieval") && !feed.contains("Wombat"))
                let data = try #require(try JSONSerialization.jsonObject(with: Data(try await ada.get("/account/data.json").text.utf8))
                    as? [String: Any])
                #expect(data["followedAccounts"] as? [String] == ["bob"])

                #expect(try await bob.post("/account/follows/accounts/\(follow.id)/delete").status == .notFound, "only its follower unfollows")
                let unfollowed = try await ada.post("/account/follows/accounts/\(follow.id)/delete", headers: [.referer: "http://papers.test/u/bob"])
                #expect(unfollowed.status == .seeOther && unfollowed.headers[.location] == "/u/bob")
                #expect(try await ada.get("/u/bob").text.contains("action=\"/account/follows/accounts\""))
                #expect(!(try await anonymous.get("/feeds/private/\(token)/following.atom").text.contains("Quokka")), "a new version: fed anew")
            }
        }
    }

    @Test func badFollowsAreRefusedWithAMessage() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var anonymous = Browser(client)
                let toLogIn = try await anonymous.post("/account/follows/accounts", form: [("name", "bob")])
                #expect(toLogIn.status == .seeOther && toLogIn.headers[.location]?.hasPrefix("/login?next=") == true)
                var bob = Browser(client)
                try await bob.signUp("bob")
                var ada = Browser(client)
                try await ada.signUp("ada")
                try await ada.get("/account/follows")
                #expect(try await ada.post("/account/follows/accounts", form: [("name", "ada")]).status == .badRequest)
                #expect(try await ada.post("/account/follows/accounts", form: [("name", "")]).status == .badRequest)
                let long = String(repeating: "b", count: FollowLimits.nameLength + 1)
                #expect(try await ada.post("/account/follows/accounts", form: [("name", long)]).status == .badRequest)
                let hostile = try await ada.post("/account/follows/accounts", form: [("name", "<script>alert(1)</script>")])
                #expect(hostile.status == .notFound && !hostile.text.contains("<script>alert(1)"))
                #expect(try await ada.post("/account/follows/accounts/abc/delete").status == .notFound)
                let forged = try await ada.post("/account/follows/accounts", form: [("name", "bob")], csrf: .forged("x"))
                #expect(forged.status == .forbidden)
                let user = try #require(try await store.user(named: "ada"))
                #expect(try await store.followedAccounts(userID: user.id).isEmpty)

                // A deleted account leaves its followers' pages.
                _ = try await ada.post("/account/follows/accounts", form: [("name", "bob")])
                let bobsAccount = try #require(try await store.user(named: "bob"))
                #expect(try await store.deleteAccount(userID: bobsAccount.id))
                #expect(!(try await ada.get("/account/follows").text.contains("href=\"/u/bob\"")))
            }
        }
    }
}
