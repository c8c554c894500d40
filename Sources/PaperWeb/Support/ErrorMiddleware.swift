import Hummingbird
import Logging

/// Turns every failure into a response that says what went wrong: JSON `{"error": …}` under
/// `/api/`, an HTML page with a search box elsewhere. Unexpected errors are logged and become a
/// 500 that reveals nothing internal.
struct ErrorMiddleware<Context: VisitorRequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as RequestError {
            return try respond(request, context, status: error.status, message: error.message)
        } catch let error as HTTPError where error.status == .notFound {
            return try respond(request, context, status: .notFound, message: "There is nothing at \(request.uri.path).")
        } catch let error as HTTPError where error.status.code < 500 {
            return try respond(request, context, status: error.status, message: error.body ?? error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return try respond(request, context, status: .internalServerError,
                               message: "Something went wrong on our side; the error has been logged.")
        }
    }

    private func respond(_ request: Request, _ context: Context, status: HTTPResponse.Status, message: String) throws -> Response {
        if request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/feeds/") {
            return try BodyResponse.json(["error": message], status: status).response(from: request, context: context)
        }
        let chrome = PageChrome(title: status == .notFound ? "Not found" : "Cannot show this page")
        let page = ErrorPage(status: Int(status.code), heading: status == .notFound ? "Not found" : "That did not work",
                             message: message)
        return try BodyResponse.html(renderer.render("error", page, chrome: chrome, visitor: context.visitor), status: status)
            .response(from: request, context: context)
    }
}

struct ErrorPage {
    let status: Int
    let heading: String
    let message: String
}
