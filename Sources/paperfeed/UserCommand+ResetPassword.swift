import ArgumentParser
import Foundation
import PaperAccounts
import PaperCore

extension UserCommand {
    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Print a one-time link with which the account's owner chooses a new password.",
            discussion: """
                The link is the one the site's "Forgot password" form emails: it works once, for an hour, and choosing \
                a new password with it logs the account out everywhere. It starts with PAPERFEED_PUBLIC_URL (else \
                http://PAPERFEED_HOST:PAPERFEED_PORT), so set that as `serve` has it. Nothing is emailed: pass the link on \
                yourself. A disabled account gets no link; enable it first.
                """
        )

        @OptionGroup var account: AccountOptions

        func run() async throws {
            let settings = try await Settings.load(overrides: [:])
            if settings.publicURL == nil {
                StandardError.write("PAPERFEED_PUBLIC_URL is not set: the link starts with \(settings.siteURL()).\n")
            }
            try await account.withAccount { database, user in
                guard let link = try await PasswordResets(accounts: database, clock: SystemClock()).issue(for: user) else {
                    throw CommandFailure("The account '\(user.name)' is disabled; enable it first: paperfeed user enable --name \(user.name)")
                }
                StandardOutput.line("A link for \(user.name) to choose a new password; it works once, and expires in an hour, at \(link.expiresAt.formatted(.iso8601)):")
                StandardOutput.line(settings.siteURL() + link.path)
            }
        }
    }
}
