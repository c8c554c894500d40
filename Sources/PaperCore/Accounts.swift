import Foundation

/// A person with an account. `passwordHash` never leaves the server: pages and the API show
/// `name` only, and `email` only to its owner. A disabled account (an operator's decision)
/// cannot log in, has no sessions and cannot reset its password.
public struct User: Hashable, Sendable {
    public var id: Int
    public var name: String
    public var email: String
    public var passwordHash: String
    public var isAdmin: Bool
    public var createdAt: Date
    public var isDisabled: Bool

    public init(id: Int, name: String, email: String, passwordHash: String, isAdmin: Bool, createdAt: Date,
                isDisabled: Bool = false) {
        self.id = id
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.isAdmin = isAdmin
        self.createdAt = createdAt
        self.isDisabled = isDisabled
    }
}

/// Why an account could not be created or changed.
public enum AccountError: Error, Hashable, Sendable, CustomStringConvertible {
    case nameTaken(String)
    case emailTaken(String)

    public var description: String {
        switch self {
        case let .nameTaken(name): "The user name “\(name)” is taken."
        case .emailTaken: "An account with this email address exists already; log in or reset its password."
        }
    }
}

/// Accounts, log-in sessions and password-reset tokens. Tokens are stored as hashes only, so a
/// copy of the database does not let anyone in.
public protocol AccountStore: Sendable {
    /// Creates an account; throws `AccountError` when the name or email is taken.
    func createUser(name: String, email: String, passwordHash: String, isAdmin: Bool, now: Date) async throws -> User
    /// The account with this id, or `nil`.
    func user(id: Int) async throws -> User?
    /// The account with this user name (case-insensitive), or `nil`.
    func user(named name: String) async throws -> User?
    /// The account with this email address (case-insensitive), or `nil`.
    func user(email: String) async throws -> User?
    /// Replaces an account's password hash and ends all of its sessions.
    func setPasswordHash(_ hash: String, userID: Int) async throws
    /// Every account, oldest first, disabled ones included.
    func users() async throws -> [User]
    /// Makes an account an admin or takes that away; the account after the change, or `nil`
    /// when there is no account with this id.
    func setAdmin(_ isAdmin: Bool, userID: Int) async throws -> User?
    /// Disables an account or enables it again; the account after the change, or `nil` when
    /// there is no account with this id. Disabling ends all of the account's sessions and
    /// unused password-reset tokens in the same transaction; a disabled account's sessions and
    /// reset tokens are refused from then on (`sessionUser`, `consumePasswordReset`).
    func setDisabled(_ isDisabled: Bool, userID: Int) async throws -> User?

    /// Records a log-in session under the hash of its cookie token.
    func createSession(tokenHash: String, userID: Int, expiresAt: Date) async throws
    /// The account a live session belongs to, or `nil` when it is unknown, expired or its
    /// account is disabled.
    func sessionUser(tokenHash: String, now: Date) async throws -> User?
    /// Ends one session (log out).
    func deleteSession(tokenHash: String) async throws

    /// Records a password-reset token (its hash) valid until `expiresAt`.
    func createPasswordReset(tokenHash: String, userID: Int, expiresAt: Date) async throws
    /// Uses up a reset token: the account it was for, or `nil` when unknown, used, expired or
    /// its account is disabled.
    func consumePasswordReset(tokenHash: String, now: Date) async throws -> Int?
}
