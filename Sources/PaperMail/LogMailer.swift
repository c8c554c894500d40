import Logging

/// The mailer when no SMTP server is configured: each email is written to the log (recipient,
/// subject and text), so a local instance shows its confirmation and reset links in the console.
public struct LogMailer: Mailer {
    public let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ message: MailMessage) async throws {
        let to = message.to.map(\.address).joined(separator: ", ")
        logger.notice("No SMTP server is configured; this email was not sent.\nTo: \(to)\nSubject: \(message.subject)\n\n\(message.textBody)")
    }
}
