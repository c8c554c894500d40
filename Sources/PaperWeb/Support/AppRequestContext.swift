import Hummingbird
import NIOCore
import PaperCore

/// Who is asking: the logged-in user, if any, and the CSRF token their forms must carry.
struct Visitor: Sendable {
    var user: User?
    /// The double-submit token: the `pf_csrf` cookie's value, echoed by every form and script.
    var csrfToken: String
    /// The hash of the session cookie's token, for logging out.
    var sessionTokenHash: String?
    /// The personal API token the request was sent with (`Authorization: Bearer …`), when it was.
    var apiToken: APIToken?

    init(user: User? = nil, csrfToken: String = "", sessionTokenHash: String? = nil) {
        self.user = user
        self.csrfToken = csrfToken
        self.sessionTokenHash = sessionTokenHash
    }

    /// The logged-in user, or a 403 for pages that need one and cannot redirect.
    func requireUser() throws -> User {
        guard let user else { throw RequestError.forbidden("Log in first.") }
        return user
    }

    /// The user an API request acts for (by its bearer token or session), or a 401.
    func requireAPIUser() throws -> User {
        guard let user else {
            throw RequestError.unauthorized(
                "Send a personal API token as “Authorization: Bearer …” (make one with `paperfeed user token --name NAME`).")
        }
        return user
    }

    /// The logged-in admin, or a 403.
    func requireAdmin() throws -> User {
        guard let user, user.isAdmin else { throw RequestError.forbidden("Only admins can do this.") }
        return user
    }
}

/// A request context that knows the visitor and the posted form; `SessionMiddleware` fills both in.
protocol VisitorRequestContext: RequestContext {
    var visitor: Visitor { get set }
    /// The fields of a posted `application/x-www-form-urlencoded` body (empty for other requests).
    var form: FormFields { get set }
    /// The visitor's address, for rate limits: the peer's, or the one a trusted proxy forwarded.
    var clientAddress: String { get set }
}

/// The context every PaperFeed request runs with.
struct AppRequestContext: VisitorRequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    var visitor = Visitor()
    var form = FormFields("")
    let remoteAddress: SocketAddress?
    var clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        clientAddress = remoteAddress?.ipAddress ?? "local"
    }
}
