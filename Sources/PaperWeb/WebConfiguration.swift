/// What the web application needs to know about where it runs. Read once by the CLI.
public struct WebConfiguration: Sendable {
    /// The interface to listen on, e.g. `127.0.0.1` or `0.0.0.0`.
    public var host: String
    public var port: Int
    /// The address people reach the service at, for absolute links in feeds and the API
    /// (e.g. `https://papers.example.org`). When `nil`, links are built from each request's
    /// `Host` header, which is right for direct access and for port 0.
    public var publicURL: String?
    public var siteName: String
    /// How long a rendered page, API answer or feed is reused for the same URL (0 turns it off).
    public var cacheSeconds: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, siteName: String = "PaperFeed",
                cacheSeconds: Int = 5) {
        self.host = host
        self.port = port
        self.publicURL = publicURL?.trimmingSuffix("/")
        self.siteName = siteName
        self.cacheSeconds = cacheSeconds
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
