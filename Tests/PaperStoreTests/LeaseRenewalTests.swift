import PaperCore
import Synchronization
import Testing

/// The renewing child task beside leased work. Intervals are real but short; nothing here
/// asserts how long anything took.
@Suite struct LeaseRenewalTests {
    struct DatabaseAway: Error {}

    /// Waits (a bounded number of short sleeps) until `condition` holds.
    static func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func workThatEndsStopsTheRenewals() async throws {
        let renewals = Mutex(0)
        let value = try await LeaseRenewal.run(renewingEvery: .milliseconds(10), lease: .seconds(60), renew: {
            renewals.withLock { $0 += 1 }
            return true
        }) {
            try await Self.eventually { renewals.withLock { $0 } >= 3 }
            return 42
        }
        #expect(value == 42)
        let after = renewals.withLock { $0 }
        try await Task.sleep(for: .milliseconds(50))
        #expect(renewals.withLock { $0 } == after)
    }

    @Test func aLostLeaseCancelsTheWork() async throws {
        let cancelled = Mutex(false)
        await #expect(throws: LeaseLost()) {
            try await LeaseRenewal.run(renewingEvery: .milliseconds(10), lease: .seconds(60), renew: { false }) {
                do {
                    // Ends only by cancellation: a busy machine that starves the pool for a while
                    // must not let a fixed sleep run out first.
                    while true { try await Task.sleep(for: .seconds(1)) }
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
            }
        }
        #expect(cancelled.withLock { $0 })
    }

    @Test func aBrieflyFailingRenewalKeepsTheWorkGoing() async throws {
        let calls = Mutex(0)
        // An hour's lease: with every test running at once on two busy cores, the first renewal
        // has come a minute late (and a minute-long lease rightly ran out while it failed).
        let value = try await LeaseRenewal.run(renewingEvery: .milliseconds(10), lease: .seconds(3_600), renew: {
            let call = calls.withLock { $0 += 1; return $0 }
            if call < 3 { throw DatabaseAway() }
            return true
        }) {
            try await Self.eventually { calls.withLock { $0 } >= 5 }
            return "done"
        }
        #expect(value == "done")
    }

    @Test func aRenewalFailingForLongerThanTheLeaseLosesIt() async throws {
        await #expect(throws: LeaseLost()) {
            try await LeaseRenewal.run(renewingEvery: .milliseconds(10), lease: .milliseconds(40), renew: { throw DatabaseAway() }) {
                while true { try await Task.sleep(for: .seconds(1)) }
            }
        }
    }

    @Test func theWorksOwnErrorIsThrown() async throws {
        await #expect(throws: DatabaseAway.self) {
            try await LeaseRenewal.run(renewingEvery: .milliseconds(10), lease: .seconds(60), renew: { true }) {
                throw DatabaseAway()
            }
        }
    }
}
