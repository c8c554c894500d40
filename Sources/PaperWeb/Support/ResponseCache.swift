import Foundation
import Hummingbird
import Synchronization

/// Keeps the bodies of successful GET responses for a few seconds, keyed by path and query,
/// so a busy page is rendered once per interval instead of once per request. Writes made
/// through this node call `removeAll()`; other nodes see them within the interval.
final class ResponseCache: Sendable {
    private struct Entry {
        let response: BodyResponse
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration, capacity: Int = 2_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached response for `request`, or the one `make` builds (kept when it is a 200).
    func response(for request: Request, _ make: () async throws -> BodyResponse) async throws -> BodyResponse {
        guard lifetime > .zero else { return try await make() }
        let key = request.uri.path + "?" + (request.uri.query ?? "")
        let now = ContinuousClock.now
        if let hit = entries.withLock({ $0[key] }), hit.expires > now { return hit.response }
        let response = try await make()
        guard response.status == .ok else { return response }
        entries.withLock { entries in
            if entries.count >= capacity { entries = entries.filter { $0.value.expires > now } }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(response: response, expires: now + lifetime)
        }
        return response
    }

    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}

extension Router {
    /// A GET route whose successful responses are kept in `cache` for its lifetime.
    func cachedGet(
        _ cache: ResponseCache, _ path: RouterPath,
        use handler: @escaping @Sendable (Request, Context) async throws -> BodyResponse
    ) {
        get(path) { request, context in
            try await cache.response(for: request) { try await handler(request, context) }
        }
    }
}
