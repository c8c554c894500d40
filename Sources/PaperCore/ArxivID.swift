import Foundation

/// An arXiv identifier: new style (`2608.13558`, `2608.13558v2`) or old style
/// (`hep-th/9901001v1`, `math.AG/0601001`).
///
/// `init?(parsing:)` accepts the forms people paste: `arXiv:2608.13558`, abstract and PDF URLs,
/// surrounding whitespace. The identifier keeps the version apart from the base id, so that
/// versions of one paper share a `base`.
public struct ArxivID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier without its version, e.g. `2608.13558` or `hep-th/9901001`.
    public let base: String
    /// The version number when the input named one (`v2` → 2).
    public let version: Int?

    public var description: String { version.map { "\(base)v\($0)" } ?? base }

    public init?(parsing input: String) {
        var text = Substring(input.trimmingCharacters(in: .whitespacesAndNewlines))
        for prefix in ["https://", "http://"] where text.lowercased().hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        for host in ["www.arxiv.org/", "arxiv.org/", "export.arxiv.org/"] where text.lowercased().hasPrefix(host) {
            text = text.dropFirst(host.count)
            guard let slash = text.firstIndex(of: "/") else { return nil }
            let kind = text[..<slash].lowercased()
            guard ["abs", "pdf", "html"].contains(kind) else { return nil }
            text = text[text.index(after: slash)...]
            if text.lowercased().hasSuffix(".pdf") { text = text.dropLast(4) }
            break
        }
        if text.lowercased().hasPrefix("arxiv:") { text = text.dropFirst(6) }
        while text.last == "/" { text = text.dropLast() }
        guard let parsed = Self.split(text) else { return nil }
        (base, version) = parsed
    }

    /// Splits `body[vN]` and validates the body as a new- or old-style id.
    private static func split(_ text: Substring) -> (String, Int?)? {
        var body = text
        var version: Int?
        if let v = text.lastIndex(of: "v"), v > text.startIndex,
           text[text.index(before: v)].isASCIIDigit {
            let digits = text[text.index(after: v)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits), number > 0
            else { return nil }
            version = number
            body = text[..<v]
        }
        if isNewStyle(body) { return (String(body), version) }
        if let normalised = normalisedOldStyle(body) { return (normalised, version) }
        return nil
    }

    /// `YYMM.NNNN` (2007–2014) or `YYMM.NNNNN` (from 2015).
    private static func isNewStyle(_ body: Substring) -> Bool {
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
              parts[1].allSatisfy(\.isASCIIDigit), let yymm = Int(parts[0]) else { return false }
        let year = yymm / 100, month = yymm % 100
        guard (1...12).contains(month) else { return false }
        let expectedDigits = year >= 15 ? 5 : 4
        return parts[1].count == expectedDigits && year >= 7
    }

    /// `archive[.SUBJ]/YYMMNNN`; the archive is lower-cased, the subject class upper-cased.
    private static func normalisedOldStyle(_ body: Substring) -> String? {
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let number = parts[1]
        guard number.count == 7, number.allSatisfy(\.isASCIIDigit),
              let month = Int(number.dropFirst(2).prefix(2)), (1...12).contains(month) else { return nil }
        let archiveParts = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(archiveParts.count) else { return nil }
        let archive = archiveParts[0].lowercased()
        guard archive.count >= 2, archive.allSatisfy({ $0.isLetter || $0 == "-" }),
              archive.first!.isLetter, archive.allSatisfy(\.isASCII) else { return nil }
        if archiveParts.count == 2 {
            let subject = archiveParts[1].uppercased()
            guard (1...3).contains(subject.count), subject.allSatisfy({ $0.isLetter && $0.isASCII })
            else { return nil }
            return "\(archive).\(subject)/\(number)"
        }
        return "\(archive)/\(number)"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
