import Logging
import PaperMail

/// Sends the site's one-off emails from a request; a failure becomes a 503 that says so, and
/// a server without SMTP says that instead of pretending to send.
struct SiteMail: Sendable {
    let mailer: (any Mailer)?
    let logger: Logger

    func send(_ message: MailMessage) async throws {
        guard let mailer else {
            throw RequestError(status: .serviceUnavailable,
                               message: "This server cannot send email: no SMTP server is configured (see the README, “Email”).")
        }
        do {
            try await mailer.send(message)
        } catch {
            logger.error("Could not send email: \(error)")
            throw RequestError(status: .serviceUnavailable, message: "The email could not be sent just now; please try again in a few minutes.")
        }
    }
}
