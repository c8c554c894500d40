import Foundation

extension MailMessage {
    /// Header fields the renderer writes itself; extra headers with these names are dropped.
    static let reservedHeaders: Set<String> = [
        "from", "to", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "bcc",
    ]

    /// The message as RFC 5322 text: CRLF line endings, 7-bit (UTF-8 bodies quoted-printable,
    /// non-ASCII header text in RFC 2047 encoded words), every line at most 998 octets.
    ///
    /// `boundary` is for tests that want a fixed output; it must not occur in the bodies
    /// (the default starts with `=_`, which quoted-printable text never contains).
    public func rendered(boundary: String? = nil) -> String {
        var out = MIME.header("Date", MIME.date(date))
        out += MIME.header("From", MIME.address(from))
        out += MIME.header("To", to.map(MIME.address).joined(separator: ", "))
        out += MIME.header("Subject", MIME.headerText(subject))
        out += MIME.header("Message-ID", "<\(messageID)>")
        out += "MIME-Version: 1.0\r\n"
        for (name, value) in headers where Self.isValidFieldName(name)
            && !Self.reservedHeaders.contains(name.lowercased()) {
            out += MIME.header(name, MIME.headerText(value, strict: false))
        }
        guard let htmlBody else {
            return out + Self.part(contentType: "text/plain", body: textBody)
        }
        let boundary = boundary ?? "=_PaperFeed_\(UUID().uuidString.lowercased())"
        out += "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n"
        out += "This is a multi-part message in MIME format.\r\n"
        out += "--\(boundary)\r\n" + Self.part(contentType: "text/plain", body: textBody) + "\r\n"
        out += "--\(boundary)\r\n" + Self.part(contentType: "text/html", body: htmlBody) + "\r\n"
        return out + "--\(boundary)--\r\n"
    }

    /// The MIME header fields and body of one text part, ending in CRLF.
    private static func part(contentType: String, body: String) -> String {
        var encoded = MIME.quotedPrintable(body)
        if !encoded.hasSuffix("\r\n") { encoded += "\r\n" }
        return "Content-Type: \(contentType); charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + encoded
    }

    /// RFC 5322 §3.6.8: printable ASCII except the colon; also keeps CR/LF injection out.
    private static func isValidFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != ":" }
    }
}
