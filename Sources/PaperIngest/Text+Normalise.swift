import Foundation

extension StringProtocol {
    /// The text with leading and trailing whitespace removed and every inner run of whitespace
    /// (spaces, tabs, line breaks) replaced by one space. Other ASCII control characters (NUL
    /// among them, which PostgreSQL refuses in text) count as whitespace.
    ///
    /// arXiv hard-wraps titles and abstracts (`"…Sparse\n  Autoencoders"`); this gives the
    /// single-line form people read and search. Works on UTF-8 bytes because it runs once per
    /// field on the snapshot import's hot path.
    var collapsingWhitespace: String {
        var source = String(self)
        return source.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingSpace = false
                for byte in bytes {
                    if byte <= 0x20 || byte == 0x7F {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace {
                            output[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        output[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
    }

    /// The text without leading and trailing whitespace (Unicode's, not only ASCII), and
    /// without NUL characters, which no text column of PostgreSQL takes.
    var trimmed: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        var start = startIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        let text = String(self[start..<end])
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{0}" })).trimmed
    }

    /// `nil` for an empty or all-whitespace string, else the trimmed text.
    var nonEmpty: String? {
        let text = trimmed
        return text.isEmpty ? nil : text
    }
}

extension Optional where Wrapped: StringProtocol {
    /// `nil` when absent, empty or all whitespace; else the trimmed text.
    var nonEmpty: String? { self?.nonEmpty }
}

extension UInt8 {
    /// Space, tab, line feed, vertical tab, form feed, carriage return.
    var isASCIIWhitespace: Bool {
        self == 0x20 || (0x09...0x0D).contains(self)
    }
}

/// Splits an arXiv author list (`"A. B, C. D, and E. F"`, `"A and B"`) into names.
///
/// Commas inside parentheses belong to affiliations (`"A (MIT, USA), B"`), so they do not
/// split; the parenthesised affiliations themselves are dropped from the names.
func splitAuthorList(_ text: String) -> [String] {
    var names: [String] = []
    var current = ""
    var depth = 0
    for character in text.collapsingWhitespace {
        switch character {
        case "(":
            depth += 1
        case ")":
            depth = Swift.max(0, depth - 1)
        case "," where depth == 0:
            names.append(current)
            current = ""
        default:
            if depth == 0 { current.append(character) }
        }
    }
    names.append(current)
    return names
        .flatMap { $0.components(separatedBy: " and ") }
        .map { part in
            let name = part.collapsingWhitespace
            return name.hasPrefix("and ") ? String(name.dropFirst(4)) : name
        }
        .filter { !$0.isEmpty && $0 != "and" }
}
