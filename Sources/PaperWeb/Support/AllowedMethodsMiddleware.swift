import HTTPTypes
import Hummingbird
import NIOCore

/// PaperFeed's routes answer GET, HEAD and POST (forms), the API, feeds and operations GET and
/// HEAD only, except the collections API, which also takes POST, PATCH and DELETE as Hugging
/// Face's does: any other method (PUT, DELETE, TRACE …, or a POST to the API) is a 405
/// that names the allowed ones in `Allow`, before the CSRF check or routing could call it
/// forbidden or missing.
struct AllowedMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Paths that only read.
    static var readOnlyPrefixes: [String] { ["/api/", "/feeds/", "/static/", "/health", "/metrics"] }

    static func allowed(for path: String) -> [HTTPRequest.Method] {
        if path == "/api/collections" || path.hasPrefix("/api/collections/") { return collections(path) }
        return readOnlyPrefixes.contains { path.hasPrefix($0) } ? [.get, .head] : [.get, .head, .post]
    }

    /// The collections API's methods, by the shape of the path: `/api/collections`,
    /// `/api/collections/{owner}/{slug}`, its `/items` and `/items/{itemId}`.
    static func collections(_ path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(3)
        switch (parts.count, parts.dropFirst(2).first) {
        case (0, _): return [.get, .head, .post]
        case (2, _): return [.get, .head, .patch, .delete]
        case (3, "items"): return [.post]
        case (4, "items"): return [.patch, .delete]
        default: return [.get, .head]
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = Self.allowed(for: request.uri.path)
        guard allowed.contains(request.method) else {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            let message = "\(request.method.rawValue) is not answered here; use \(names).\n"
            return Response(status: .methodNotAllowed, headers: [.allow: names, .contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: message)))
        }
        return try await next(request, context)
    }
}
