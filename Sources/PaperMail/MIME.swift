import Foundation

/// The encodings an RFC 5322 / MIME message needs: quoted-printable bodies, RFC 2047 encoded
/// words, header folding and the date format.
enum MIME {
    /// Splits on CRLF, CR or LF alike, so bodies written with `\n` go out with CRLF.
    static func lines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Quoted-printable (RFC 2045 §6.7) of the UTF-8 bytes of `text`: hard line breaks become
    /// CRLF, encoded lines are at most 76 characters with `=` soft breaks.
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        for (index, line) in lines(text).enumerated() {
            if index > 0 { out += "\r\n" }
            var current = ""
            let bytes = Array(line.utf8)
            for (position, byte) in bytes.enumerated() {
                let isLast = position == bytes.count - 1
                let mustEncode = byte == 0x3D || byte > 0x7E || (byte < 0x20 && byte != 0x09)
                    // Whitespace at the end of a line would be stripped in transit.
                    || ((byte == 0x20 || byte == 0x09) && isLast)
                let token = mustEncode ? String(format: "=%02X", byte) : String(UnicodeScalar(byte))
                // A line that goes on needs room for its trailing soft-break `=`.
                if current.utf8.count + token.utf8.count > (isLast ? 76 : 75) {
                    out += current + "=\r\n"
                    current = ""
                }
                current += token
            }
            out += current
        }
        return out
    }

    /// Whether `text` can stand in a header as it is: printable ASCII and spaces, and nothing
    /// that a reader would take for the start of an encoded word.
    static func isPlainHeaderText(_ text: String) -> Bool {
        !text.contains("=?") && text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// RFC 2047 `B` encoded words for `text`, each at most 75 characters, never splitting a
    /// character's UTF-8 bytes between two words (a decoder treats each word on its own).
    static func encodedWords(_ text: String) -> [String] {
        // 39 bytes → 52 base64 characters + 12 for `=?UTF-8?B?` and `?=`: the first word still
        // fits in 78 characters after a header name like `Subject: `.
        let maxBytes = 39
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
        }
        return words
    }

    /// Unstructured header text (Subject): as it is when plain ASCII, else encoded words.
    /// `strict: false` keeps ASCII that contains `=?` as it is (a URL in List-Unsubscribe).
    static func headerText(_ text: String, strict: Bool = true) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let plain = strict ? isPlainHeaderText(flat) : flat.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        return plain ? flat : encodedWords(flat).joined(separator: " ")
    }

    /// An address for From/To: `"Name" <a@b>`, `=?UTF-8?B?…?= <a@b>` or `a@b`.
    static func address(_ address: MailAddress) -> String {
        guard let name = address.name?.replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " "), !name.isEmpty else { return address.address }
        if !isPlainHeaderText(name) {
            return encodedWords(name).joined(separator: " ") + " <\(address.address)>"
        }
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " !#$%&'*+-/=?^_`{|}~"))
        if name.unicodeScalars.allSatisfy({ atext.contains($0) }) { return "\(name) <\(address.address)>" }
        let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(quoted)\" <\(address.address)>"
    }

    /// `Name: value` folded at spaces into lines of at most 78 characters where the words
    /// allow (RFC 5322 §2.1.1), each line ending in CRLF.
    static func header(_ name: String, _ value: String) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: true)
        var out = ""
        var line = "\(name):"
        for word in words {
            if line.utf8.count + 1 + word.utf8.count > 78, line != "\(name):" {
                out += line + "\r\n"
                line = ""
            }
            line += " " + word
        }
        return out + line + "\r\n"
    }

    /// RFC 5322 date-time in UTC: `Tue, 11 Mar 2025 07:00:00 +0000`.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = String(format: "%04d %02d:%02d:%02d", c.year!, c.hour!, c.minute!, c.second!)
        return "\(days[c.weekday! - 1]), \(String(format: "%02d", c.day!)) \(months[c.month! - 1]) \(time) +0000"
    }
}
