import HTTPTypes
import Hummingbird

/// Behind a reverse proxy every request comes from the proxy's address, so rate limits would
/// count all visitors as one. When the peer is one of the `trusted` proxies, the client is the
/// nearest address in `X-Forwarded-For` (read from the right) that is not itself a trusted
/// proxy; from anyone else the header is ignored, so a visitor cannot pick their own address.
struct ForwardedClientMiddleware<Context: VisitorRequestContext>: RouterMiddleware {
    /// The proxies' own addresses (`127.0.0.1`, `::1`, `10.0.0.5`), compared exactly.
    let trusted: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if trusted.contains(context.clientAddress), let client = Self.client(request.headers[values: .xForwardedFor], trusted: trusted) {
            context.clientAddress = client
        }
        return try await next(request, context)
    }

    /// The rightmost address of the `X-Forwarded-For` values that no trusted proxy added.
    static func client(_ values: [String], trusted: Set<String>) -> String? {
        let hops = values.joined(separator: ",").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return hops.reversed().first { !$0.isEmpty && !trusted.contains($0) }.map { String($0.prefix(64)) }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
