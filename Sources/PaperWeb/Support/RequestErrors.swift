import Foundation
import Hummingbird

/// A request the service cannot answer as asked: bad parameters (400) or an unknown thing (404).
/// The message is shown to the person or client that sent it.
struct RequestError: Error {
    let status: HTTPResponse.Status
    let message: String

    static func badRequest(_ message: String) -> RequestError { RequestError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> RequestError { RequestError(status: .notFound, message: message) }
    static func forbidden(_ message: String) -> RequestError { RequestError(status: .forbidden, message: message) }
    static func conflict(_ message: String) -> RequestError { RequestError(status: .conflict, message: message) }
    static func tooManyRequests(_ message: String) -> RequestError { RequestError(status: .tooManyRequests, message: message) }
}

extension Request {
    /// The query parameter `name`, or `nil` when absent or empty. A `+` means a space, as HTML
    /// forms send it (`%2B` is a plus sign).
    func query(_ name: String) -> String? {
        guard let raw = uri.query else { return nil }
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding == name else { continue }
            let value = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" : ""
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// An integer query parameter within `range`; absent means `defaultValue`, anything else is a 400.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw RequestError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }
}
