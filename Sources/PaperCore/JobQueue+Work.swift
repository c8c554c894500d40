import Foundation

/// What became of a turn at the queue: nothing was waiting, the work ran, or its lease passed
/// to another node while it ran (which now does it).
public enum ClaimedWork<Value: Sendable>: Sendable {
    case nothingToDo
    case done(Job, Value)
    case leaseLost(Job)
}

extension JobQueue {
    /// Claims the next due job of `kind` for `node` and runs `work` on it while renewing the
    /// lease every third of it; completes the job when `work` returns. When `work` throws, the
    /// job is released to be claimed again after `retryAfter` and the error rethrown. The
    /// background services that must run once however many nodes are up (embedding,
    /// harvesting) all take their turns this way.
    public func runNext<Value: Sendable>(
        kind: String, node: String, lease: Duration, clock: any WallClock, retryAfter: TimeInterval = 60,
        _ work: @escaping @Sendable (Job) async throws -> Value
    ) async throws -> ClaimedWork<Value> {
        guard let job = try await claim(kind: kind, node: node, lease: lease, now: clock.now()) else { return .nothingToDo }
        do {
            let value = try await LeaseRenewal.run(renewingEvery: lease / 3, lease: lease, renew: {
                try await renew(job, lease: lease, now: clock.now())
            }) {
                try await work(job)
            }
            // `false`: the lease ran out just as the work ended; its new holder runs it again.
            guard try await complete(job, now: clock.now()) else { return .leaseLost(job) }
            return .done(job, value)
        } catch is LeaseLost {
            return .leaseLost(job)
        } catch {
            _ = try? await release(job, retryAt: clock.now().addingTimeInterval(retryAfter), error: "\(error)")
            throw error
        }
    }
}

/// The loop of a background service (embedding, harvesting): runs `turn` now and then every
/// `interval` until the task is cancelled. A failed turn is handed to `failed` and the next
/// one comes as usual; cancellation ends the loop.
public func repeatTurns(every interval: Duration, failed: (any Error) -> Void,
                        _ turn: () async throws -> Void) async {
    while !Task.isCancelled {
        do {
            try await turn()
        } catch is CancellationError {
            return
        } catch {
            failed(error)
        }
        try? await Task.sleep(for: interval)
    }
}
