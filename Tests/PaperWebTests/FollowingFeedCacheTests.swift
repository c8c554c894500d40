import Foundation
import PaperCore
import PaperStore
import Testing
@testable import PaperWeb

/// `FollowingFeedCache` on its own, and the private `following` feed that uses it.
@Suite struct FollowingFeedCacheTests {
    actor Calls {
        private(set) var count = 0
        private var gate: CheckedContinuation<Void, Never>?
        private var open = false

        func enter() async {
            count += 1
            if !open { await withCheckedContinuation { gate = $0 } }
        }

        func release() {
            open = true
            gate?.resume()
            gate = nil
        }
    }

    struct Failure: Error {}

    private func version(_ ids: Int...) -> FollowsVersion {
        FollowsVersion(authors: ids.map { FollowedAuthor(id: $0, userID: 1, name: "A \($0)", createdAt: Date(timeIntervalSince1970: 0)) })
    }

    @Test func requestsOfOneVersionShareOneSearchAndANewVersionSearchesAgain() async throws {
        let cache = FollowingFeedCache(lifetime: .seconds(600))
        let calls = Calls()
        let paper = CommunityFixture.quokka
        let first = Task { try await cache.papers(userID: 1, version: version(1, 2)) { await calls.enter(); return [paper] } }
        while await calls.count == 0 { await Task.yield() }
        // The first search is still running: a second request of the same version awaits it.
        let second = Task { try await cache.papers(userID: 1, version: version(2, 1)) { await calls.enter(); return [] } }
        await calls.release()
        #expect(try await first.value.map(\.id) == [paper.id])
        #expect(try await second.value.map(\.id) == [paper.id], "ids in another order are the same version")
        #expect(await calls.count == 1)
        let changed = try await cache.papers(userID: 1, version: version(1, 2, 3)) { await calls.enter(); return [] }
        #expect(changed.isEmpty)
        #expect(await calls.count == 2)
        let other = try await cache.papers(userID: 2, version: version(1, 2, 3)) { await calls.enter(); return [paper] }
        #expect(other.count == 1)
        #expect(await calls.count == 3, "each user has their own entry")
    }

    @Test func aFailureIsNotKeptAndTheTableStaysBounded() async throws {
        let cache = FollowingFeedCache(lifetime: .seconds(600), maxUsers: 2)
        let calls = Calls()
        await calls.release()
        await #expect(throws: Failure.self) {
            try await cache.papers(userID: 1, version: version(1)) { await calls.enter(); throw Failure() }
        }
        #expect(cache.count == 0)
        _ = try await cache.papers(userID: 1, version: version(1)) { await calls.enter(); return [] }
        #expect(await calls.count == 2, "the next request searches again")
        for user in 2...5 { _ = try await cache.papers(userID: user, version: version(1)) { [] } }
        #expect(cache.count == 2)
        let uncached = FollowingFeedCache(lifetime: .zero)
        for _ in 0..<2 { _ = try await uncached.papers(userID: 1, version: version(1)) { await calls.enter(); return [] } }
        #expect(uncached.count == 0)
        #expect(await calls.count == 4)
    }

    @Test func theFollowingFeedIsKeptUntilTheFollowsChange() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                _ = try await ada.post("/account/follows/authors", form: [("name", "Grace Hopper")])
                let made = try await ada.post("/account/follows/feed-token").text
                let token = String(try #require(made.firstMatch(of: /\/feeds\/private\/([A-Za-z0-9_-]{43})\//)).1)
                var reader = Browser(client)
                let feed = "/feeds/private/\(token)/following.atom"
                #expect(try await reader.get(feed).text.contains("Quokka Networks"))

                var kiwi = CommunityFixture.wombat
                kiwi.id = PaperID(rawValue: "2608.00077")
                kiwi.title = "Kiwi Graphs for Sparse Retrieval"
                kiwi.authors = [Author(name: "Grace Hopper")]
                _ = try await store.upsert([kiwi])
                #expect(!(try await reader.get(feed).text.contains("Kiwi Graphs")), "kept: the follows are the same")

                _ = try await ada.post("/account/follows/authors", form: [("name", "Alan Turing")])
                let changed = try await reader.get(feed).text
                #expect(changed.contains("Kiwi Graphs") && changed.contains("Wombat Diffusion Models"), "a new follow: searched again")
                let user = try #require(try await store.user(named: "ada"))
                let turing = try #require(try await store.followedAuthors(userID: user.id).first { $0.name == "Alan Turing" })
                _ = try await ada.post("/account/follows/authors/\(turing.id)/delete")
                #expect(!(try await reader.get(feed).text.contains("Wombat Diffusion Models")), "an unfollow: searched again")
            }
        }
    }
}
