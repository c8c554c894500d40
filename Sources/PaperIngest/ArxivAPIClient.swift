import AsyncHTTPClient
import Foundation
import NIOCore
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
    private let httpClient: HTTPClient
    private let spacer: RequestSpacer

    /// A client that asks `configuration.baseURL` through `httpClient`.
    public init(configuration: Configuration = Configuration(), httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.spacer = RequestSpacer(interval: configuration.minimumInterval)
    }

    /// The paper arXiv has under `id` (its latest version), or `nil` when arXiv knows no such
    /// paper or calls the id malformed.
    ///
    /// - Throws: `PaperLookupError.unavailable` when arXiv cannot be reached, times out, or is
    ///   still busy after `maximumAttempts`; `.badResponse` for another non-2xx status or a body
    ///   that is not an Atom feed; `CancellationError` when the calling task is cancelled.
    public func paper(arxiv id: ArxivID) async throws -> Paper? {
        let request = makeRequest(for: id)
        let attempts = max(1, configuration.maximumAttempts)
        var lastStatus = 0
        for attempt in 1...attempts {
            try await spacer.waitForTurn()
            let answer = try await fetch(request)
            guard answer.status == 503 || answer.status == 429 else {
                return try Self.interpret(answer, for: id)
            }
            lastStatus = answer.status
            if attempt < attempts {
                let asked = Self.retryAfter(answer.headerValues("Retry-After")) ?? .zero
                await spacer.holdOff(for: min(asked, configuration.maximumRetryWait))
            }
        }
        throw PaperLookupError.unavailable("HTTP \(lastStatus) \(attempts) times")
    }

    /// `GET {base}/api/query?id_list={id}&max_results=1`.
    ///
    /// The id is sent without its version, so that arXiv answers with the paper's latest
    /// version, and with an old-style id's subject class dropped (`math.AG/0601001` is
    /// `math/0601001` to arXiv).
    func makeRequest(for id: ArxivID) -> HTTPClientRequest {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let canonical = Self.canonical(id.base)
        let encoded = canonical.addingPercentEncoding(withAllowedCharacters: Self.queryValueAllowed) ?? canonical
        var request = HTTPClientRequest(url: "\(base)/api/query?id_list=\(encoded)&max_results=1")
        request.method = .GET
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: "application/atom+xml")
        return request
    }

    /// Sends `request` once, mapping every failure to reach arXiv to `.unavailable`.
    private func fetch(_ request: HTTPClientRequest) async throws -> HTTPAnswer {
        let timeout = configuration.requestTimeout
        let client = httpClient
        do {
            // AsyncHTTPClient's deadline ends with the response head (and reports why it could
            // not connect); the body gets what is left of the timeout.
            let deadline = ContinuousClock.now + timeout
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.clampedNanoseconds))
            let body = try await Self.withTimeout(deadline - .now) {
                try await response.body.collect(upTo: Self.maximumBodyBytes)
            }
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            return HTTPAnswer(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch is NIOTooManyBytesError {
            throw PaperLookupError.badResponse("answer larger than \(Self.maximumBodyBytes) bytes")
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw PaperLookupError.unavailable(Self.reason(for: error, timeout: timeout))
        }
    }

    /// The largest answer read; one entry is a few kilobytes.
    static let maximumBodyBytes = 4 << 20

    /// Unreserved characters (RFC 3986); `/` and `,` are escaped as arXiv's own links do.
    private static let queryValueAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )
}

/// What one request brought back, read in full.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    /// The values of the header `name`, compared case-insensitively.
    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}

extension Duration {
    /// Whole nanoseconds, clamped to what `Int64` holds.
    var clampedNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow2 ? (seconds < 0 ? .min : .max) : total
    }
}
