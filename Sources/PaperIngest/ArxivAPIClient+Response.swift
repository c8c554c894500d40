import AsyncHTTPClient
import Foundation
import PaperCore

extension ArxivAPIClient {
    /// The paper an answer other than `503`/`429` carries for `id`.
    ///
    /// arXiv reports a malformed id as an Atom feed whose one entry has an id under
    /// `/api/errors` (with HTTP 400); that, like a feed without a matching entry, means
    /// "no such paper".
    static func interpret(_ answer: HTTPAnswer, for id: ArxivID) throws -> Paper? {
        let success = (200..<300).contains(answer.status)
        guard success || answer.status == 400 else {
            throw PaperLookupError.badResponse("HTTP \(answer.status)")
        }
        let feed: AtomFeed
        do {
            feed = try AtomFeedParser.parse(answer.body)
        } catch let error as DocumentError where error.reason.hasPrefix(apiErrorPrefix) {
            return nil
        } catch {
            throw PaperLookupError.badResponse(success ? String(describing: error) : "HTTP \(answer.status)")
        }
        guard success else { throw PaperLookupError.badResponse("HTTP \(answer.status)") }
        let wanted = canonical(id.base)
        return feed.papers.first { canonical($0.id.rawValue) == wanted }
    }

    /// How `AtomFeedParser` words arXiv's error entry (see its `parse` documentation).
    private static let apiErrorPrefix = "arXiv API error"

    /// An id as arXiv files it: an old-style id without its subject class
    /// (`math.AG/0601001` → `math/0601001`); a new-style id unchanged.
    static func canonical(_ base: String) -> String {
        guard let slash = base.firstIndex(of: "/") else { return base }
        let archive = base[..<slash]
        guard let dot = archive.firstIndex(of: ".") else { return base }
        return String(archive[..<dot]) + String(base[slash...])
    }

    /// The wait a `Retry-After` header asks for: delay-seconds, or an HTTP date
    /// (RFC 9110 §10.2.3). `nil` when absent or unreadable.
    static func retryAfter(_ values: [String], now: Date = Date()) -> Duration? {
        guard let value = values.first?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        // A date centuries away must not overflow Int64: past a day, the wait is a day.
        let milliseconds = date.timeIntervalSince(now) * 1000
        guard milliseconds.isFinite, milliseconds > 0 else { return milliseconds.isNaN ? nil : .zero }
        return .milliseconds(Int64(min(milliseconds, 86_400_000)))
    }

    /// Runs `operation`, failing with `RequestTimedOut` when it takes longer than `timeout`.
    ///
    /// AsyncHTTPClient's deadline covers only the wait for the response head; this covers the
    /// body too.
    static func withTimeout<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask(operation: operation)
            group.addTask {
                try await Task.sleep(for: timeout)
                throw RequestTimedOut()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw RequestTimedOut() }
            return first
        }
    }

    /// Why a request failed, in a few words for `PaperLookupError.unavailable`.
    static func reason(for error: any Error, timeout: Duration) -> String {
        if error is RequestTimedOut { return "no answer within \(timeout)" }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout: return "no answer within \(timeout)"
            case .connectTimeout: return "connection timed out"
            case .remoteConnectionClosed: return "connection closed by the server"
            default: break
            }
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }
}

/// A request ran past the client's `requestTimeout`.
struct RequestTimedOut: Error {}
