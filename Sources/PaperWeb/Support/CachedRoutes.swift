import Foundation
import HTTPTypes
import Hummingbird

/// What a cached answer depends on besides the path: the query parameters its route reads, in a
/// fixed order and encoding. Any other parameter is dropped before the handler runs, so
/// `?z=1`, `?z=2` … share one entry (no one can fill the cache with copies) and no visitor's
/// parameter reaches an answer that others get (a `Link` header built from the query).
struct CacheKey {
    let key: String
    /// The request as the handler sees it: only the kept parameters, canonically encoded.
    let request: Request

    init(_ request: Request, keeping names: [String]) {
        let pairs = names.compactMap { name in request.query(name).map { (name, $0) } }
        let query = pairs.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        let path = request.uri.path
        key = path + "?" + query
        var head = request.head
        head.path = query.isEmpty ? path : path + "?" + query
        self.request = Request(head: head, body: request.body)
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

extension Router where Context: VisitorRequestContext {
    /// A GET route whose successful responses are kept in `cache` for its lifetime, keyed by the
    /// path and the `query` parameters it reads (the handler sees no others). Pages are rendered
    /// with a placeholder for the CSRF token, which each response fills with its visitor's own.
    /// A page that shows who is logged in (`perVisitor`: their name, their votes) is kept per
    /// account, a logged-out one for everyone; API answers and feeds are the same for everyone.
    func cachedGet(
        _ cache: ResponseCache, _ path: RouterPath, query: [String] = [], perVisitor: Bool = true,
        use handler: @escaping @Sendable (Request, Context) async throws -> BodyResponse
    ) {
        get(path) { request, context in
            let canonical = CacheKey(request, keeping: query)
            var shared = context
            if !perVisitor { shared.visitor = Visitor() }
            shared.visitor.csrfToken = BodyResponse.csrfPlaceholder
            shared.visitor.sessionTokenHash = nil
            let owner = shared.visitor.user.map { "user:\($0.id)|" } ?? ""
            let rendering = shared
            let response = try await cache.response(for: owner + canonical.key) { try await handler(canonical.request, rendering) }
            return response.fillingCSRFToken(context.visitor.csrfToken)
        }
    }
}

/// Clears the response cache after every successful state-changing request (a vote, a comment,
/// a hidden paper), so the writer's next page shows it; other nodes catch up within the cache's
/// lifetime.
struct ClearCacheAfterWritesMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: ResponseCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if ![.get, .head, .options].contains(request.method), response.status.code < 400 { cache.removeAll() }
        return response
    }
}
