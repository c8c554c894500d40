import Foundation
import Hummingbird
import PaperAccounts
import PaperCore

/// `/account/tokens`: a logged-in user's personal API tokens for `huggingface_hub` and scripts.
/// A new token is shown once, on the page its form answers; revoking one refuses it at once.
struct TokensController<Context: VisitorRequestContext> {
    let tokens: any APITokenStore
    let renderer: PageRenderer
    let clock: any WallClock

    static var path: String { "/account/tokens" }

    func register(on router: Router<Context>) {
        router.get("/account/tokens") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            return try await page(user, context)
        }
        router.post("/account/tokens") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            guard let label = context.form.text("name"), label.count <= 100 else {
                return try await page(user, context, error: "Give the token a name of 1 to 100 characters (where it is used).",
                                      status: .badRequest)
            }
            let made = try await PersonalTokens(tokens: tokens, clock: clock).issue(for: user, name: label)
            return try await page(user, context, secret: made.secret)
        }
        router.post("/account/tokens/:id/revoke") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            guard let id = Int(try context.parameters.require("id")),
                  try await tokens.revokeAPIToken(id: id, userID: user.id, now: clock.now()) != nil else {
                throw RequestError.notFound("You have no API token with this id.")
            }
            return Redirect.to(Self.path)
        }
    }

    private func page(_ user: User, _ context: Context, secret: String? = nil, error: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let rows = try await tokens.apiTokens(userID: user.id).reversed().map(TokenRow.init)
        let model = TokensPage(tokens: rows, hasTokens: !rows.isEmpty, secret: secret, error: error)
        return renderer.page("tokens", model, title: "API tokens", visitor: context.visitor, status: status)
    }
}

struct TokensPage {
    let tokens: [TokenRow]
    let hasTokens: Bool
    /// The token just made, shown this once.
    let secret: String?
    let error: String?
}

struct TokenRow {
    let id: Int
    let name: String
    let created: String
    let lastUsed: String
    let revoked: String?

    init(_ token: APIToken) {
        id = token.id
        name = token.name
        created = Day(token.createdAt).description
        lastUsed = token.lastUsedAt.map { Day($0).description } ?? "never"
        revoked = token.revokedAt.map { Day($0).description }
    }
}
