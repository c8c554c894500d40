import Foundation
import PaperCore

/// Password-reset links, made the same way for the "forgot password" form and for
/// `paperfeed user reset-password`: a secret token, stored as its hash only, that works once,
/// until `lifetime` has passed, on the site's `/password/reset/{token}` page.
public struct PasswordResets: Sendable {
    /// A link to choose a new password.
    public struct Link: Sendable {
        /// The site-relative path, `/password/reset/{token}`; the caller puts the public URL before it.
        public let path: String
        /// When the link stops working.
        public let expiresAt: Date
    }

    /// How long a link works: an hour.
    public static let lifetime: TimeInterval = 3600

    let accounts: any AccountStore
    let clock: any WallClock

    public init(accounts: any AccountStore, clock: any WallClock) {
        self.accounts = accounts
        self.clock = clock
    }

    /// A new link for `user`, or `nil` when the account is disabled (it cannot reset its password).
    public func issue(for user: User) async throws -> Link? {
        guard !user.isDisabled else { return nil }
        let token = SecureTokens.make()
        let expiresAt = clock.now().addingTimeInterval(Self.lifetime)
        try await accounts.createPasswordReset(tokenHash: SecureTokens.hash(token), userID: user.id, expiresAt: expiresAt)
        return Link(path: "/password/reset/\(token)", expiresAt: expiresAt)
    }
}
