import HTTPTypes
import Hummingbird
import NIOCore

/// PaperFeed's routes answer GET, HEAD and POST only: any other method (PUT, DELETE, TRACE …)
/// is a 405 that names the allowed ones, before the CSRF check or routing could call it
/// forbidden or missing.
struct AllowedMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    static var allowed: [HTTPRequest.Method] { [.get, .head, .post] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.allowed.contains(request.method) else {
            let message = "\(request.method.rawValue) is not answered here; use GET, HEAD or POST.\n"
            return Response(status: .methodNotAllowed,
                             headers: [.allow: "GET, HEAD, POST", .contentType: "text/plain; charset=utf-8"],
                             body: .init(byteBuffer: ByteBuffer(string: message)))
        }
        return try await next(request, context)
    }
}
