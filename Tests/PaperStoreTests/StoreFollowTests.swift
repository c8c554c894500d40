import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// The `FollowStore` contract: followed authors, saved searches and private-feed tokens, each
/// user's own only.
@Suite struct StoreFollowTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func users(_ store: any PaperDatabase) async throws -> (User, User) {
        try await makeAdaAndBob(in: store, now: now)
    }

    @Test(arguments: DatabaseEngine.available) func authorsAreFollowedOncePerNameAndUnfollowedByTheirOwner(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            let grace = try await store.followAuthor("Grace Hopper", userID: ada.id, limit: 3, now: now)
            #expect(grace.name == "Grace Hopper" && grace.userID == ada.id && grace.createdAt == now)
            let again = try await store.followAuthor("grace HOPPER", userID: ada.id, limit: 3, now: now.addingTimeInterval(5))
            #expect(again == grace, "a name followed already, whatever its case, is the same follow")
            let alan = try await store.followAuthor("Alan Turing", userID: ada.id, limit: 3, now: now.addingTimeInterval(10))
            let bobs = try await store.followAuthor("Grace Hopper", userID: bob.id, limit: 3, now: now)
            #expect(bobs.id != grace.id)
            #expect(try await store.followedAuthors(userID: ada.id).map(\.id) == [alan.id, grace.id], "the most recent follow first")

            #expect(try await store.unfollowAuthor(id: grace.id, userID: bob.id) == false, "nobody unfollows for another")
            #expect(try await store.followedAuthors(userID: ada.id).count == 2)
            #expect(try await store.unfollowAuthor(id: grace.id, userID: ada.id))
            #expect(try await store.unfollowAuthor(id: grace.id, userID: ada.id) == false)
            #expect(try await store.followedAuthors(userID: ada.id).map(\.id) == [alan.id])
            #expect(try await store.followedAuthors(userID: bob.id).map(\.id) == [bobs.id])
        }
    }

    @Test(arguments: DatabaseEngine.available) func followsAndSearchesStopAtTheLimit(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            _ = try await store.followAuthor("A One", userID: ada.id, limit: 2, now: now)
            _ = try await store.followAuthor("B Two", userID: ada.id, limit: 2, now: now)
            await #expect(throws: FollowError.tooManyAuthors(limit: 2)) {
                try await store.followAuthor("C Three", userID: ada.id, limit: 2, now: now)
            }
            #expect(try await store.followAuthor("a one", userID: ada.id, limit: 2, now: now).name == "A One",
                    "following a followed name again is no new follow")
            _ = try await store.followAuthor("C Three", userID: bob.id, limit: 2, now: now)

            _ = try await store.saveSearch(query: "quokka", mode: "hybrid", userID: ada.id, limit: 1, now: now)
            await #expect(throws: FollowError.tooManySearches(limit: 1)) {
                try await store.saveSearch(query: "wombat", mode: "hybrid", userID: ada.id, limit: 1, now: now)
            }
            #expect(FollowError.tooManySearches(limit: 1).description.contains("1 saved searches"))
        }
    }

    @Test(arguments: DatabaseEngine.available) func searchesAreSavedWithTheirModeAndDeletedByTheirOwner(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            let query = "author:\"Grace Hopper\" cat:cs.CL year:2024 -survey"
            let hybrid = try await store.saveSearch(query: query, mode: "hybrid", userID: ada.id, limit: 10, now: now)
            #expect(hybrid.query == query && hybrid.mode == "hybrid" && hybrid.userID == ada.id)
            #expect(try await store.saveSearch(query: query, mode: "hybrid", userID: ada.id, limit: 10, now: now) == hybrid)
            let keyword = try await store.saveSearch(query: query, mode: "keyword", userID: ada.id, limit: 10, now: now.addingTimeInterval(1))
            #expect(keyword.id != hybrid.id, "another mode is another search")
            #expect(try await store.savedSearches(userID: ada.id).map(\.id) == [keyword.id, hybrid.id])
            #expect(try await store.savedSearch(id: hybrid.id, userID: ada.id) == hybrid)
            #expect(try await store.savedSearch(id: hybrid.id, userID: bob.id) == nil, "nobody reads another's search")
            #expect(try await store.deleteSavedSearch(id: hybrid.id, userID: bob.id) == false)
            #expect(try await store.deleteSavedSearch(id: hybrid.id, userID: ada.id))
            #expect(try await store.savedSearches(userID: ada.id).map(\.id) == [keyword.id])
            #expect(try await store.savedSearches(userID: bob.id).isEmpty)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aNewFeedTokenRevokesTheOldAndDisabledAccountsHaveNone(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            #expect(try await store.feedTokenCreated(userID: ada.id) == nil)
            #expect(try await store.feedTokenUser(tokenHash: "first") == nil)
            try await store.replaceFeedToken(userID: ada.id, tokenHash: "first", now: now)
            try await store.replaceFeedToken(userID: bob.id, tokenHash: "bobs", now: now)
            #expect(try await store.feedTokenUser(tokenHash: "first")?.id == ada.id)
            #expect(try await store.feedTokenCreated(userID: ada.id) == now)
            try await store.replaceFeedToken(userID: ada.id, tokenHash: "second", now: now.addingTimeInterval(60))
            #expect(try await store.feedTokenUser(tokenHash: "first") == nil, "the old token is revoked")
            #expect(try await store.feedTokenUser(tokenHash: "second")?.id == ada.id)
            #expect(try await store.feedTokenCreated(userID: ada.id) == now.addingTimeInterval(60))
            #expect(try await store.feedTokenUser(tokenHash: "bobs")?.id == bob.id)
            _ = try await store.setDisabled(true, userID: ada.id)
            #expect(try await store.feedTokenUser(tokenHash: "second") == nil, "a disabled account's feeds are gone")
        }
    }

    @Test(arguments: DatabaseEngine.available) func copyingAnInstanceKeepsFollowsSearchesAndFeedTokens(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { source async throws in
            let (ada, _) = try await users(source)
            let grace = try await source.followAuthor("Grace Hopper", userID: ada.id, limit: 10, now: now)
            let search = try await source.saveSearch(query: "quokka", mode: "keyword", userID: ada.id, limit: 10, now: now)
            try await source.replaceFeedToken(userID: ada.id, tokenHash: "feed-1", now: now)
            try await withTemporaryStore(engine) { target async throws in
                for _ in 0..<2 { try await CommunityCopy.run(from: source, to: target) }
                #expect(try await target.followedAuthors(userID: ada.id) == [grace])
                #expect(try await target.savedSearches(userID: ada.id) == [search])
                #expect(try await target.feedTokenUser(tokenHash: "feed-1")?.id == ada.id)
                #expect(try await target.followAuthor("Alan Turing", userID: ada.id, limit: 10, now: now).id > grace.id)
                #expect(try await target.saveSearch(query: "wombat", mode: "keyword", userID: ada.id, limit: 10, now: now).id > search.id)
            }
        }
    }
}
