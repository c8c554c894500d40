import Foundation
import Hummingbird

/// Forms that carry a file: a collection's import (`POST /u/{name}/collections/{slug}/import`)
/// and the for-you page's (`POST /papers/for-you/import`, into "Saved"), sent as
/// `multipart/form-data` (or as an ordinary form with the text pasted) up to 2 MB.
/// Everywhere else a form stays within `FormFields.maxBodySize`.
enum UploadForm {
    static let maxBodySize = 2 * 1024 * 1024
    static let forYouPath = "/papers/for-you/import"

    static func accepts(_ path: String) -> Bool {
        (path.hasPrefix("/u/") && path.hasSuffix("/import")) || path == forYouPath
    }

    /// The largest upload in whole megabytes, for the forms' hints.
    static var maxMegabytes: Int { maxBodySize / (1024 * 1024) }

    /// The boundary of a `multipart/form-data` content type, when it has a usable one.
    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// The fields of a multipart body: each part's `name` and its content as text (a file's
    /// bytes read as UTF-8, invalid sequences replaced). Parts without a name are skipped.
    static func fields(_ body: [UInt8], boundary: String) -> [String: String] {
        let delimiter = Array(("--" + boundary).utf8)
        var values: [String: String] = [:]
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            if let start { parts.append(body[start..<found]) }
            index = found + delimiter.count
            start = index
        }
        let separator = Array("\r\n\r\n".utf8)
        for var part in parts {
            if part.starts(with: Array("\r\n".utf8)) { part = part.dropFirst(2) }
            if part.suffix(2).elementsEqual(Array("\r\n".utf8)) { part = part.dropLast(2) }
            guard let split = find(separator, in: Array(part), from: 0) else { continue }
            let bytes = Array(part)
            let head = String(decoding: bytes[..<split], as: UTF8.self)
            guard let name = Self.name(inHeaders: head), values[name] == nil else { continue }
            values[name] = String(decoding: bytes[(split + separator.count)...], as: UTF8.self)
        }
        return values
    }

    private static func name(inHeaders head: String) -> String? {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard let range = line.range(of: "name=\"") else { return nil }
            let rest = line[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
