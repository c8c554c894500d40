import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// The categories a digest subscriber follows, on every engine: kept, changed by an unconfirmed
/// request only while the subscription is unconfirmed, and copied with the community.
@Suite struct StoreSubscriberCategoryTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available) func aSubscriberKeepsItsCategories(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            let followed = [category("cs.CL"), category("math")]
            let pending = try await store.subscribe(email: "r@x.org", frequency: .daily, categories: followed, userID: nil,
                                                    confirmed: false, token: "tok", now: Self.now)
            #expect(pending.categories == followed)
            // Asked again before confirming: the new choice replaces the old one.
            let changed = try await store.subscribe(email: "r@x.org", frequency: .daily, categories: [category("cs.CV")], userID: nil,
                                                    confirmed: false, token: "other", now: Self.now)
            #expect(changed.categories == [category("cs.CV")])
            _ = try await store.setSubscriberState(token: "tok", to: .confirmed, now: Self.now)
            // Once confirmed, someone typing the address changes nothing.
            _ = try await store.subscribe(email: "r@x.org", frequency: .daily, categories: [], userID: nil, confirmed: false,
                                          token: "x", now: Self.now)
            #expect(try await store.subscriber(token: "tok")?.categories == [category("cs.CV")])
            // A subscription without categories takes every paper.
            #expect(try await store.subscribe(email: "s@x.org", frequency: .weekly, userID: nil, confirmed: true, token: "s",
                                              now: Self.now).categories.isEmpty)
        }
    }
}
