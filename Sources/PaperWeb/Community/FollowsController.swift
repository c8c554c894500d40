import Foundation
import Hummingbird
import PaperAccounts
import PaperCore
import PaperSearch

/// Following authors and accounts and saving searches (form posts, CSRF-checked by the session
/// middleware), and `/account/follows`: what the visitor follows with the newest papers of each,
/// and their private feeds' secret address, shown once when made.
struct FollowsController<Context: VisitorRequestContext> {
    let follows: any FollowStore
    let accounts: any AccountStore
    let papers: FollowedPapers
    let accountPapers: AccountPapers
    let renderer: PageRenderer
    let site: SiteAddress
    let clock: any WallClock

    static var path: String { "/account/follows" }

    func register(on router: Router<Context>) {
        router.get("/account/follows") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            return try await page(user, context)
        }
        router.post("/account/follows/authors") { request, context in
            let back = Redirect.referringPath(request) ?? Self.path
            guard let user = context.visitor.user else { return Redirect.toLogin(next: back) }
            guard let name = context.form.text("name"), name.count <= FollowLimits.nameLength,
                  !name.contains(where: \.isNewline) else {
                throw RequestError.badRequest("Give the author's name as written on papers, 1 to \(FollowLimits.nameLength) characters.")
            }
            try await refusingOverLimit {
                _ = try await follows.followAuthor(name, userID: user.id, limit: FollowLimits.authors, now: clock.now())
            }
            return Redirect.to(back)
        }
        router.post("/account/follows/authors/:id/delete") { request, context in
            try await remove(request, context, missing: "You follow no author with this id.") { try await follows.unfollowAuthor(id: $0, userID: $1) }
        }
        router.post("/account/follows/accounts") { request, context in
            let back = Redirect.referringPath(request) ?? Self.path
            guard let user = context.visitor.user else { return Redirect.toLogin(next: back) }
            guard let name = context.form.text("name"), name.count <= FollowLimits.nameLength else {
                throw RequestError.badRequest("Give the user name of the account to follow, 1 to \(FollowLimits.nameLength) characters.")
            }
            guard let account = try await accounts.user(named: name) else { throw RequestError.notFound("There is no user \(name).") }
            guard account.id != user.id else { throw RequestError.badRequest("Your own papers are yours already: follow other accounts.") }
            try await refusingOverLimit {
                _ = try await follows.followAccount(account.id, userID: user.id, limit: FollowLimits.accounts, now: clock.now())
            }
            return Redirect.to(back)
        }
        router.post("/account/follows/accounts/:id/delete") { request, context in
            try await remove(request, context, missing: "You follow no account with this id.") {
                try await follows.unfollowAccount(id: $0, userID: $1)
            }
        }
        router.post("/account/follows/searches") { request, context in
            let back = Redirect.referringPath(request) ?? Self.path
            guard let user = context.visitor.user else { return Redirect.toLogin(next: back) }
            guard let query = context.form.text("q"), query.count <= FollowLimits.queryLength else {
                throw RequestError.badRequest("A saved search needs its query: 1 to \(FollowLimits.queryLength) characters.")
            }
            let modeText = context.form.text("mode") ?? SearchMode.hybrid.rawValue
            guard let mode = SearchMode(rawValue: modeText) else {
                throw RequestError.badRequest("mode must be keyword, semantic or hybrid.")
            }
            do {
                _ = try QueryParser.parseLeniently(query)
            } catch let error as SearchQueryError {
                throw RequestError.badRequest(error.description)
            }
            try await refusingOverLimit {
                _ = try await follows.saveSearch(query: query, mode: mode.rawValue, userID: user.id, limit: FollowLimits.searches,
                                                 now: clock.now())
            }
            return Redirect.to(back)
        }
        router.post("/account/follows/searches/:id/delete") { request, context in
            try await remove(request, context, missing: "You have no saved search with this id.") {
                try await follows.deleteSavedSearch(id: $0, userID: $1)
            }
        }
        router.post("/account/follows/feed-token") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            let secret = SecureTokens.make()
            try await follows.replaceFeedToken(userID: user.id, tokenHash: SecureTokens.hash(secret), now: clock.now())
            return try await page(user, context, secret: secret)
        }
    }

    /// Removes the visitor's follow or search of the path's `id` (a 404 when they have none) and
    /// goes back to the page the form was on (a paper page's "Unfollow"), else `/account/follows`.
    private func remove(_ request: Request, _ context: Context, missing: String,
                        _ delete: (Int, Int) async throws -> Bool) async throws -> Response {
        guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
        guard let id = Int(try context.parameters.require("id")), try await delete(id, user.id) else {
            throw RequestError.notFound(missing)
        }
        return Redirect.to(Redirect.referringPath(request) ?? Self.path)
    }

    /// Runs a follow or a save, answering a full list with a 409 that says so.
    private func refusingOverLimit(_ change: () async throws -> Void) async throws {
        do {
            try await change()
        } catch let error as FollowError {
            throw RequestError.conflict(error.description)
        }
    }

    private func page(_ user: User, _ context: Context, secret: String? = nil) async throws -> Response {
        let model = try await FollowsPageModel.load(for: user, follows: follows, papers: papers, accountPapers: accountPapers, site: site,
                                                    secret: secret)
        return renderer.page("follows", model, title: "Following", visitor: context.visitor)
    }
}
