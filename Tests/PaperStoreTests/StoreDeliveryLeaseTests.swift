import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// Digest deliveries are leased like jobs: only the node holding one finishes, retries or
/// fails it, and renewing its lease keeps it from other nodes.
@Suite struct StoreDeliveryLeaseTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let period = "daily/2027-01-15"

    func planOne(in store: any PaperDatabase) async throws {
        _ = try await store.subscribe(email: "r@x.org", frequency: .daily, userID: nil, confirmed: true, token: "tok", now: now)
        #expect(try await store.planDigest(frequency: .daily, period: period, now: now) == 1)
    }

    @Test(arguments: DatabaseEngine.available) func onlyTheNodeHoldingADeliveryFinishesIt(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await planOne(in: store)
            let a = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(a.node == "a")
            // Node a's SMTP exchange outlasts its lease; node b takes the delivery over.
            let b = try #require(try await store.claimDelivery(node: "b", lease: .seconds(120), now: now.addingTimeInterval(121)))
            #expect(b.id == a.id)
            #expect(try await !store.renewDelivery(a, lease: .seconds(120), now: now.addingTimeInterval(122)))
            #expect(try await !store.finishDelivery(a, sent: true, now: now.addingTimeInterval(122)))
            #expect(try await !store.retryDelivery(a, retryAt: now.addingTimeInterval(180), error: "late"))
            #expect(try await !store.failDelivery(a, error: "late"))
            #expect(try await store.deliveryCounts(period: period) == ["sending": 1])
            #expect(try await store.finishDelivery(b, sent: true, now: now.addingTimeInterval(130)))
            #expect(try await store.deliveryCounts(period: period) == ["sent": 1])
            #expect(try await !store.finishDelivery(b, sent: false, now: now.addingTimeInterval(131)), "finished already")
        }
    }

    @Test(arguments: DatabaseEngine.available) func renewingADeliveryKeepsItFromOtherNodes(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await planOne(in: store)
            let a = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.renewDelivery(a, lease: .seconds(120), now: now.addingTimeInterval(40)))
            #expect(try await store.claimDelivery(node: "b", lease: .seconds(120), now: now.addingTimeInterval(121)) == nil)
            #expect(try await store.renewDelivery(a, lease: .seconds(120), now: now.addingTimeInterval(150)))
            #expect(try await store.claimDelivery(node: "b", lease: .seconds(120), now: now.addingTimeInterval(269)) == nil)
            #expect(try await store.finishDelivery(a, sent: true, now: now.addingTimeInterval(200)))
            #expect(try await store.claimDelivery(node: "b", lease: .seconds(120), now: now.addingTimeInterval(400)) == nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aDeliveryPutBackIsNoLongerItsFormerHolders(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await planOne(in: store)
            let a = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.retryDelivery(a, retryAt: now.addingTimeInterval(60), error: "421 busy"))
            #expect(try await !store.renewDelivery(a, lease: .seconds(120), now: now.addingTimeInterval(1)))
            #expect(try await !store.finishDelivery(a, sent: true, now: now.addingTimeInterval(1)))
            let again = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now.addingTimeInterval(61)))
            #expect(again.attempts == 2)
            #expect(try await !store.finishDelivery(a, sent: true, now: now.addingTimeInterval(62)), "an earlier claim of the same node")
            #expect(try await store.failDelivery(again, error: "550 no such user"))
            #expect(try await store.deliveryCounts(period: period) == ["failed": 1])
        }
    }

    @Test(arguments: DatabaseEngine.available) func theBacklogCountsUnfinishedDeliveriesOfEveryPeriod(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            #expect(try await store.deliveryBacklog() == DeliveryBacklog())
            for email in ["a@x.org", "b@x.org", "c@x.org"] {
                _ = try await store.subscribe(email: email, frequency: .daily, userID: nil, confirmed: true, token: email, now: now)
            }
            #expect(try await store.planDigest(frequency: .daily, period: period, now: now) == 3)
            #expect(try await store.planDigest(frequency: .daily, period: "daily/2027-01-16", now: now) == 3)
            let sent = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.finishDelivery(sent, sent: true, now: now))
            let failed = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.failDelivery(failed, error: "550 no such user"))
            _ = try #require(try await store.claimDelivery(node: "a", lease: .seconds(120), now: now))
            #expect(try await store.deliveryBacklog() == DeliveryBacklog(queued: 3, sending: 1, failed: 1))
        }
    }
}
