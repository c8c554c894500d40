import PaperCore

/// Creates accounts the same way for the sign-up form and `paperfeed user create`: the details
/// are checked against `AccountRules`, the password is hashed, the account is stored.
public struct AccountRegistration: Sendable {
    /// Why an account was not created, in words for the person signing up.
    public enum Refusal: Error, CustomStringConvertible {
        /// The details break a rule (a bad name, address or password).
        case invalid(String)
        /// The name or address belongs to an account already.
        case taken(String)

        public var description: String {
            switch self {
            case let .invalid(message), let .taken(message): message
            }
        }
    }

    let accounts: any AccountStore
    let passwords: Passwords
    let clock: any WallClock

    public init(accounts: any AccountStore, passwords: Passwords, clock: any WallClock) {
        self.accounts = accounts
        self.passwords = passwords
        self.clock = clock
    }

    /// The new account; throws a `Refusal` when the details are not acceptable.
    public func register(name: String, email: String, password: String, isAdmin: Bool = false) async throws -> User {
        if let problem = AccountRules.problem(name: name, email: email, password: password) { throw Refusal.invalid(problem) }
        let hash = try await passwords.hash(password)
        do {
            return try await accounts.createUser(name: name, email: email, passwordHash: hash, isAdmin: isAdmin, now: clock.now())
        } catch let error as AccountError {
            throw Refusal.taken(error.description)
        }
    }
}
