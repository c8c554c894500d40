import AsyncHTTPClient
import Foundation
import NIOCore

/// GET requests to one service, politely: requests from all copies of one client are spaced by
/// `minimumInterval`, a `503`/`429` with `Retry-After` (seconds or an HTTP date) is waited out
/// before asking again, a bounded number of times, and each request has a deadline that
/// covers its whole body. The arXiv API client and both harvesters send through one.
///
/// The default `HTTPClient.shared` needs no shutdown; a client passed in stays its owner's.
struct PoliteHTTPClient: Sendable {
    /// How patiently to ask.
    let settings: HTTPPoliteness
    /// The largest answer read.
    let maximumBodyBytes: Int
    /// Why a `get` brought back no answer to use.
    enum Failure: Error, Hashable, CustomStringConvertible {
        /// The server could not be reached, or did not answer in time (the reason in a few words).
        case unreachable(String)
        /// The answer was larger than `maximumBodyBytes`.
        case tooLarge(Int)
        /// The server still answered `status` (503 or 429) after `attempts` requests.
        case busy(status: Int, attempts: Int)

        var description: String {
            switch self {
            case let .unreachable(reason): reason
            case let .tooLarge(bytes): "answer larger than \(bytes) bytes"
            case let .busy(status, attempts): "HTTP \(status) \(attempts) times"
            }
        }
    }

    private let httpClient: HTTPClient
    private let spacer: RequestSpacer

    init(settings: HTTPPoliteness, maximumBodyBytes: Int, httpClient: HTTPClient = .shared) {
        self.settings = settings
        self.maximumBodyBytes = maximumBodyBytes
        self.httpClient = httpClient
        self.spacer = RequestSpacer(interval: settings.minimumInterval)
    }

    /// The first answer to `GET url` that is not a `503`/`429`.
    ///
    /// - Throws: `Failure`; `CancellationError` when the calling task is cancelled.
    func get(_ url: String, accept: String) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept", value: accept)
        let attempts = max(1, settings.maximumAttempts)
        var lastStatus = 0
        for attempt in 1...attempts {
            try await spacer.waitForTurn()
            let answer = try await fetch(request)
            guard answer.status == 503 || answer.status == 429 else { return answer }
            lastStatus = answer.status
            if attempt < attempts {
                let asked = Self.retryAfter(answer.headerValues("Retry-After")) ?? .zero
                await spacer.holdOff(for: min(asked, settings.maximumRetryWait))
            }
        }
        throw Failure.busy(status: lastStatus, attempts: attempts)
    }

    /// Sends `request` once, mapping every failure to reach the server to `.unreachable`.
    private func fetch(_ request: HTTPClientRequest) async throws -> HTTPAnswer {
        let timeout = settings.requestTimeout
        let (client, limit) = (httpClient, maximumBodyBytes)
        do {
            // AsyncHTTPClient's deadline ends with the response head (and reports why it could
            // not connect); the body gets what is left of the timeout.
            let deadline = ContinuousClock.now + timeout
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.clampedNanoseconds))
            let body = try await Self.withTimeout(deadline - .now) {
                try await response.body.collect(upTo: limit)
            }
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            return HTTPAnswer(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch is NIOTooManyBytesError {
            throw Failure.tooLarge(limit)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw Failure.unreachable(Self.reason(for: error, timeout: timeout))
        }
    }
}

/// How politely PaperFeed asks a service: one request at a time, spaced, waiting out a busy
/// server's `Retry-After` a bounded number of times, each request with a deadline.
public struct HTTPPoliteness: Sendable, Hashable {
    /// The least time between the starts of two requests.
    public var minimumInterval: Duration
    /// How many requests one answer may take while the server answers `503`/`429`.
    public var maximumAttempts: Int
    /// The longest wait a `Retry-After` is honoured for; a longer one is cut to this.
    public var maximumRetryWait: Duration
    /// How long one request may take, from sending it to the last byte of the answer.
    public var requestTimeout: Duration
    /// The `User-Agent` header; operators may add a contact address, as arXiv asks.
    public var userAgent: String

    public init(minimumInterval: Duration, maximumAttempts: Int = 5, maximumRetryWait: Duration = .seconds(120),
                requestTimeout: Duration = .seconds(120), userAgent: String) {
        self.minimumInterval = minimumInterval
        self.maximumAttempts = maximumAttempts
        self.maximumRetryWait = maximumRetryWait
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }
}
