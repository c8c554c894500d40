import Foundation
import Hummingbird
import PaperCore

/// Upvotes, comments and authorship claims on papers.
struct CommunityController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let community: any CommunityStore
    let limiter: RateLimiter
    let limits: RateLimits
    let clock: any WallClock
    static var maxCommentLength: Int { 10_000 }

    func register(on router: Router<Context>) {
        router.post("/papers/:id/vote") { request, context in try await vote(request, context) }
        router.post("/papers/:id/comments") { request, context in try await comment(request, context) }
        router.post("/comments/:id/edit") { request, context in try await edit(request, context) }
        router.post("/comments/:id/delete") { request, context in try await delete(request, context) }
        router.post("/papers/:id/claim") { request, context in try await claim(request, context) }
    }

    private func paper(_ context: Context) async throws -> Paper {
        try await PaperFinder.find(try context.parameters.require("id"), in: repository)
    }

    private func vote(_ request: Request, _ context: Context) async throws -> Response {
        let paper = try await paper(context)
        let back = Redirect.referringPath(request) ?? "/papers/\(paper.id)"
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        guard let user = context.visitor.user else {
            if wantsJSON {
                return try BodyResponse.json(["error": "Log in to vote.", "login": Redirect.loginPath(next: back)], status: .unauthorized)
                    .response(from: request, context: context)
            }
            return Redirect.toLogin(next: back)
        }
        let state = try await community.toggleVote(userID: user.id, paper: paper.id, now: clock.now())
        if wantsJSON {
            return try BodyResponse.json(VoteAnswer(voted: state.voted, upvotes: state.upvotes)).response(from: request, context: context)
        }
        return Redirect.to(back)
    }

    private func comment(_ request: Request, _ context: Context) async throws -> Response {
        let paper = try await paper(context)
        guard let user = context.visitor.user else { return Redirect.toLogin(next: "/papers/\(paper.id)#comments") }
        let body = try Self.commentBody(context.form)
        guard limiter.allow("comment:\(user.id)", limits.commentRule) else {
            throw RequestError.tooManyRequests("You are commenting very fast; wait a minute and try again.")
        }
        let comment = try await community.addComment(userID: user.id, paper: paper.id, body: body, now: clock.now())
        return Redirect.to("/papers/\(paper.id)#comment-\(comment.id)")
    }

    private func edit(_ request: Request, _ context: Context) async throws -> Response {
        let comment = try await ownComment(context, adminMay: false)
        let body = try Self.commentBody(context.form)
        try await community.editComment(id: comment.id, body: body, now: clock.now())
        return Redirect.to("/papers/\(comment.paperID)#comment-\(comment.id)")
    }

    private func delete(_ request: Request, _ context: Context) async throws -> Response {
        let comment = try await ownComment(context, adminMay: true)
        try await community.deleteComment(id: comment.id)
        return Redirect.to("/papers/\(comment.paperID)#comments")
    }

    /// The comment named in the path, if the visitor wrote it (or is an admin, where allowed).
    private func ownComment(_ context: Context, adminMay: Bool) async throws -> Comment {
        let user = try context.visitor.requireUser()
        guard let id = Int(try context.parameters.require("id")), let comment = try await community.comment(id: id) else {
            throw RequestError.notFound("There is no such comment.")
        }
        guard comment.userID == user.id || (adminMay && user.isAdmin) else {
            throw RequestError.forbidden("This is not your comment.")
        }
        return comment
    }

    private func claim(_ request: Request, _ context: Context) async throws -> Response {
        let paper = try await paper(context)
        guard let user = context.visitor.user else { return Redirect.toLogin(next: "/papers/\(paper.id)") }
        let fields = context.form
        guard let author = fields.text("author"), paper.authors.contains(where: { $0.name == author }) else {
            throw RequestError.badRequest("Choose one of the paper's authors.")
        }
        _ = try await community.claimAuthorship(userID: user.id, paper: paper.id, authorName: author, now: clock.now())
        return Redirect.to("/u/\(user.name)")
    }

    static func commentBody(_ fields: FormFields) throws -> String {
        guard let body = fields.text("body") else { throw RequestError.badRequest("A comment needs some text.") }
        guard body.count <= maxCommentLength else {
            throw RequestError.badRequest("Comments are limited to \(maxCommentLength) characters.")
        }
        return body
    }
}

struct VoteAnswer: Encodable {
    let voted: Bool
    let upvotes: Int
}
