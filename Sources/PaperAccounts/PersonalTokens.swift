import Foundation
import PaperCore

/// Personal API tokens, made in one place for the command line and the web: `pf_` and 43
/// random URL-safe characters, shown once, stored as a SHA-256 hash (`SecureTokens.hash`).
public struct PersonalTokens: Sendable {
    let tokens: any APITokenStore
    let clock: any WallClock

    public init(tokens: any APITokenStore, clock: any WallClock) {
        self.tokens = tokens
        self.clock = clock
    }

    /// A new token for `user` labelled `name`: the secret to hand over (never stored) and its record.
    public func issue(for user: User, name: String) async throws -> (secret: String, token: APIToken) {
        let secret = "pf_" + SecureTokens.make()
        let token = try await tokens.createAPIToken(userID: user.id, name: name, tokenHash: SecureTokens.hash(secret),
                                                    now: clock.now())
        return (secret, token)
    }
}
