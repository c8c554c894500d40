import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperCore
import PaperStore
import Testing

/// Following authors, saving searches, `/account/follows` and the private feeds, through the
/// router as a browser and a feed reader use them.
@Suite struct FollowsWebTests {
    let quokka = CommunityFixture.quokka.id.rawValue

    /// The feed token in the page that made it.
    private func feedToken(in page: String) throws -> String {
        let match = try #require(page.firstMatch(of: /\/feeds\/private\/([A-Za-z0-9_-]{43})\//))
        return String(match.1)
    }

    @Test func followingAnAuthorListsTheirNewestPaperAndFeedsIt() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let paperPage = try await ada.get("/papers/\(quokka)").text
                #expect(paperPage.contains("action=\"/account/follows/authors\"") && paperPage.contains("<option>Grace Hopper</option>"))
                var anonymous = Browser(client)
                #expect(!(try await anonymous.get("/papers/\(quokka)").text.contains("/account/follows/authors")))

                let followed = try await ada.post("/account/follows/authors", form: [("name", "Grace Hopper")],
                                                  headers: [.referer: "http://papers.test/papers/\(quokka)"])
                #expect(followed.status == .seeOther && followed.headers[.location] == "/papers/\(quokka)")
                _ = try await ada.post("/account/follows/authors", form: [("name", "grace hopper")])
                let page = try await ada.get("/account/follows").text
                #expect(page.contains("Grace Hopper") && page.contains("Quokka Networks for Sparse Retrieval"))
                #expect(!page.contains("Wombat Diffusion Models"), "only the followed author's papers")
                let user = try #require(try await store.user(named: "ada"))
                #expect(try await store.followedAuthors(userID: user.id).count == 1, "following twice is one follow")

                let made = try await ada.post("/account/follows/feed-token")
                #expect(made.status == .ok && made.headers[.cacheControl] == "no-store")
                let token = try feedToken(in: made.text)
                #expect(made.text.contains("http://papers.test/feeds/private/\(token)/following.atom"))
                let feed = try await anonymous.get("/feeds/private/\(token)/following.atom")
                #expect(feed.status == .ok && feed.headers[.cacheControl] == "private, no-store")
                #expect(feed.text.contains("Quokka Networks for Sparse Retrieval") && feed.text.contains("http://papers.test/papers/\(quokka)"))
                #expect(try await anonymous.get("/feeds/private/\(token)/following.rss").text.contains("<rss"))

                let follow = try #require(try await store.followedAuthors(userID: user.id).first)
                var bob = Browser(client)
                try await bob.signUp("bob")
                #expect(try await bob.post("/account/follows/authors/\(follow.id)/delete").status == .notFound, "only its owner unfollows")
                #expect(try await ada.post("/account/follows/authors/\(follow.id)/delete").status == .seeOther)
                #expect(try await store.followedAuthors(userID: user.id).isEmpty)
                #expect(!(try await ada.get("/account/follows").text.contains("Quokka Networks")))
            }
        }
    }

    @Test func aPaperPageShowsFollowedAuthorsAsFollowingWithUnfollow() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let paperURL = "http://papers.test/papers/\(quokka)"
                _ = try await ada.post("/account/follows/authors", form: [("name", "grace HOPPER")], headers: [.referer: paperURL])
                let page = try await ada.get("/papers/\(quokka)").text
                let user = try #require(try await store.user(named: "ada"))
                let follow = try #require(try await store.followedAuthors(userID: user.id).first)
                #expect(page.contains("<span class=\"following\">Following Grace Hopper</span>"), "as written on the paper")
                #expect(page.contains("action=\"/account/follows/authors/\(follow.id)/delete\""))
                let followForm = try #require(page.firstMatch(of: /<form class="follow-author"[\s\S]*?<\/form>/)).output
                #expect(followForm.contains("<option>Ada Lovelace</option>") && !followForm.contains("<option>Grace Hopper</option>"))

                // Unfollowing there comes back to the paper, which offers Follow again.
                let unfollowed = try await ada.post("/account/follows/authors/\(follow.id)/delete", headers: [.referer: paperURL])
                #expect(unfollowed.status == .seeOther && unfollowed.headers[.location] == "/papers/\(quokka)")
                let again = try await ada.get("/papers/\(quokka)").text
                #expect(try #require(again.firstMatch(of: /<form class="follow-author"[\s\S]*?<\/form>/)).output.contains("<option>Grace Hopper</option>"))
                #expect(!again.contains("Following Grace Hopper"))

                // Both followed: no Follow form is left, two Unfollow buttons are.
                _ = try await ada.post("/account/follows/authors", form: [("name", "Ada Lovelace")])
                _ = try await ada.post("/account/follows/authors", form: [("name", "Grace Hopper")])
                let both = try await ada.get("/papers/\(quokka)").text
                #expect(!both.contains("action=\"/account/follows/authors\"") && both.components(separatedBy: ">Unfollow</button>").count == 3)
                // Another reader's page is their own.
                var bob = Browser(client)
                try await bob.signUp("bob")
                #expect(!(try await bob.get("/papers/\(quokka)").text.contains("class=\"following\"")))
            }
        }
    }

    @Test func aSavedSearchIsReadByItsTokenOnlyAndRevokingEndsIt() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let searchPage = try await ada.get("/papers?q=wombat&mode=keyword").text
                #expect(searchPage.contains("action=\"/account/follows/searches\"") && searchPage.contains("value=\"keyword\""))
                var anonymous = Browser(client)
                #expect(!(try await anonymous.get("/papers?q=wombat&mode=keyword").text.contains("/account/follows/searches")))

                let saved = try await ada.post("/account/follows/searches", form: [("q", "wombat"), ("mode", "keyword")],
                                               headers: [.referer: "http://papers.test/papers?q=wombat&mode=keyword"])
                #expect(saved.status == .seeOther && saved.headers[.location] == "/papers?q=wombat&mode=keyword")
                let user = try #require(try await store.user(named: "ada"))
                let search = try #require(try await store.savedSearches(userID: user.id).first)
                #expect(search.query == "wombat" && search.mode == "keyword")
                let page = try await ada.get("/account/follows").text
                #expect(page.contains("wombat") && page.contains("Wombat Diffusion Models"))

                let first = try feedToken(in: try await ada.post("/account/follows/feed-token").text)
                let feed = try await anonymous.get("/feeds/private/\(first)/search/\(search.id).atom")
                #expect(feed.status == .ok && feed.text.contains("Wombat Diffusion Models") && !feed.text.contains("Quokka"))
                let forYou = try await anonymous.get("/feeds/private/\(first)/for-you.atom")
                #expect(forYou.status == .ok && forYou.text.contains("<feed") && forYou.text.contains("need the semantic model"))
                #expect(try await ada.get("/account/follows").text.contains("Revoke and make a new feed address"))

                var bob = Browser(client)
                try await bob.signUp("bob")
                let bobs = try feedToken(in: try await bob.post("/account/follows/feed-token").text)
                #expect(try await bob.get("/feeds/private/\(bobs)/search/\(search.id).atom").status == .notFound,
                        "another user's token reads none of ada's searches")
                #expect(try await bob.post("/account/follows/searches/\(search.id)/delete").status == .notFound)

                let second = try feedToken(in: try await ada.post("/account/follows/feed-token").text)
                #expect(second != first)
                #expect(try await anonymous.get("/feeds/private/\(first)/search/\(search.id).atom").status == .notFound,
                        "the revoked token is gone")
                #expect(try await anonymous.get("/feeds/private/\(first)/following.atom").status == .notFound)
                #expect(try await anonymous.get("/feeds/private/\(second)/search/\(search.id).atom").status == .ok)
                #expect(try await anonymous.get("/feeds/private/\(second)/search/\(search.id).json").status == .notFound)
                #expect(try await anonymous.get("/feeds/private/\(second)/search/x.atom").status == .notFound)
                #expect(try await anonymous.get("/feeds/private/\(second)/other.atom").status == .notFound)
                #expect(try await anonymous.get("/feeds/private/not-a-token/following.atom").status == .notFound)

                #expect(try await ada.post("/account/follows/searches/\(search.id)/delete").status == .seeOther)
                #expect(try await anonymous.get("/feeds/private/\(second)/search/\(search.id).atom").status == .notFound)
            }
        }
    }

    @Test func followFormsRefuseBadInputLoggedOutVisitorsAndForgedPosts() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var anonymous = Browser(client)
                let toLogIn = try await anonymous.post("/account/follows/authors", form: [("name", "Ada Lovelace")])
                #expect(toLogIn.status == .seeOther && toLogIn.headers[.location]?.hasPrefix("/login?next=") == true)
                #expect(try await anonymous.get("/account/follows").headers[.location]?.hasPrefix("/login?next=") == true)
                #expect(try await anonymous.post("/account/follows/feed-token").status == .seeOther)

                var ada = Browser(client)
                try await ada.signUp("ada")
                try await ada.get("/account/follows")
                let empty = try await ada.post("/account/follows/authors", form: [("name", "")])
                #expect(empty.status == .badRequest, "\(empty.status) \(empty.text.prefix(300))")
                let long = String(repeating: "a", count: FollowLimits.nameLength + 1)
                #expect(try await ada.post("/account/follows/authors", form: [("name", long)]).status == .badRequest)
                #expect(try await ada.post("/account/follows/searches", form: [("q", "wombat"), ("mode", "psychic")]).status == .badRequest)
                let longQuery = String(repeating: "w ", count: FollowLimits.queryLength)
                #expect(try await ada.post("/account/follows/searches", form: [("q", longQuery)]).status == .badRequest)
                #expect(try await ada.post("/account/follows/searches/abc/delete").status == .notFound)
                #expect(try await ada.post("/account/follows/authors/999/delete").status == .notFound)

                _ = try await ada.post("/account/follows/authors", form: [("name", "<script>alert(1)</script>")])
                let page = try await ada.get("/account/follows").text
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert(1)"))
                let user = try #require(try await store.user(named: "ada"))
                #expect(try await store.savedSearches(userID: user.id).isEmpty)
                let forged = try await ada.post("/account/follows/authors", form: [("name", "Ada Lovelace")], csrf: .forged("x"))
                #expect(forged.status == .forbidden)
                #expect(try await store.followedAuthors(userID: user.id).map(\.name) == ["<script>alert(1)</script>"])
            }
        }
    }

    @Test func aFullListIsRefusedWithAMessage() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let user = try #require(try await store.user(named: "ada"))
                for index in 0..<FollowLimits.authors {
                    _ = try await store.followAuthor("Author \(index)", userID: user.id, limit: FollowLimits.authors, now: WebFixture.now)
                }
                try await ada.get("/account/follows")
                let refused = try await ada.post("/account/follows/authors", form: [("name", "Grace Hopper")])
                #expect(refused.status == .conflict && refused.text.contains("You follow \(FollowLimits.authors) authors"))
                #expect(try await ada.post("/account/follows/authors", form: [("name", "author 7")]).status == .seeOther,
                        "following a followed author again is no new follow")
            }
        }
    }
}
