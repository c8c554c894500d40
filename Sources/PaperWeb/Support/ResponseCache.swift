import Foundation
import Hummingbird
import Synchronization

/// Keeps the bodies of successful GET responses for a few seconds, keyed by path and the query
/// parameters the route reads (`CacheKey`), so a busy page is rendered once per interval instead
/// of once per request. Writes made through this node clear it (`ClearCacheAfterWritesMiddleware`);
/// other nodes see them within the interval.
///
/// Bounded in bytes, not entries: when full, expired answers go first, then the oldest. Answers
/// larger than a sixteenth of the budget are not kept at all.
///
/// Concurrency: one mutex guards the table; nothing is rendered while it is held. A missing
/// answer is rendered by one task, which the requests arriving meanwhile await (so 64 visitors
/// of a new URL cost one render, not 64); an expired one is rendered anew by the first request
/// while the rest are served the old copy. A `removeAll()` during a render stops that render's
/// answer from being kept, since it may predate the write.
final class ResponseCache: Sendable {
    fileprivate struct Entry {
        let response: BodyResponse
        let bytes: Int
        let expires: ContinuousClock.Instant
    }

    fileprivate struct State {
        var entries: [String: Entry] = [:]
        /// Renders under way, by key; later requests for the key await them.
        var rendering: [String: Task<BodyResponse, any Error>] = [:]
        var bytes = 0
        /// Bumped by `removeAll()`: a render that started under an older generation is not kept.
        var generation = 0
        var nextSweep: ContinuousClock.Instant = .now
    }

    private let state = Mutex(State())
    let lifetime: Duration
    let maxBytes: Int

    init(lifetime: Duration, maxBytes: Int = 64 << 20) {
        self.lifetime = lifetime
        self.maxBytes = maxBytes
    }

    /// The bytes held now (for tests and metrics).
    var heldBytes: Int { state.withLock { $0.bytes } }
    var count: Int { state.withLock { $0.entries.count } }

    private enum Lookup {
        case hit(BodyResponse)
        case await(Task<BodyResponse, any Error>)
    }

    /// The cached response for `key`, or the one `make` builds (kept when it is a 200).
    func response(for key: String, _ make: @escaping @Sendable () async throws -> BodyResponse) async throws -> BodyResponse {
        guard lifetime > .zero else { return try await make() }
        let now = ContinuousClock.now
        let lookup: Lookup = state.withLock { state in
            let entry = state.entries[key]
            if let entry, entry.expires > now { return .hit(entry.response) }
            if let task = state.rendering[key] {
                // Someone renders it: serve the old copy if there is one, else wait for theirs.
                return entry.map { .hit($0.response) } ?? .await(task)
            }
            let generation = state.generation
            let task = Task { try await self.render(key, generation: generation, make) }
            state.rendering[key] = task
            return .await(task)
        }
        switch lookup {
        case let .hit(response): return response
        case let .await(task): return try await task.value
        }
    }

    private func render(_ key: String, generation: Int,
                        _ make: @Sendable () async throws -> BodyResponse) async throws -> BodyResponse {
        let response: BodyResponse
        do {
            response = try await make()
        } catch {
            state.withLock { state in
                state.rendering[key] = nil
                state.remove(key)
            }
            throw error
        }
        state.withLock { state in
            state.rendering[key] = nil
            guard response.status == .ok, state.generation == generation else { return state.remove(key) }
            store(response, for: key, in: &state)
        }
        return response
    }

    private func store(_ response: BodyResponse, for key: String, in state: inout State) {
        let bytes = response.memorySize + key.utf8.count
        state.remove(key)
        guard bytes <= maxBytes / 16 else { return }
        let now = ContinuousClock.now
        if now >= state.nextSweep || state.bytes + bytes > maxBytes {
            // Expired entries are dropped at least once per lifetime, and whenever room is needed.
            for (key, entry) in state.entries where entry.expires <= now { state.remove(key) }
            state.nextSweep = now + lifetime
        }
        if state.bytes + bytes > maxBytes {
            for (key, _) in state.entries.sorted(by: { $0.value.expires < $1.value.expires }) {
                state.remove(key)
                if state.bytes + bytes <= maxBytes { break }
            }
        }
        state.entries[key] = Entry(response: response, bytes: bytes, expires: now + lifetime)
        state.bytes += bytes
    }

    /// Forgets every answer, including those being rendered now.
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.bytes = 0
            state.generation += 1
        }
    }
}

extension ResponseCache.State {
    fileprivate mutating func remove(_ key: String) {
        if let entry = entries.removeValue(forKey: key) { bytes -= entry.bytes }
    }
}
