import AsyncHTTPClient
import Foundation

extension PoliteHTTPClient {
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

/// A request ran past the client's `requestTimeout`.
struct RequestTimedOut: Error {}
