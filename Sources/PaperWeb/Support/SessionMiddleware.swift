import Foundation
import HTTPTypes
import Hummingbird
import PaperAccounts
import PaperCore

/// Finds the visitor from the session cookie and guards every state-changing request with a
/// double-submit CSRF token: the `pf_csrf` cookie (SameSite=Lax, set on the first visit) must
/// be echoed in the form field `csrf` or the `X-CSRF-Token` header, which another site cannot
/// read and so cannot send. The form's fields are left in the context for the handler.
///
/// Under `/api/`, a personal API token sent as `Authorization: Bearer …` names the user instead
/// of the cookie, and needs no CSRF token: a browser never adds that header by itself, so
/// another site cannot make a visitor send it. An unknown or revoked token is a 401.
struct SessionMiddleware<Context: VisitorRequestContext>: RouterMiddleware {
    let accounts: (any AccountStore & APITokenStore)?
    let clock: any WallClock
    /// Marks cookies `Secure`, for a site served over HTTPS.
    let secureCookies: Bool

    static var sessionCookie: String { "pf_session" }
    static var csrfCookie: String { "pf_csrf" }
    /// One-click unsubscribe (RFC 8058) is posted by mail providers without cookies; the
    /// secret token in its URL is what authorises it.
    static func isExempt(_ path: String) -> Bool { path.hasPrefix("/digest/unsubscribe/") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let cookies = request.cookies
        var issuedToken: String?
        if let token = cookies[Self.csrfCookie]?.value, SecureTokens.isWellFormed(token) {
            context.visitor.csrfToken = token
        } else {
            issuedToken = SecureTokens.make()
            context.visitor.csrfToken = issuedToken!
        }
        if let bearer = Self.bearerToken(request) {
            context.visitor.user = nil
            try await authenticate(bearer, &context)
            return try await next(request, context)
        }
        if let token = cookies[Self.sessionCookie]?.value, let accounts {
            let hash = SecureTokens.hash(token)
            if let user = try await accounts.sessionUser(tokenHash: hash, now: clock.now()) {
                context.visitor.user = user
                context.visitor.sessionTokenHash = hash
            }
        }
        // An API write without a session acts for nobody, so it has nothing to forge: it gets the
        // handler's 401, which says to send a token, rather than a 403 about forms.
        let anonymousAPI = request.uri.path.hasPrefix("/api/") && context.visitor.user == nil
        if ![.get, .head, .options].contains(request.method), !Self.isExempt(request.uri.path), !anonymousAPI {
            // Read once here; handlers take the fields from the context.
            context.form = try await FormFields.read(&request)
            let sent = request.headers[.csrfToken] ?? context.form["csrf"]
            guard issuedToken == nil, let sent, SecureTokens.equal(sent, context.visitor.csrfToken) else {
                throw RequestError.forbidden(
                    "This form did not carry this site's security token (CSRF): it may have expired or come from another site. Reload the page and try again.")
            }
        }
        var response = try await next(request, context)
        if let issuedToken { response.setCookie(Self.csrfCookie(issuedToken, secure: secureCookies)) }
        return response
    }

    /// The token of an API request's `Authorization: Bearer …` header, or `nil` (other paths
    /// and schemes are not read).
    static func bearerToken(_ request: Request) -> String? {
        guard request.uri.path.hasPrefix("/api/"), let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    private func authenticate(_ token: String, _ context: inout Context) async throws {
        guard let accounts, token.utf8.count <= 256,
              let (user, apiToken) = try await accounts.apiTokenUser(tokenHash: SecureTokens.hash(token), now: clock.now()) else {
            throw RequestError.unauthorized("Invalid credentials in Authorization header: this API token is unknown or revoked.")
        }
        context.visitor.user = user
        context.visitor.apiToken = apiToken
    }

    /// The cookie that carries the CSRF token; log-in and log-out set a new one.
    static func csrfCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: csrfCookie, value: token, maxAge: 365 * 86400, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

extension HTTPField.Name {
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}
