import Foundation
import PaperCore

/// The one-off emails the site sends people — a password-reset link, a digest confirmation —
/// written beside the digest they belong with. Links are absolute and made by the caller from
/// the configured site address, never from a request.
public struct AccountEmails: Sendable {
    public let siteName: String
    public let from: MailAddress

    public init(siteName: String, from: MailAddress) {
        self.siteName = siteName
        self.from = from
    }

    /// A link to choose a new password, valid for an hour.
    public func passwordReset(to address: String, name: String, link: String, date: Date) -> MailMessage {
        message(to: address, subject: "Reset your \(siteName) password", date: date, text: """
            Hello \(name),

            someone (hopefully you) asked to reset your password. Choose a new one here within an hour:

            \(link)

            If it was not you, ignore this email: your password stays as it is.
            """)
    }

    /// The double opt-in: nothing is sent to `address` until its owner follows `link`.
    public func confirmSubscription(to address: String, frequency: DigestFrequency, link: String, date: Date) -> MailMessage {
        message(to: address, subject: "Confirm your \(siteName) digest subscription", date: date, text: """
            Hello,

            someone (hopefully you) asked for the \(frequency.rawValue) digest of trending papers from \(siteName) at this address.
            Confirm here:

            \(link)

            If it was not you, ignore this email and nothing will be sent.
            """)
    }

    /// To an address subscribed already: someone asked again, maybe for the other frequency,
    /// which `switchLink` (given when it differs) changes to.
    public func alreadySubscribed(to address: String, current: DigestFrequency, wanted: DigestFrequency,
                                  switchLink: String?, date: Date) -> MailMessage {
        var text = "Hello,\n\nsomeone (hopefully you) asked \(siteName) for its \(wanted.rawValue) digest at this address, "
            + "which already gets the \(current.rawValue) one."
        if let switchLink {
            text += " To switch to the \(wanted.rawValue) digest, follow this link:\n\n\(switchLink)\n\nOtherwise ignore this email: nothing changes."
        } else {
            text += " Nothing changes."
        }
        return message(to: address, subject: "Your \(siteName) digest subscription", date: date, text: text)
    }

    private func message(to address: String, subject: String, date: Date, text: String) -> MailMessage {
        MailMessage(from: from, to: MailAddress(address), subject: subject, textBody: text, date: date)
    }
}
