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
        /// Set while one request renders a fresh copy; the others keep getting this one.
        var refreshing = false
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
        // Fresh: serve it. Expired: the first request renders anew while the rest are served the
        // old copy, so an expiry under load costs one render, not one per waiting request.
        let cached: BodyResponse? = entries.withLock { entries in
            guard var entry = entries[key] else { return nil }
            if entry.expires > now || entry.refreshing { return entry.response }
            entry.refreshing = true
            entries[key] = entry
            return nil
        }
        if let cached { return cached }
        let response: BodyResponse
        do {
            response = try await make()
        } catch {
            entries.withLock { _ = $0.removeValue(forKey: key) }
            throw error
        }
        guard response.status == .ok else {
            entries.withLock { _ = $0.removeValue(forKey: key) }
            return response
        }
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

extension Router where Context: VisitorRequestContext {
    /// A GET route whose successful responses are kept in `cache` for its lifetime. Pages are
    /// rendered with a placeholder for the CSRF token, which each response fills with its
    /// visitor's own; a page that shows who is logged in (`perVisitor`) is cached only for
    /// visitors who are not. API answers and feeds are the same for everyone.
    func cachedGet(
        _ cache: ResponseCache, _ path: RouterPath, perVisitor: Bool = true,
        use handler: @escaping @Sendable (Request, Context) async throws -> BodyResponse
    ) {
        get(path) { request, context in
            if perVisitor, context.visitor.user != nil { return try await handler(request, context) }
            var anonymous = context
            anonymous.visitor.csrfToken = BodyResponse.csrfPlaceholder
            let response = try await cache.response(for: request) { try await handler(request, anonymous) }
            return response.fillingCSRFToken(context.visitor.csrfToken)
        }
    }
}
