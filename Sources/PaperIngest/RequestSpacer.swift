/// Spaces the requests of all its callers: each `waitForTurn()` returns at least `interval`
/// after the previous one did, and not before a hold-off (a server's `Retry-After`) has passed.
///
/// A caller reserves its slot before it sleeps, so concurrent callers queue in arrival order
/// without a lock; a cancelled caller leaves its slot unused, which only errs on the polite side.
actor RequestSpacer {
    private let interval: Duration
    private let clock = ContinuousClock()
    /// The earliest start of the next request.
    private var next: ContinuousClock.Instant?
    /// No request starts before this (set from `Retry-After`).
    private var heldUntil: ContinuousClock.Instant?

    /// A spacer that keeps `interval` between the starts of requests.
    init(interval: Duration) {
        self.interval = max(interval, .zero)
    }

    /// Returns when the caller may send its request.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func waitForTurn() async throws {
        var slot = reserve()
        while true {
            if slot > clock.now { try await Task.sleep(until: slot, clock: .continuous) }
            try Task.checkCancellation()
            // A hold-off announced while this caller slept moves it behind the hold-off.
            guard let hold = heldUntil, hold > slot else { return }
            slot = reserve()
        }
    }

    /// Starts no request for `duration` from now (but never shortens an earlier hold-off).
    func holdOff(for duration: Duration) {
        let until = clock.now + duration
        heldUntil = max(heldUntil ?? until, until)
    }

    /// The next free slot, taken.
    private func reserve() -> ContinuousClock.Instant {
        let now = clock.now
        let slot = max(now, next ?? now, heldUntil ?? now)
        next = slot + interval
        return slot
    }
}
