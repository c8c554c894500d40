import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// The `FollowStore` contract for followed accounts (users whose claims put them on papers):
/// one follow per account and user, each user's own, gone with either account, kept by a copy.
@Suite struct StoreFollowedAccountTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available) func accountsAreFollowedOnceAndUnfollowedByTheirFollower(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await makeAdaAndBob(in: store, now: now)
            let carol = try await store.createUser(name: "Carol", email: "carol@x.org", passwordHash: "h", isAdmin: false, now: now)
            let followsBob = try await store.followAccount(bob.id, userID: ada.id, limit: 2, now: now)
            #expect(followsBob.userID == ada.id && followsBob.accountID == bob.id && followsBob.accountName == "bob" && followsBob.createdAt == now)
            #expect(try await store.followAccount(bob.id, userID: ada.id, limit: 2, now: now.addingTimeInterval(5)) == followsBob,
                    "following an account again is the same follow")
            let followsCarol = try await store.followAccount(carol.id, userID: ada.id, limit: 2, now: now.addingTimeInterval(10))
            #expect(followsCarol.accountName == "Carol")
            await #expect(throws: FollowError.tooManyAccounts(limit: 2)) {
                try await store.followAccount(ada.id, userID: ada.id, limit: 2, now: now)
            }
            #expect(FollowError.tooManyAccounts(limit: 2).description.contains("You follow 2 accounts"))
            let bobsFollow = try await store.followAccount(carol.id, userID: bob.id, limit: 2, now: now)
            #expect(try await store.followedAccounts(userID: ada.id).map(\.id) == [followsCarol.id, followsBob.id], "the most recent first")
            #expect(try await store.followedAccounts(userID: bob.id) == [bobsFollow])
            #expect(try await store.followedAuthors(userID: ada.id).isEmpty, "accounts are not authors' names")

            #expect(try await store.unfollowAccount(id: followsBob.id, userID: bob.id) == false, "nobody unfollows for another")
            #expect(try await store.unfollowAccount(id: followsBob.id, userID: ada.id))
            #expect(try await store.unfollowAccount(id: followsBob.id, userID: ada.id) == false)
            #expect(try await store.followedAccounts(userID: ada.id).map(\.id) == [followsCarol.id])
        }
    }

    @Test(arguments: DatabaseEngine.available) func deletingAnAccountEndsItsFollowsAndTheFollowsOfIt(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await makeAdaAndBob(in: store, now: now)
            let carol = try await store.createUser(name: "Carol", email: "carol@x.org", passwordHash: "h", isAdmin: false, now: now)
            _ = try await store.followAccount(bob.id, userID: ada.id, limit: 10, now: now)
            let followsCarol = try await store.followAccount(carol.id, userID: ada.id, limit: 10, now: now)
            _ = try await store.followAccount(carol.id, userID: bob.id, limit: 10, now: now)
            #expect(try await store.deleteAccount(userID: bob.id))
            #expect(try await store.followedAccounts(userID: ada.id) == [followsCarol], "nobody follows a deleted account")
            #expect(try await store.followedAccounts(userID: bob.id).isEmpty)
            // A new account with the old name is not followed by those who followed the old one.
            let newBob = try await store.createUser(name: "bob", email: "new@x.org", passwordHash: "h", isAdmin: false, now: now)
            #expect(try await store.followedAccounts(userID: ada.id).map(\.accountID) == [carol.id] && newBob.id != bob.id)
        }
    }

    @Test(arguments: DatabaseEngine.available) func copyingAnInstanceKeepsFollowedAccounts(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { source async throws in
            let (ada, bob) = try await makeAdaAndBob(in: source, now: now)
            let follow = try await source.followAccount(bob.id, userID: ada.id, limit: 10, now: now)
            try await withTemporaryStore(engine) { target async throws in
                for _ in 0..<2 { try await CommunityCopy.run(from: source, to: target) }
                #expect(try await target.followedAccounts(userID: ada.id) == [follow])
                #expect(try await target.followAccount(ada.id, userID: bob.id, limit: 10, now: now).id > follow.id)
            }
        }
    }
}
