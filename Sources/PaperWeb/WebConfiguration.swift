/// What the web application needs to know about where it runs. Read once by the CLI.
public struct WebConfiguration: Sendable {
    /// The interface to listen on, e.g. `127.0.0.1` or `0.0.0.0`.
    public var host: String
    public var port: Int
    /// The address people reach the service at, for absolute links in emails, feeds and the API
    /// (e.g. `https://papers.example.org`). When `nil`, links use the address the server
    /// listens on (`http://host:port`, the real port when `port` is 0); never a request's `Host`.
    public var publicURL: String?
    public var siteName: String
    /// How long a rendered page, API answer or feed is reused for the same URL (0 turns it off).
    public var cacheSeconds: Int
    /// The most bytes the response cache holds; older answers make room for newer ones.
    public var cacheBytes: Int
    /// How long a connection may go without sending a complete request before it is closed
    /// (also how long an idle keep-alive connection stays open).
    public var idleTimeout: Duration
    /// bcrypt's cost for new password hashes (12 takes about a quarter of a second).
    public var passwordCost: UInt8
    public var rateLimits: RateLimits
    /// The sender of confirmation and password-reset emails.
    public var mailFrom: String
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the visitor (for rate limits).
    public var trustedProxies: Set<String>

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, siteName: String = "PaperFeed",
                cacheSeconds: Int = 5, cacheBytes: Int = 64 << 20, idleTimeout: Duration = .seconds(30),
                passwordCost: UInt8 = 12, rateLimits: RateLimits = RateLimits(), mailFrom: String = "paperfeed@localhost",
                trustedProxies: Set<String> = []) {
        self.host = host
        self.port = port
        self.publicURL = publicURL?.trimmingSuffix("/")
        self.siteName = siteName
        self.cacheSeconds = cacheSeconds
        self.cacheBytes = cacheBytes
        self.idleTimeout = idleTimeout
        self.passwordCost = passwordCost
        self.rateLimits = rateLimits
        self.mailFrom = mailFrom
        self.trustedProxies = trustedProxies
    }

    /// Cookies are marked Secure when the site is served over HTTPS.
    var secureCookies: Bool { publicURL?.hasPrefix("https://") ?? false }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
