import Hummingbird

/// Answers a GET or HEAD whose `If-None-Match` names the response's current ETag with
/// `304 Not Modified` and no body: feed readers and API clients that poll pay one round trip.
struct ConditionalGETMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .get || request.method == .head, response.status == .ok,
              let etag = response.headers[.eTag], let wanted = request.headers[.ifNoneMatch],
              Self.matches(wanted, etag) else { return response }
        var headers = response.headers
        headers[.contentLength] = nil
        headers[.contentType] = nil
        return Response(status: .notModified, headers: headers)
    }

    /// `If-None-Match` holds `*` or a comma-separated list of tags, possibly weak (`W/"…"`).
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
