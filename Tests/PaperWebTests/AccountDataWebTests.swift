import Foundation
import HummingbirdTesting
import PaperCore
import PaperStore
import Testing

/// `/account`: "Download my data" and "Delete my account".
@Suite struct AccountDataWebTests {
    @Test func aUserDownloadsTheirDataAndDeletesTheirAccount() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada", password: "correct horse")
                let user = try #require(try await store.user(named: "ada"))
                let collection = try await store.createCollection(ownerID: user.id, title: "Mine", description: nil, isPrivate: true,
                                                                  now: WebFixture.now)
                _ = try await store.addItem(collectionID: collection.id, paper: PaperID(rawValue: "2608.00001"), note: "a note",
                                            now: WebFixture.now)
                try await store.setNotInterested(true, userID: user.id, paper: PaperID(rawValue: "2608.00002"), now: WebFixture.now)
                _ = try await store.toggleVote(userID: user.id, paper: PaperID(rawValue: "2608.00003"), now: WebFixture.now)
                _ = try await store.addComment(userID: user.id, paper: PaperID(rawValue: "2608.00001"), body: "Nice", now: WebFixture.now)
                _ = try await store.createAPIToken(userID: user.id, name: "laptop", tokenHash: "secret-hash", now: WebFixture.now)
                _ = try await store.followAuthor("Grace Hopper", userID: user.id, limit: 10, now: WebFixture.now)
                _ = try await store.saveSearch(query: "wombat cat:cs.CL", mode: "keyword", userID: user.id, limit: 10, now: WebFixture.now)
                try await store.replaceFeedToken(userID: user.id, tokenHash: "feed-secret-hash", now: WebFixture.now)

                let page = try await ada.get("/account")
                #expect(page.status == .ok && page.text.contains("Download my data") && page.text.contains("deleted, not anonymised"))
                let data = try await ada.get("/account/data.json")
                #expect(data.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"paperfeed-ada-data") == true)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(data.text.utf8)) as? [String: Any])
                #expect((json["profile"] as? [String: Any])?["name"] as? String == "ada")
                let collections = try #require(json["collections"] as? [[String: Any]])
                let items = try #require(collections.first { $0["title"] as? String == "Mine" }?["items"] as? [[String: Any]])
                #expect(items.first?["note"] as? String == "a note" && items.first?["paper"] as? String == "2608.00001")
                #expect(json["notInterested"] as? [String] == ["2608.00002"] && json["upvotes"] as? [String] == ["2608.00003"])
                #expect((json["comments"] as? [[String: Any]])?.first?["body"] as? String == "Nice")
                #expect((json["apiTokens"] as? [[String: Any]])?.first?["name"] as? String == "laptop")
                #expect(json["followedAuthors"] as? [String] == ["Grace Hopper"])
                let searches = try #require(json["savedSearches"] as? [[String: Any]])
                #expect(searches.first?["query"] as? String == "wombat cat:cs.CL" && searches.first?["mode"] as? String == "keyword")
                #expect(!data.text.contains("secret-hash") && !data.text.contains("passwordHash"))

                var stranger = Browser(client)
                #expect(try await stranger.get("/account/data.json").status == .seeOther, "logged out, it leads to the log-in page")

                let wrong = try await ada.post("/account/delete", form: [("password", "wrong"), ("confirm", "yes")])
                #expect(wrong.status == .forbidden && wrong.text.contains("not your password"))
                #expect(try await ada.post("/account/delete", form: [("password", "correct horse")]).status == .badRequest)
                #expect(try await store.user(named: "ada") != nil)
                let deleted = try await ada.post("/account/delete", form: [("password", "correct horse"), ("confirm", "yes")])
                #expect(deleted.status == .seeOther)
                #expect(try await store.user(named: "ada") == nil)
                #expect(try await store.comments(paper: PaperID(rawValue: "2608.00001")).isEmpty)
                #expect(try await ada.get("/account").status == .seeOther, "the session is gone")
                #expect(try await ada.get("/u/ada").status == .notFound)
            }
        }
    }

    @Test func theAccountPageStartsAPersonalDigestForTheAccountsAddress() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var ada = Browser(client)
                try await ada.signUp("ada", password: "correct horse")
                let user = try #require(try await store.user(named: "ada"))
                let before = try await ada.get("/account")
                #expect(before.text.contains("Your email digest") && before.text.contains("Email me my digest at \(user.email)"))
                let subscribed = try await ada.post("/digest/subscribe", form: [("frequency", "weekly")])
                #expect(subscribed.status == .ok && subscribed.text.contains("Check your inbox"), "\(subscribed.status) \(subscribed.text)")
                let subscriber = try #require(try await store.subscriber(userID: user.id), "linked to the account")
                #expect(subscriber.email == user.email && subscriber.frequency == .weekly && subscriber.state == .pending)
                let pending = try await ada.get("/account")
                #expect(pending.text.contains("the weekly digest starts once you follow it") && !pending.text.contains("Email me my digest"))
                let confirmLink = try #require(mailer.link(to: user.email, startingWith: "/digest/confirm/"))
                #expect(try await ada.get(confirmLink).status == .ok)
                let confirmed = try await ada.get("/account")
                #expect(confirmed.text.contains("You get the weekly digest at \(user.email)"))
                #expect(confirmed.text.contains("href=\"/digest/unsubscribe/\(subscriber.token)\""))
            }
        }
    }
}
