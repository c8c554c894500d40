import Synchronization

/// The address every absolute link PaperFeed writes starts with (feeds, `Link` headers, emails):
/// the configured public URL, else the address the server listens on. Never a request's `Host`
/// header, which the visitor chooses: a forged one must not reach a password-reset email or an
/// answer the cache shares with everyone.
///
/// Without a public URL the listening port is known only once the server is bound (port 0), so
/// `listening(on:)` sets it then; before that (and in router tests) it is the configured port.
final class SiteAddress: Sendable {
    private let url: Mutex<String>
    /// Whether the address came from configuration (and so stays as it is).
    let isConfigured: Bool
    private let host: String

    init(configuration: WebConfiguration) {
        isConfigured = configuration.publicURL != nil
        host = configuration.host
        url = Mutex(configuration.publicURL ?? Self.listeningURL(host: configuration.host, port: configuration.port))
    }

    /// The site's root, without a trailing slash, e.g. `https://papers.example.org`.
    var root: String { url.withLock { $0 } }

    /// `path` (starting with `/`) as an absolute URL.
    func absolute(_ path: String) -> String { root + path }

    /// Records the port the server is bound to, when no public URL was configured.
    func listening(on port: Int) {
        guard !isConfigured else { return }
        url.withLock { $0 = Self.listeningURL(host: host, port: port) }
    }

    private static func listeningURL(host: String, port: Int) -> String {
        // IPv6 literals need brackets in a URL; an unspecified address is reachable as loopback
        // from this machine at least, and start-up says to set the public URL.
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)"
    }
}
