import Foundation
import Hummingbird
import PaperCore

/// "Save" and "Not interested" on cards and paper pages: form posts (CSRF-checked by the session
/// middleware) that change the visitor's library and go back to the page they came from.
/// Logged out, each leads to the log-in page and back, as upvotes do. A script that asks for
/// JSON (`Accept: application/json`, as `app.js` does) gets the paper's controls as they now
/// are (`{"html": …}`, `library.mustache`), or a 401 naming the log-in page.
struct LibraryController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let library: any LibraryStore
    let renderer: PageRenderer
    let clock: any WallClock

    func register(on router: Router<Context>) {
        router.post("/papers/:id/save") { request, context in try await change(request, context) { user, paper in
            let saved = try await library.defaultCollection(ownerID: user.id, now: clock.now())
            do {
                _ = try await library.addItem(collectionID: saved.id, paper: paper.id, note: nil, now: clock.now())
            } catch LibraryError.alreadyInCollection(_) {
                // Saved already (a second click, another tab): nothing to do.
            } catch let error as LibraryError {
                throw RequestError.conflict(error.description)
            }
        } }
        router.post("/papers/:id/unsave") { request, context in try await change(request, context) { user, paper in
            let saved = try await library.defaultCollection(ownerID: user.id, now: clock.now())
            if let item = try await library.items(collectionID: saved.id).first(where: { $0.paperID == paper.id }) {
                _ = try await library.removeItem(id: item.id, collectionID: saved.id, now: clock.now())
            }
        } }
        router.post("/papers/:id/not-interested") { request, context in try await change(request, context) { user, paper in
            try await library.setNotInterested(true, userID: user.id, paper: paper.id, now: clock.now())
        } }
        router.post("/papers/:id/interested") { request, context in try await change(request, context) { user, paper in
            try await library.setNotInterested(false, userID: user.id, paper: paper.id, now: clock.now())
        } }
    }

    /// Finds the paper (404 when there is none), makes the change for the logged-in visitor and
    /// goes back to the page the form was on (the paper's page, without a referrer), or answers
    /// a script with the paper's controls.
    private func change(_ request: Request, _ context: Context,
                        _ apply: (User, Paper) async throws -> Void) async throws -> Response {
        let paper = try await PaperFinder.find(try context.parameters.require("id"), in: repository)
        let back = Redirect.referringPath(request) ?? "/papers/\(paper.id)"
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        guard let user = context.visitor.user else {
            guard wantsJSON else { return Redirect.toLogin(next: back) }
            return try BodyResponse.json(["error": "Log in to keep a library.", "login": Redirect.loginPath(next: back)],
                                         status: .unauthorized).response(from: request, context: context)
        }
        try await apply(user, paper)
        guard wantsJSON else { return Redirect.to(back) }
        var controls = LibraryControls(id: paper.id.rawValue)
        controls.library.mark(id: paper.id, try await LibraryMarks(of: user.id, in: library))
        let html = renderer.render("library-controls", controls, chrome: PageChrome(title: ""), visitor: context.visitor)
        return try BodyResponse.json(["html": html]).response(from: request, context: context)
    }
}
