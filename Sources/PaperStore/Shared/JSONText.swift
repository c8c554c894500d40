import PaperCore

/// Writes the small JSON arrays the papers table keeps (authors, keywords) by hand: byte for
/// byte what `JSONEncoder` with sorted keys writes, at a fraction of its cost on the import path.
enum JSONText {
    static func authors(_ authors: [Author]) -> String {
        var out = "["
        for (index, author) in authors.enumerated() {
            if index > 0 { out += "," }
            out += "{\"name\":"
            append(author.name, to: &out)
            if let user = author.user {
                out += ",\"user\":"
                append(user, to: &out)
            }
            out += "}"
        }
        return out + "]"
    }

    static func strings(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            append(value, to: &out)
        }
        return out + "]"
    }

    private static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
