import Foundation
import Hummingbird
import PaperCore

/// `/submit`: a logged-in user puts an arXiv paper on today's list, fetched from arXiv when
/// the store does not hold it yet.
struct SubmissionController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let community: any CommunityStore
    /// Fetches papers the store does not have; `nil` turns fetching off.
    let lookup: (any PaperLookup)?
    let renderer: PageRenderer
    let limiter: RateLimiter
    let limits: RateLimits
    let clock: any WallClock

    func register(on router: Router<Context>) {
        router.get("/submit") { _, context in
            guard context.visitor.user != nil else { return Redirect.toLogin(next: "/submit") }
            return renderer.page("submit", SubmitForm(), title: "Submit a paper", visitor: context.visitor)
        }
        router.post("/submit") { request, context in try await submit(request, context) }
    }

    private func submit(_ request: Request, _ context: Context) async throws -> Response {
        guard let user = context.visitor.user else { return Redirect.toLogin(next: "/submit") }
        let text = context.form.text("paper") ?? ""
        func refuse(_ message: String, _ status: HTTPResponse.Status) -> Response {
            renderer.page("submit", SubmitForm(paper: text, error: message), title: "Submit a paper", visitor: context.visitor, status: status)
        }
        guard let arxiv = ArxivID(parsing: text) else {
            return refuse("“\(text)” is not an arXiv id or link; use e.g. 2401.12345 or https://arxiv.org/abs/2401.12345.", .badRequest)
        }
        guard limiter.allow("submit:\(user.id)", limits.submissionRule) else {
            return refuse("You have submitted many papers this hour; try again later.", .tooManyRequests)
        }
        let id = PaperID(arxiv)
        if try await repository.paper(id) == nil {
            guard let lookup = lookup else { return refuse("\(id) is not here and fetching from arXiv is turned off.", .notFound) }
            let fetched: Paper?
            do {
                fetched = try await lookup.paper(arxiv: arxiv)
            } catch let error as PaperLookupError {
                return refuse(error.description, .serviceUnavailable)
            }
            guard let fetched else { return refuse("arXiv has no paper \(arxiv).", .notFound) }
            _ = try await repository.upsert([fetched])
        }
        do {
            try await community.submit(paper: id, userName: user.name, day: Day(clock.now()))
        } catch let error as SubmissionError {
            return refuse(error.description, .conflict)
        }
        return Redirect.to("/papers/\(id)")
    }
}

struct SubmitForm {
    var paper = ""
    var error: String?
}
