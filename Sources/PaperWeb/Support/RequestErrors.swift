import Hummingbird

/// A request the service cannot answer as asked: bad parameters (400) or an unknown thing (404).
/// The message is shown to the person or client that sent it.
struct RequestError: Error {
    let status: HTTPResponse.Status
    let message: String

    static func badRequest(_ message: String) -> RequestError { RequestError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> RequestError { RequestError(status: .notFound, message: message) }
}

extension Request {
    /// The query parameter `name`, or `nil` when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters[name[...]], !value.isEmpty else { return nil }
        return String(value)
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
