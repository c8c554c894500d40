import ArgumentParser
import PaperCore

/// What `promote`, `demote`, `disable` and `enable` do: set one flag of one account.
struct AccountSwitch {
    /// `User.isAdmin` or `User.isDisabled`.
    enum Flag { case admin, disabled }
    let flag: Flag
    let value: Bool
    /// Said after the name when the account is so already, and when it was changed.
    let already: String, changed: String
}

/// A `user` command that flips an `AccountSwitch` of the account `--name` names.
protocol AccountSwitchCommand: AsyncParsableCommand {
    /// The flag the command sets, to what, and what it says.
    static var change: AccountSwitch { get }
    /// `--db` and `--name`.
    var account: AccountOptions { get }
}

extension AccountSwitchCommand {
    func run() async throws {
        let change = Self.change
        try await account.withAccount { database, user in
            let current = change.flag == .admin ? user.isAdmin : user.isDisabled
            if current == change.value { return StandardOutput.line("\(user.name) \(change.already)") }
            let after = switch change.flag {
            case .admin: try await database.setAdmin(change.value, userID: user.id)
            case .disabled: try await database.setDisabled(change.value, userID: user.id)
            }
            guard let after else { throw CommandFailure("The account '\(user.name)' was removed meanwhile.") }
            StandardOutput.line("\(after.name) \(change.changed)")
        }
    }
}

extension UserCommand {
    struct Promote: AccountSwitchCommand {
        static let configuration = CommandConfiguration(abstract: "Make an account an admin (moderation, authorship claims).")
        static let change = AccountSwitch(flag: .admin, value: true, already: "is an admin already.", changed: "is now an admin.")
        @OptionGroup var account: AccountOptions
    }

    struct Demote: AccountSwitchCommand {
        static let configuration = CommandConfiguration(abstract: "Take an account's admin rights away; it stays a normal account.")
        static let change = AccountSwitch(flag: .admin, value: false, already: "is not an admin.", changed: "is no longer an admin.")
        @OptionGroup var account: AccountOptions
    }

    struct Disable: AccountSwitchCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it is logged out everywhere at once and can neither log in nor reset its password.",
            discussion: "Its votes, comments and submissions stay. `paperfeed user enable` undoes it."
        )
        static let change = AccountSwitch(flag: .disabled, value: true, already: "is disabled already.",
                                          changed: "is disabled: logged out everywhere, and cannot log in or reset the password.")
        @OptionGroup var account: AccountOptions
    }

    struct Enable: AccountSwitchCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled account again: it can log in with its password, or reset it."
        )
        static let change = AccountSwitch(flag: .disabled, value: false, already: "is not disabled.",
                                          changed: "is enabled again and can log in.")
        @OptionGroup var account: AccountOptions
    }
}
