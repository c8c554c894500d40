import Hummingbird

/// Answers HEAD like GET without the body, so feed readers and link checkers that probe with
/// HEAD get the same status, type and ETag as a GET.
struct HeadMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .head else { return try await next(request, context) }
        var head = request.head
        head.method = .get
        let response = try await next(Request(head: head, body: request.body), context)
        return Response(status: response.status, headers: response.headers)
    }
}
