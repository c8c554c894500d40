import ArgumentParser
import Foundation
import PaperCore
import PaperAccounts

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts: create, list, promote, demote, disable, enable, reset-password, and API tokens.",
        subcommands: [Create.self, List.self, Promote.self, Demote.self, Disable.self, Enable.self, ResetPassword.self,
                      Token.self, Tokens.self, RevokeToken.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account (the first admin, say).",
            discussion: "The password is read from standard input (one line), so it stays out of the shell history."
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "User name: 2 to 32 letters, digits, - or _.")
        var name: String

        @Option(help: "Email address (for password resets; never shown to others).")
        var email: String

        @Flag(help: "Make the account an admin (moderation, authorship claims).")
        var admin = false

        func run() async throws {
            if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data("Password: ".utf8)) }
            let password = readLine(strippingNewline: true) ?? ""
            let settings = try await Settings.load(overrides: [:])
            let passwords = Passwords(cost: UInt8(clamping: settings.passwordCost))
            try await store.withStore { database, _ in
                let registration = AccountRegistration(accounts: database, passwords: passwords, clock: SystemClock())
                do {
                    let user = try await registration.register(name: name, email: email, password: password, isAdmin: admin)
                    StandardOutput.line("Created \(user.isAdmin ? "admin" : "user") \(user.name).")
                } catch let refusal as AccountRegistration.Refusal {
                    throw CommandFailure(refusal.description)
                }
            }
        }
    }
}
