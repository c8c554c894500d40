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

    init(values: [String: String]) {
        self.values = values
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
    /// A path that takes a file (`UploadForm`) accepts `multipart/form-data` up to its own limit.
    static func read(_ request: inout Request) async throws -> FormFields {
        let type = request.headers[.contentType] ?? ""
        let upload = UploadForm.accepts(request.uri.path)
        let boundary = upload ? UploadForm.boundary(type) : nil
        guard type.hasPrefix("application/x-www-form-urlencoded") || boundary != nil else { return FormFields("") }
        let limit = upload ? UploadForm.maxBodySize : maxBodySize
        let tooLarge = RequestError(status: .contentTooLarge, message: upload
            ? "This file is larger than \(limit / (1024 * 1024)) MB: import it in parts."
            : "This form is larger than \(limit / 1024) KB; shorten what you typed and send it again.")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        do {
            let body = try await request.collectBody(upTo: limit)
            if let boundary { return FormFields(values: UploadForm.fields(Array(body.readableBytesView), boundary: boundary)) }
            return FormFields(String(decoding: body.readableBytesView, as: UTF8.self))
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }
}
