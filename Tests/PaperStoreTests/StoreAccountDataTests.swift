import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// The `AccountDataStore` contract: an account's upvotes, and deleting an account with
/// everything personal while others' data and the papers' counts stay right.
@Suite struct StoreAccountDataTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let first = PaperID(rawValue: "2401.00001"), second = PaperID(rawValue: "2401.00002")

    @Test(arguments: DatabaseEngine.available) func deletingAnAccountRemovesEverythingPersonal(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([makePaper(first.rawValue, title: "One", listed: "2024-01-02"),
                                        makePaper(second.rawValue, title: "Two", listed: "2024-01-02")])
            let ada = try await store.createUser(name: "ada", email: "Ada@X.org", passwordHash: "h", isAdmin: false, now: now)
            let bob = try await store.createUser(name: "bob", email: "bob@x.org", passwordHash: "h", isAdmin: false, now: now)
            for user in [ada, bob] {
                _ = try await store.toggleVote(userID: user.id, paper: first, now: now)
                _ = try await store.addComment(userID: user.id, paper: first, body: "hello from \(user.name)", now: now)
                try await store.createSession(tokenHash: "session-\(user.name)", userID: user.id, expiresAt: now.addingTimeInterval(3600))
                _ = try await store.createAPIToken(userID: user.id, name: "laptop", tokenHash: "token-\(user.name)", now: now)
                let collection = try await store.createCollection(ownerID: user.id, title: "Reading", description: nil, isPrivate: false,
                                                                  now: now)
                _ = try await store.addItem(collectionID: collection.id, paper: first, note: "note", now: now)
                try await store.setNotInterested(true, userID: user.id, paper: second, now: now)
                _ = try await store.claimAuthorship(userID: user.id, paper: second, authorName: "Ada Lovelace", now: now)
                _ = try await store.followAuthor("Grace Hopper", userID: user.id, limit: 10, now: now)
                _ = try await store.saveSearch(query: "quokka", mode: "hybrid", userID: user.id, limit: 10, now: now)
                try await store.replaceFeedToken(userID: user.id, tokenHash: "feed-\(user.name)", now: now)
            }
            let hidden = try await store.addComment(userID: ada.id, paper: second, body: "hidden", now: now)
            try await store.setCommentHidden(id: hidden.id, hidden: true)
            _ = try await store.toggleVote(userID: ada.id, paper: second, now: now.addingTimeInterval(1))
            _ = try await store.subscribe(email: "ada@x.org", frequency: .daily, userID: nil, confirmed: true, token: "sub-ada", now: now)
            _ = try await store.subscribe(email: "bob@x.org", frequency: .daily, userID: bob.id, confirmed: true, token: "sub-bob", now: now)
            #expect(try await store.planDigest(frequency: .daily, period: "daily/2027-01-15", now: now) == 2)
            try await store.submit(paper: second, userName: "ada", day: Day("2024-01-03")!)

            #expect(try await store.upvotedPapers(userID: ada.id) == [second, first], "the most recent vote first")
            #expect(try await store.deleteAccount(userID: ada.id))
            #expect(try await store.deleteAccount(userID: ada.id) == false)

            #expect(try await store.user(id: ada.id) == nil)
            #expect(try await store.user(named: "ada") == nil)
            #expect(try await store.sessionUser(tokenHash: "session-ada", now: now) == nil)
            #expect(try await store.apiTokenUser(tokenHash: "token-ada", now: now) == nil)
            #expect(try await store.collections(CollectionQuery(ownerID: ada.id, viewerID: ada.id)).isEmpty)
            #expect(try await store.notInterestedPapers(userID: ada.id).isEmpty)
            #expect(try await store.upvotedPapers(userID: ada.id).isEmpty)
            #expect(try await store.comments(paper: first).map(\.userName) == ["bob"])
            #expect(try await store.claims(userID: ada.id).isEmpty)
            #expect(try await store.followedAuthors(userID: ada.id).isEmpty)
            #expect(try await store.savedSearches(userID: ada.id).isEmpty)
            #expect(try await store.feedTokenUser(tokenHash: "feed-ada") == nil)
            #expect(try await store.subscriber(token: "sub-ada") == nil)
            #expect(try await store.deliveryCounts(period: "daily/2027-01-15") == ["queued": 1])
            #expect(try await store.submissions(userName: "ada", limit: 10).isEmpty)

            let one = try #require(try await store.paper(first))
            #expect(one.upvotes == 1 && one.commentCount == 1, "ada's vote and comment no longer count")
            let two = try #require(try await store.paper(second))
            #expect(two.upvotes == 0 && two.commentCount == 0, "a hidden comment was uncounted already")

            // Bob keeps everything.
            #expect(try await store.sessionUser(tokenHash: "session-bob", now: now)?.id == bob.id)
            #expect(try await store.upvotedPapers(userID: bob.id) == [first])
            let bobs = try await store.collections(CollectionQuery(ownerID: bob.id, viewerID: bob.id))
            #expect(bobs.count == 1)
            #expect(try await store.items(collectionID: bobs[0].id).map(\.paperID) == [first])
            #expect(try await store.notInterestedPapers(userID: bob.id) == [second])
            #expect(try await store.subscriber(token: "sub-bob") != nil)
            #expect(try await store.claims(userID: bob.id).count == 1)
            #expect(try await store.followedAuthors(userID: bob.id).count == 1)
            #expect(try await store.savedSearches(userID: bob.id).count == 1)
            #expect(try await store.feedTokenUser(tokenHash: "feed-bob")?.id == bob.id)

            // The name is free again, and a new "ada" inherits nothing.
            let newAda = try await store.createUser(name: "ada", email: "ada@x.org", passwordHash: "h", isAdmin: false, now: now)
            #expect(try await store.comments(userID: newAda.id, limit: 10).isEmpty)
            #expect(try await store.submissions(userName: "ada", limit: 10).isEmpty)
        }
    }
}
