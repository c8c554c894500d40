import Foundation

/// An email to send: addresses, subject, a plain-text body and optionally an HTML alternative.
///
/// ``rendered()`` turns it into RFC 5322 text (MIME, UTF-8, CRLF) that ``SMTPMailer`` transmits.
public struct MailMessage: Sendable {
    /// The author; also the envelope sender (MAIL FROM).
    public var from: MailAddress
    /// The recipients; each is also an envelope recipient (RCPT TO).
    public var to: [MailAddress]
    /// Any Unicode; RFC 2047-encoded when not plain ASCII.
    public var subject: String
    /// The plain-text body; line endings are normalised to CRLF.
    public var textBody: String
    /// When set, the message is `multipart/alternative` with the text part first (RFC 2046:
    /// the last part is the preferred one).
    public var htmlBody: String?
    /// Extra header fields in order, e.g. `List-Unsubscribe`; never `From`, `To`, `Subject`,
    /// `Date`, `Message-ID` or MIME fields, which the renderer writes itself.
    public var headers: [(name: String, value: String)]
    /// The Message-ID without angle brackets: `local@domain`.
    public var messageID: String
    /// The Date header.
    public var date: Date

    /// `messageID` defaults to a random UUID at the sender's domain.
    public init(
        from: MailAddress, to: [MailAddress], subject: String, textBody: String, htmlBody: String? = nil,
        headers: [(name: String, value: String)] = [], messageID: String? = nil, date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.headers = headers
        self.messageID = messageID ?? "\(UUID().uuidString.lowercased())@\(from.domain)"
        self.date = date
    }

    /// A message to a single recipient.
    public init(
        from: MailAddress, to: MailAddress, subject: String, textBody: String, htmlBody: String? = nil,
        headers: [(name: String, value: String)] = [], messageID: String? = nil, date: Date = Date()
    ) {
        self.init(from: from, to: [to], subject: subject, textBody: textBody, htmlBody: htmlBody,
                  headers: headers, messageID: messageID, date: date)
    }

    /// The value of the first extra header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
