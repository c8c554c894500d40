import Hummingbird
import NIOCore
import PaperCore

/// Who is asking: the logged-in user, if any, and the CSRF token their forms must carry.
public struct Visitor: Sendable {
    public var user: User?
    /// The double-submit token: the `pf_csrf` cookie's value, echoed by every form and script.
    public var csrfToken: String
    /// The hash of the session cookie's token, for logging out.
    var sessionTokenHash: String?

    public init(user: User? = nil, csrfToken: String = "", sessionTokenHash: String? = nil) {
        self.user = user
        self.csrfToken = csrfToken
        self.sessionTokenHash = sessionTokenHash
    }
}

/// A request context that knows the visitor; `SessionMiddleware` fills it in.
public protocol VisitorRequestContext: RequestContext {
    var visitor: Visitor { get set }
    /// The peer's address, for rate limits.
    var clientAddress: String { get }
}

/// The context every PaperFeed request runs with.
public struct AppRequestContext: VisitorRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var visitor = Visitor()
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var clientAddress: String { remoteAddress?.ipAddress ?? "local" }
}
