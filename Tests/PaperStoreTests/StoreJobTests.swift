import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

@Suite struct StoreJobTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available) func eachJobIsClaimedOnceEvenByConcurrentNodes(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            for index in 0..<20 {
                try await store.enqueue(kind: "digest", key: "user-\(index)", payload: "{}", now: now)
            }
            try await store.enqueue(kind: "digest", key: "user-0", payload: "{}", now: now)  // already queued: no copy
            let claimed = try await withThrowingTaskGroup(of: [Int].self) { group in
                for node in ["a", "b", "c", "d"] {
                    group.addTask {
                        var mine: [Int] = []
                        while let job = try await store.claim(kind: "digest", node: node, lease: .seconds(60), now: now) {
                            mine.append(job.id)
                            try await store.complete(job, now: now)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 20)
            #expect(Set(claimed).count == 20)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aDeadNodesJobIsClaimedAgainAfterItsLease(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await store.enqueue(kind: "embed", key: "all", payload: "", now: now)
            let first = try #require(try await store.claim(kind: "embed", node: "a", lease: .seconds(60), now: now))
            #expect(try await store.claim(kind: "embed", node: "b", lease: .seconds(60), now: now.addingTimeInterval(30)) == nil)
            let again = try #require(try await store.claim(kind: "embed", node: "b", lease: .seconds(60), now: now.addingTimeInterval(61)))
            #expect(again.id == first.id)
            #expect(again.attempts == 2)
            #expect(again.node == "b")
        }
    }

    @Test(arguments: DatabaseEngine.available) func releasedJobsWaitAndFinishedJobsCanBeQueuedAgain(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await store.enqueue(kind: "mail", key: "m1", payload: "x", now: now)
            let job = try #require(try await store.claim(kind: "mail", node: "a", lease: .seconds(60), now: now))
            try await store.release(job, retryAt: now.addingTimeInterval(300), error: "SMTP down")
            #expect(try await store.claim(kind: "mail", node: "a", lease: .seconds(60), now: now.addingTimeInterval(10)) == nil)
            let retried = try #require(try await store.claim(kind: "mail", node: "a", lease: .seconds(60), now: now.addingTimeInterval(301)))
            try await store.complete(retried, now: now.addingTimeInterval(301))
            #expect(try await store.claim(kind: "mail", node: "a", lease: .seconds(60), now: now.addingTimeInterval(400)) == nil)
            try await store.enqueue(kind: "mail", key: "m1", payload: "y", now: now.addingTimeInterval(500))
            #expect(try await store.claim(kind: "mail", node: "a", lease: .seconds(60), now: now.addingTimeInterval(500))?.payload == "y")
        }
    }

    @Test(arguments: DatabaseEngine.available) func finishedJobsOfAKindAreRemovedAndOthersStay(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            for key in ["old", "new", "waiting"] { try await store.enqueue(kind: "harvest", key: key, payload: key, now: now) }
            try await store.enqueue(kind: "embed", key: "old", payload: "", now: now)
            for (kind, finished) in [("harvest", 10.0), ("harvest", 100.0), ("embed", 10.0)] {
                let job = try #require(try await store.claim(kind: kind, node: "a", lease: .seconds(60), now: now))
                try await store.complete(job, now: now.addingTimeInterval(finished))
            }
            let running = try #require(try await store.claim(kind: "harvest", node: "a", lease: .seconds(60), now: now))
            #expect(try await store.removeFinished(kind: "harvest", before: now.addingTimeInterval(50)) == 1)
            #expect(try await store.removeFinished(kind: "harvest", before: now.addingTimeInterval(50)) == 0)
            // The running job, the one finished later and the other kind's are still there:
            // queueing the later one again as of before it finished leaves it done.
            #expect(try await store.runningJobs(kind: "harvest").map(\.id) == [running.id])
            try await store.enqueue(kind: "harvest", key: "new", payload: "new", now: now.addingTimeInterval(50))
            try await store.enqueue(kind: "embed", key: "old", payload: "", now: now.addingTimeInterval(5))
            #expect(try await store.claim(kind: "harvest", node: "b", lease: .seconds(60), now: now.addingTimeInterval(30)) == nil)
            #expect(try await store.claim(kind: "embed", node: "b", lease: .seconds(60), now: now.addingTimeInterval(30)) == nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func onlyTheNodeHoldingAJobCompletesOrReleasesIt(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await store.enqueue(kind: "import", key: "big.jsonl", payload: "", now: now)
            let a = try #require(try await store.claim(kind: "import", node: "a", lease: .seconds(60), now: now))
            // Node a stalls past its lease; node b takes the job over.
            let b = try #require(try await store.claim(kind: "import", node: "b", lease: .seconds(60), now: now.addingTimeInterval(61)))
            #expect(b.id == a.id)
            #expect(try await !store.renew(a, lease: .seconds(60), now: now.addingTimeInterval(62)))
            #expect(try await !store.complete(a, now: now.addingTimeInterval(62)))
            #expect(try await !store.release(a, retryAt: now.addingTimeInterval(62), error: "late"))
            #expect(try await store.runningJobs(kind: "import").map(\.node) == ["b"])
            #expect(try await store.complete(b, now: now.addingTimeInterval(70)))
            #expect(try await store.runningJobs(kind: "import").isEmpty)
            #expect(try await store.claim(kind: "import", node: "c", lease: .seconds(60), now: now.addingTimeInterval(500)) == nil)
            #expect(try await !store.complete(b, now: now.addingTimeInterval(71)), "done already")
        }
    }

    @Test(arguments: DatabaseEngine.available) func aNodeThatClaimsAgainIsNotTheHolderOfItsOldClaim(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await store.enqueue(kind: "embed", key: "all", payload: "", now: now)
            let first = try #require(try await store.claim(kind: "embed", node: "a", lease: .seconds(60), now: now))
            let second = try #require(try await store.claim(kind: "embed", node: "a", lease: .seconds(60), now: now.addingTimeInterval(61)))
            #expect(try await !store.complete(first, now: now.addingTimeInterval(62)))
            #expect(try await store.complete(second, now: now.addingTimeInterval(62)))
        }
    }

    @Test(arguments: DatabaseEngine.available) func renewingALeaseKeepsTheJobFromOtherNodes(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await store.enqueue(kind: "import", key: "big.jsonl", payload: "", now: now)
            let a = try #require(try await store.claim(kind: "import", node: "a", lease: .seconds(60), now: now))
            #expect(try await store.renew(a, lease: .seconds(60), now: now.addingTimeInterval(40)))
            #expect(try await store.claim(kind: "import", node: "b", lease: .seconds(60), now: now.addingTimeInterval(61)) == nil)
            #expect(try await store.renew(a, lease: .seconds(60), now: now.addingTimeInterval(80)))
            #expect(try await store.claim(kind: "import", node: "b", lease: .seconds(60), now: now.addingTimeInterval(139)) == nil)
            // Renewals stop (the node died): the lease runs out and another node takes over.
            let b = try #require(try await store.claim(kind: "import", node: "b", lease: .seconds(60), now: now.addingTimeInterval(141)))
            #expect(b.attempts == 2)
            #expect(try await !store.renew(a, lease: .seconds(60), now: now.addingTimeInterval(142)))
            #expect(try await store.renew(b, lease: .seconds(60), now: now.addingTimeInterval(142)))
        }
    }

    @Test(arguments: DatabaseEngine.available) func aReleasedJobCannotBeRenewedOrCompletedByItsFormerHolder(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            try await store.enqueue(kind: "mail", key: "m1", payload: "", now: now)
            let a = try #require(try await store.claim(kind: "mail", node: "a", lease: .seconds(60), now: now))
            #expect(try await store.release(a, retryAt: now, error: "SMTP down"))
            #expect(try await !store.renew(a, lease: .seconds(60), now: now.addingTimeInterval(1)))
            #expect(try await !store.complete(a, now: now.addingTimeInterval(1)))
            #expect(try await store.claim(kind: "mail", node: "b", lease: .seconds(60), now: now.addingTimeInterval(1))?.node == "b")
        }
    }
}
