import AsyncHTTPClient
import Foundation
import PaperCore

/// Looks papers up one at a time in the arXiv API (`/api/query?id_list=…`), politely: requests
/// from all callers of one client are spaced by `minimumInterval`, and arXiv's `503`/`429` with
/// `Retry-After` is waited out before asking again.
///
/// Copies of a client share one spacing, so hand one client to everything that asks arXiv.
/// The default `HTTPClient.shared` needs no shutdown; a client passed in stays its owner's to
/// shut down.
public struct ArxivAPIClient: PaperLookup {
    /// How to reach arXiv and how patiently.
    public struct Configuration: Sendable, Hashable {
        /// Scheme, host and optional port of the API, without a trailing path
        /// (`https://export.arxiv.org`; a local server in tests).
        public var baseURL: String
        /// The least time between the starts of two requests (arXiv asks for 3 seconds).
        public var minimumInterval: Duration
        /// How many requests one lookup may make when arXiv answers `503`/`429`.
        public var maximumAttempts: Int
        /// The longest wait a `Retry-After` is honoured for; a longer one is cut to this.
        public var maximumRetryWait: Duration
        /// How long one request may take, from sending it to the last byte of the answer.
        public var requestTimeout: Duration
        /// The `User-Agent` header; operators may add a contact address, as arXiv asks.
        public var userAgent: String

        /// The defaults suit the public arXiv API.
        public init(
            baseURL: String = "https://export.arxiv.org",
            minimumInterval: Duration = .seconds(3),
            maximumAttempts: Int = 3,
            maximumRetryWait: Duration = .seconds(30),
            requestTimeout: Duration = .seconds(15),
            userAgent: String = "PaperFeed/1.0 (self-hosted paper feed; arXiv lookup on paper submission)"
        ) {
            self.baseURL = baseURL
            self.minimumInterval = minimumInterval
            self.maximumAttempts = maximumAttempts
            self.maximumRetryWait = maximumRetryWait
            self.requestTimeout = requestTimeout
            self.userAgent = userAgent
        }
    }

    /// The settings this client was made with.
    public let configuration: Configuration
    private let http: PoliteHTTPClient

    /// A client that asks `configuration.baseURL` through `httpClient`.
    public init(configuration: Configuration = Configuration(), httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.http = PoliteHTTPClient(settings: HTTPPoliteness(
            minimumInterval: configuration.minimumInterval, maximumAttempts: configuration.maximumAttempts,
            maximumRetryWait: configuration.maximumRetryWait, requestTimeout: configuration.requestTimeout,
            userAgent: configuration.userAgent
        ), maximumBodyBytes: Self.maximumBodyBytes, httpClient: httpClient)
    }

    /// The paper arXiv has under `id` (its latest version), or `nil` when arXiv knows no such
    /// paper or calls the id malformed.
    ///
    /// - Throws: `PaperLookupError.unavailable` when arXiv cannot be reached, times out, or is
    ///   still busy after `maximumAttempts`; `.badResponse` for another non-2xx status or a body
    ///   that is not an Atom feed; `CancellationError` when the calling task is cancelled.
    public func paper(arxiv id: ArxivID) async throws -> Paper? {
        let answer: HTTPAnswer
        do {
            answer = try await http.get(url(for: id), accept: "application/atom+xml")
        } catch let failure as PoliteHTTPClient.Failure {
            if case .tooLarge = failure { throw PaperLookupError.badResponse(failure.description) }
            throw PaperLookupError.unavailable(failure.description)
        }
        return try Self.interpret(answer, for: id)
    }

    /// `{base}/api/query?id_list={id}&max_results=1`.
    ///
    /// The id is sent without its version, so that arXiv answers with the paper's latest
    /// version, and with an old-style id's subject class dropped (`math.AG/0601001` is
    /// `math/0601001` to arXiv).
    func url(for id: ArxivID) -> String {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let canonical = Self.canonical(id.base)
        let encoded = canonical.addingPercentEncoding(withAllowedCharacters: Self.queryValueAllowed) ?? canonical
        return "\(base)/api/query?id_list=\(encoded)&max_results=1"
    }

    /// The largest answer read; one entry is a few kilobytes.
    static let maximumBodyBytes = 4 << 20

    /// Unreserved characters (RFC 3986); `/` and `,` are escaped as arXiv's own links do.
    static let queryValueAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )
}
