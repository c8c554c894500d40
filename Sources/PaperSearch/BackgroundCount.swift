import Synchronization

/// A figure that is slow to count on a large store, counted in the background and kept: the
/// papers and their vectors that the start-up banner, `/health` and `/metrics` show. Each is a
/// `count(*)` over an index, which at 2.7 million papers reads about 200 MB (15 s from a cold
/// disk), too slow for the start-up path and for every request of a monitor.
///
/// The kept figure is answered while it is younger than `maxAge`; an older one is answered too,
/// while one count (never more at a time) runs in the background to replace it. So a figure is
/// at most `maxAge` plus one count's time old. Until the first count is done there is nothing to
/// answer, and callers wait for it, up to a limit they choose.
public final class BackgroundCount<Value: Sendable>: Sendable {
    private let count: @Sendable () async throws -> Value
    private let maxAge: Duration
    private let state = Mutex(State())

    private struct State {
        var kept: (value: Value, at: ContinuousClock.Instant)?
        var running: Task<Value, any Error>?
    }

    public init(maxAge: Duration = .seconds(30), _ count: @escaping @Sendable () async throws -> Value) {
        self.count = count
        self.maxAge = maxAge
    }

    /// The kept figure, or the first count's once it is done; `nil` when nothing is counted
    /// within `limit` (`nil`: wait as long as the count takes). Starts a count when none is
    /// kept or the kept one is older than `maxAge`; a count that fails throws to its waiters and
    /// is tried again by the next call.
    public func value(waitingAtMost limit: Duration? = nil) async throws -> Value? {
        let (kept, running) = state.withLock { state -> (Value?, Task<Value, any Error>?) in
            if let kept = state.kept, ContinuousClock.now - kept.at < maxAge { return (kept.value, nil) }
            if state.running == nil { state.running = Task { try await self.recount() } }
            return (state.kept?.value, state.running)
        }
        if let kept { return kept }
        guard let running else { return nil }
        guard let limit else { return try await running.value }
        return try await Self.value(of: running, orNilAfter: limit)
    }

    /// `running`'s value, or `nil` once `limit` has passed; the count goes on either way and is
    /// kept for the next caller. (Not a task group: it would wait for the count before returning.)
    private static func value(of running: Task<Value, any Error>, orNilAfter limit: Duration) async throws -> Value? {
        let waiter = Waiter()
        return try await withCheckedThrowingContinuation { continuation in
            waiter.continuation.withLock { $0 = continuation }
            Task {
                do { waiter.resume(with: .success(try await running.value)) } catch { waiter.resume(with: .failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                waiter.resume(with: .success(nil))
            }
        }
    }

    /// Resumes one waiting caller once, with whichever comes first.
    private final class Waiter: Sendable {
        let continuation = Mutex<CheckedContinuation<Value?, any Error>?>(nil)
        func resume(with result: Result<Value?, any Error>) { continuation.withLock { $0.take() }?.resume(with: result) }
    }

    private func recount() async throws -> Value {
        do {
            let value = try await count()
            state.withLock { $0 = State(kept: (value, ContinuousClock.now), running: nil) }
            return value
        } catch {
            state.withLock { $0.running = nil }
            throw error
        }
    }
}
