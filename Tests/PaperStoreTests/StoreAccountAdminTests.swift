import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// What an operator does to accounts (`paperfeed user list | promote | demote | disable | enable`).
@Suite struct StoreAccountAdminTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available) func accountsAreListedOldestFirstAndAdminRightsComeAndGo(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            #expect(try await store.users().isEmpty)
            let ada = try await store.createUser(name: "ada", email: "ada@x.org", passwordHash: "h", isAdmin: false, now: now)
            let bob = try await store.createUser(name: "bob", email: "bob@x.org", passwordHash: "h", isAdmin: true,
                                                 now: now.addingTimeInterval(60))
            #expect(try await store.users() == [ada, bob])
            #expect(try await store.setAdmin(true, userID: ada.id)?.isAdmin == true)
            #expect(try await store.setAdmin(false, userID: bob.id)?.isAdmin == false)
            #expect(try await store.users().map(\.isAdmin) == [true, false])
            #expect(try await store.setAdmin(true, userID: bob.id + 100) == nil, "no such account")
            #expect(try await store.setDisabled(true, userID: bob.id + 100) == nil, "no such account")
        }
    }

    @Test(arguments: DatabaseEngine.available) func aDisabledAccountHasNoSessionsAndNoWorkingResetLinks(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let ada = try await store.createUser(name: "ada", email: "ada@x.org", passwordHash: "h", isAdmin: true, now: now)
            let bob = try await store.createUser(name: "bob", email: "bob@x.org", passwordHash: "h", isAdmin: false, now: now)
            let later = now.addingTimeInterval(3600)
            for (token, user) in [("s-ada", ada), ("s-bob", bob)] {
                try await store.createSession(tokenHash: token, userID: user.id, expiresAt: later)
                try await store.createPasswordReset(tokenHash: "r" + token, userID: user.id, expiresAt: later)
            }
            let disabled = try #require(try await store.setDisabled(true, userID: ada.id))
            #expect(disabled.isDisabled && disabled.isAdmin, "disabling leaves the rest of the account as it was")
            #expect(try await store.user(named: "ada")?.isDisabled == true)
            #expect(try await store.sessionUser(tokenHash: "s-ada", now: now) == nil)
            #expect(try await store.consumePasswordReset(tokenHash: "rs-ada", now: now) == nil)
            // Tokens made after the switch (a request that raced it) are refused as well.
            try await store.createSession(tokenHash: "s-ada-2", userID: ada.id, expiresAt: later)
            try await store.createPasswordReset(tokenHash: "rs-ada-2", userID: ada.id, expiresAt: later)
            #expect(try await store.sessionUser(tokenHash: "s-ada-2", now: now) == nil)
            #expect(try await store.consumePasswordReset(tokenHash: "rs-ada-2", now: now) == nil)
            // Other accounts are untouched.
            #expect(try await store.sessionUser(tokenHash: "s-bob", now: now)?.name == "bob")
            #expect(try await store.consumePasswordReset(tokenHash: "rs-bob", now: now) == bob.id)

            #expect(try await store.setDisabled(false, userID: ada.id)?.isDisabled == false)
            #expect(try await store.sessionUser(tokenHash: "s-ada", now: now) == nil, "sessions ended by disabling stay ended")
            try await store.createSession(tokenHash: "s-ada-3", userID: ada.id, expiresAt: later)
            #expect(try await store.sessionUser(tokenHash: "s-ada-3", now: now)?.isDisabled == false)
        }
    }

    @Test(arguments: DatabaseEngine.available) func periodsWithUnsentDeliveriesAreThoseWithQueuedSendingOrFailedOnes(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            #expect(try await store.periodsWithUnsentDeliveries().isEmpty)
            _ = try await store.subscribe(email: "d@x.org", frequency: .daily, userID: nil, confirmed: true, token: "d", now: now)
            _ = try await store.subscribe(email: "w@x.org", frequency: .weekly, userID: nil, confirmed: true, token: "w", now: now)
            for period in ["daily/2027-01-14", "daily/2027-01-15"] {
                #expect(try await store.planDigest(frequency: .daily, period: period, now: now) == 1)
            }
            #expect(try await store.planDigest(frequency: .weekly, period: "weekly/2027-W02", now: now) == 1)
            #expect(try await store.periodsWithUnsentDeliveries() == ["daily/2027-01-14", "daily/2027-01-15", "weekly/2027-W02"])

            // Claimed in id order: the 14th is sent, the 15th fails, the week's stays `sending`.
            let first = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.finishDelivery(first, sent: true, now: now))
            let second = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.failDelivery(second, error: "550 no such user"))
            _ = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.periodsWithUnsentDeliveries() == ["daily/2027-01-15", "weekly/2027-W02"])
            #expect(try await store.deliveryCounts(period: "daily/2027-01-15") == ["failed": 1])
        }
    }
}
