import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// Personal digest items: a paper goes to a user in one delivery only, ever; a delivery tried
/// again lists what it listed before; one given up on frees its papers.
@Suite struct StorePersonalDigestTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func item(_ id: String, _ section: PersonalDigestItem.Section = .followedAuthors, _ reason: String = "by Ada") -> PersonalDigestItem {
        PersonalDigestItem(paperID: PaperID(rawValue: id), section: section, reason: reason)
    }

    /// A confirmed subscription of `user` and one claimed delivery of `period`.
    func claim(_ store: any PaperDatabase, user: User, period: String, at time: Date) async throws -> DigestDelivery {
        _ = try await store.subscribe(email: user.email, frequency: .daily, userID: user.id, confirmed: true, token: "t-\(user.id)", now: time)
        _ = try await store.planDigest(frequency: .daily, period: period, now: time)
        return try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: time))
    }

    @Test(arguments: DatabaseEngine.available) func aPaperGoesToAUserInOneDigestOnly(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await makeAdaAndBob(in: store, now: now)
            let first = try await claim(store, user: ada, period: "daily/2027-01-15", at: now)
            let listed = try await store.reservePersonalItems([item("1"), item("2", .savedSearches, "matches “x”")], for: first, userID: ada.id)
            #expect(listed == [item("1"), item("2", .savedSearches, "matches “x”")])
            // The same delivery tried again after a crash: what it listed first, then what is new.
            let again = try await store.reservePersonalItems([item("3", .recommended, "like “y”"), item("1", .recommended, "like “z”")],
                                                             for: first, userID: ada.id)
            #expect(again == [item("1"), item("2", .savedSearches, "matches “x”"), item("3", .recommended, "like “y”")])
            #expect(try await store.finishDelivery(first, sent: true, now: now))

            let next = try await claim(store, user: ada, period: "daily/2027-01-16", at: now.addingTimeInterval(86_400))
            #expect(try await store.reservePersonalItems([item("2"), item("4")], for: next, userID: ada.id) == [item("4")],
                    "a paper an earlier digest listed is left out")
            let bobs = try await claim(store, user: bob, period: "daily/2027-01-16", at: now.addingTimeInterval(86_400))
            #expect(try await store.reservePersonalItems([item("2")], for: bobs, userID: bob.id) == [item("2")], "another user's is apart")
        }
    }

    @Test(arguments: DatabaseEngine.available) func aDeliveryGivenUpOnFreesItsPapers(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, _) = try await makeAdaAndBob(in: store, now: now)
            let failed = try await claim(store, user: ada, period: "daily/2027-01-15", at: now)
            #expect(try await store.reservePersonalItems([item("1")], for: failed, userID: ada.id).count == 1)
            #expect(try await store.failDelivery(failed, error: "550 no such user"))
            let next = try await claim(store, user: ada, period: "daily/2027-01-16", at: now.addingTimeInterval(86_400))
            #expect(try await store.reservePersonalItems([item("1")], for: next, userID: ada.id) == [item("1")])
            #expect(try await store.reservePersonalItems([], for: next, userID: ada.id) == [item("1")])
        }
    }

    @Test(arguments: DatabaseEngine.available) func deletingTheAccountForgetsWhatItsDigestsListed(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, _) = try await makeAdaAndBob(in: store, now: now)
            let delivery = try await claim(store, user: ada, period: "daily/2027-01-15", at: now)
            _ = try await store.reservePersonalItems([item("1")], for: delivery, userID: ada.id)
            #expect(try await store.deleteAccount(userID: ada.id))
            // A delivery of that id and user would list the paper again: nothing of the account is left.
            #expect(try await store.reservePersonalItems([], for: delivery, userID: ada.id) == [])
        }
    }
}
