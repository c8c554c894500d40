import PaperSearch
import Testing
import TestSupport

/// The counts `serve` prints at start and `/health` shows: a slow count does not hold up the
/// start-up banner, and finishes in the background for the next caller, counted once.
@Suite(.hangGuard) struct BackgroundCountTests {
    @Test func aSlowCountIsLeftToFinishInTheBackgroundAndKept() async throws {
        let gate = CountGate()
        let counts = BackgroundCount { await gate.count() }
        #expect(try await counts.value(waitingAtMost: .milliseconds(20)) == nil, "not counted yet: start-up goes on")
        await gate.open()
        #expect(try await counts.value() == 7)
        #expect(try await counts.value(waitingAtMost: .zero) == 7)
        #expect(await gate.calls == 1, "the count that start-up left running is the one kept")
    }

    @Test func aFailedCountIsTriedAgain() async throws {
        let attempts = Attempts()
        let counts = BackgroundCount { () async throws -> Int in
            if await attempts.next() == 1 { throw CountFailure() }
            return 3
        }
        await #expect(throws: CountFailure.self) { try await counts.value() }
        #expect(try await counts.value() == 3)
    }
}

private struct CountFailure: Error {}

private actor Attempts {
    private var made = 0
    func next() -> Int {
        made += 1
        return made
    }
}

/// A count that does not finish until the gate opens.
private actor CountGate {
    private(set) var calls = 0
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func count() async -> Int {
        calls += 1
        if !isOpen { await withCheckedContinuation { waiting.append($0) } }
        return 7
    }

    func open() {
        isOpen = true
        waiting.forEach { $0.resume() }
        waiting = []
    }
}
