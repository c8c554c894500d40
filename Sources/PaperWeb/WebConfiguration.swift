/// What the web application needs to know about where it runs. Read once by the CLI.
public struct WebConfiguration: Sendable {
    /// The interface to listen on, e.g. `127.0.0.1` or `0.0.0.0`.
    public var host: String
    public var port: Int
    /// The address people reach the service at, for absolute links in feeds and the API
    /// (e.g. `https://papers.example.org`); defaults to `http://host:port`.
    public var publicURL: String
    public var siteName: String

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, siteName: String = "PaperFeed") {
        self.host = host
        self.port = port
        self.publicURL = (publicURL ?? "http://\(host):\(port)").trimmingSuffix("/")
        self.siteName = siteName
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
