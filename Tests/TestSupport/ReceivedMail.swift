import Foundation

/// A message as the test SMTP server stored it, taken apart simply: header fields (unfolded,
/// RFC 2047 decoded on request) and the text parts of a multipart body, decoded.
public struct ReceivedMail: Sendable {
    public struct Part: Sendable {
        public var headers: [(name: String, value: String)]
        public var body: String
        public var contentType: String { headers.first { $0.name.lowercased() == "content-type" }?.value ?? "text/plain" }
    }

    public let raw: String
    public let headers: [(name: String, value: String)]
    public let parts: [Part]
    public let envelopeFrom: String
    public let envelopeTo: [String]
    public let login: String?

    public init(raw data: Data, envelope: Data) throws {
        raw = String(decoding: data, as: UTF8.self)
        let (headers, body) = Self.split(raw)
        self.headers = headers
        let top = Part(headers: headers, body: body)
        if let boundary = Self.parameter("boundary", of: top.contentType) {
            parts = body.components(separatedBy: "--\(boundary)").dropFirst().filter { !$0.hasPrefix("--") }.map {
                // The line break before a boundary belongs to the boundary (RFC 2046 §5.1.1).
                let part = $0.drop { $0 == "\r\n" || $0 == "\n" }
                let (partHeaders, partBody) = Self.split(String(part.hasSuffix("\n") ? part.dropLast() : part))
                return Part(headers: partHeaders, body: Self.decodeBody(partBody, headers: partHeaders))
            }
        } else {
            parts = [Part(headers: headers, body: Self.decodeBody(body, headers: headers))]
        }
        let json = try JSONSerialization.jsonObject(with: envelope) as? [String: Any] ?? [:]
        envelopeFrom = json["mail_from"] as? String ?? ""
        envelopeTo = json["rcpt_tos"] as? [String] ?? []
        login = json["login"] as? String
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The header's text with RFC 2047 encoded words decoded.
    public func decodedHeader(_ name: String) -> String? {
        header(name).map(Self.decodeWords)
    }

    public var text: String? { parts.first { $0.contentType.hasPrefix("text/plain") }?.body }
    public var html: String? { parts.first { $0.contentType.hasPrefix("text/html") }?.body }

    /// Header fields (continuation lines joined) and the body after the blank line.
    static func split(_ text: String) -> ([(name: String, value: String)], String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let pieces = normalized.components(separatedBy: "\n\n")
        var headers: [(name: String, value: String)] = []
        for line in pieces[0].split(separator: "\n") {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += String(line)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return (headers, pieces.dropFirst().joined(separator: "\n\n"))
    }

    static func parameter(_ name: String, of value: String) -> String? {
        guard let range = value.range(of: "\(name)=") else { return nil }
        let rest = value[range.upperBound...]
        if rest.first == "\"" { return String(rest.dropFirst().prefix { $0 != "\"" }) }
        return String(rest.prefix { $0 != ";" && $0 != " " })
    }

    static func decodeBody(_ body: String, headers: [(name: String, value: String)]) -> String {
        let encoding = headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value.lowercased()
        switch encoding {
        case "quoted-printable": return decodeQuotedPrintable(body)
        case "base64":
            return String(decoding: Data(base64Encoded: body.filter { !$0.isWhitespace }) ?? Data(), as: UTF8.self)
        default: return body
        }
    }

    public static func decodeQuotedPrintable(_ text: String) -> String {
        let joined = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < joined.count {
            if joined[index] == UInt8(ascii: "="), index + 2 < joined.count,
               let byte = UInt8(String(decoding: joined[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func decodeWords(_ value: String) -> String {
        // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
        let joined = value.replacing(/\?=\s+=\?/, with: "?==?")
        return joined.replacing(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/) { match in
            let payload = String(match.output.3)
            if match.output.2.lowercased() == "b" {
                return String(decoding: Data(base64Encoded: payload) ?? Data(), as: UTF8.self)
            }
            return decodeQuotedPrintable(payload.replacingOccurrences(of: "_", with: " "))
        }
    }
}
