import Foundation
import PaperCore
import PaperMail
@testable import PaperStore
import SQLKit
import Synchronization
import Testing
import TestSupport

/// A digest whose SMTP exchange outlasts the lease: the sender renews the lease while it sends,
/// and a sender whose lease passed to another node stops and leaves the delivery to it. Time
/// in the store is the test's clock; only the renewal interval is real (and short).
@Suite struct DigestLeaseTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let period = "daily/2027-01-15"

    /// A mailer that runs `during` inside `send`, as a slow SMTP server would let time pass.
    struct SlowMailer: Mailer {
        let during: @Sendable () async throws -> Void
        func send(_ message: MailMessage) async throws { try await during() }
    }

    func withOneDelivery(_ body: (any PaperDatabase, DigestSchedulerTests.ManualClock) async throws -> Void) async throws {
        try await withTemporaryStore { store in
            _ = try await store.subscribe(email: "r@x.org", frequency: .daily, userID: nil, confirmed: true, token: "tok", now: Self.start)
            _ = try await store.planDigest(frequency: .daily, period: Self.period, now: Self.start)
            try await body(store, DigestSchedulerTests.ManualClock(Self.start))
        }
    }

    func sender(_ store: any PaperDatabase, clock: any WallClock, mailer: any Mailer) -> DigestSender {
        let renderer = DigestRenderer(siteName: "PaperFeed", siteURL: "http://papers.test", from: MailAddress("digest@papers.test"))
        var sender = DigestSender(store: store, mailer: mailer, renderer: renderer, clock: clock, node: "a", lease: .seconds(120))
        sender.renewalInterval = .milliseconds(20)
        return sender
    }

    /// When the delivery's lease ends, as the store has it.
    static func leaseEnd(_ store: any PaperDatabase) async throws -> Int64 {
        try await #require(store as? SQLPaperStore).read { db in
            try await db.select().column("available_at").from("digest_outbox").first()?.decode(column: "available_at", as: Int64.self) ?? 0
        }
    }

    /// Waits (a bounded number of short sleeps) until `condition` holds.
    static func eventually(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<500 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func aSendLongerThanTheLeaseKeepsItByRenewing() async throws {
        try await withOneDelivery { store, clock in
            let stolen = Mutex<DigestDelivery?>(nil)
            let mailer = SlowMailer {
                // 100 s into the exchange, the sender's renewal moves the lease on...
                clock.set(Self.start.addingTimeInterval(100))
                try await Self.eventually { try await Self.leaseEnd(store) > Int64(Self.start.timeIntervalSince1970) + 120 }
                // ...so that another node finds nothing to take once the first lease is over.
                clock.set(Self.start.addingTimeInterval(130))
                let other = try await store.claimDelivery(node: "b", lease: .seconds(120), now: clock.now())
                stolen.withLock { $0 = other }
            }
            let run = try await sender(store, clock: clock, mailer: mailer).sendDue(content: { _, _ in [] })
            #expect(stolen.withLock { $0 } == nil)
            #expect(run.sent == 1)
            #expect(try await store.deliveryCounts(period: Self.period) == ["sent": 1])
        }
    }

    @Test func aSenderWhoseLeaseWasTakenStopsAndLeavesTheDeliveryToItsNewHolder() async throws {
        try await withOneDelivery { store, clock in
            let taken = Mutex<DigestDelivery?>(nil)
            let cancelled = Mutex(false)
            let mailer = SlowMailer {
                // The sender stalled past its lease (no renewal got through); node b takes over.
                clock.set(Self.start.addingTimeInterval(121))
                let other = try await store.claimDelivery(node: "b", lease: .seconds(120), now: clock.now())
                taken.withLock { $0 = other }
                // The stalled exchange goes on until the sender gives it up.
                do {
                    // Ends only by cancellation, however long a busy machine starves the pool.
                    while true { try await Task.sleep(for: .seconds(1)) }
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
            }
            let run = try await sender(store, clock: clock, mailer: mailer).sendDue(content: { _, _ in [] })
            #expect(cancelled.withLock { $0 })
            #expect(run.sent == 0)
            #expect(run.handedOver == 1)
            #expect(try await store.deliveryCounts(period: Self.period) == ["sending": 1])
            let holder = try #require(taken.withLock { $0 })
            #expect(holder.node == "b")
            #expect(try await store.finishDelivery(holder, sent: true, now: clock.now()))
            #expect(try await store.deliveryCounts(period: Self.period) == ["sent": 1])
        }
    }
}
