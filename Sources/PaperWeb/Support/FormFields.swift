import Foundation
import Hummingbird
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` body (or a query string).
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]

    init(_ encoded: String) {
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The field trimmed of surrounding white space, `nil` when missing or empty.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Largest form body accepted (comments are the longest: 10,000 characters).
    static let maxBodySize = 64 * 1024

    /// Reads the form of `request`; the body stays readable for the handler after this. A body
    /// over `maxBodySize` is a 413, refused on its `Content-Length` before it is read.
    static func read(_ request: inout Request) async throws -> FormFields {
        let type = request.headers[.contentType] ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return FormFields("") }
        let tooLarge = RequestError(status: .contentTooLarge,
                                    message: "This form is larger than \(maxBodySize / 1024) KB; shorten what you typed and send it again.")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodySize { throw tooLarge }
        do {
            return FormFields(String(decoding: try await request.collectBody(upTo: maxBodySize).readableBytesView, as: UTF8.self))
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }
}
