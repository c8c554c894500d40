import Foundation

/// A personal API token, sent as `Authorization: Bearer …` by scripts and `huggingface_hub`.
/// The store keeps only the token's hash: the token itself is shown once, when it is made.
public struct APIToken: Hashable, Sendable {
    public var id: Int
    public var userID: Int
    /// The label its owner gave it ("laptop", "reading-group script").
    public var name: String
    public var createdAt: Date
    /// The last request made with it (recorded at most once a minute), or `nil` when unused.
    public var lastUsedAt: Date?
    /// When it was revoked; a revoked token is refused.
    public var revokedAt: Date?

    public init(id: Int, userID: Int, name: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.userID = userID
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

/// Personal API tokens, stored as hashes only (like sessions), so a copy of the database lets
/// nobody in.
public protocol APITokenStore: Sendable {
    /// Records a new token for `userID` under the hash of its secret.
    func createAPIToken(userID: Int, name: String, tokenHash: String, now: Date) async throws -> APIToken
    /// The user's tokens, revoked ones too, oldest first.
    func apiTokens(userID: Int) async throws -> [APIToken]
    /// The account a token belongs to, with the token, or `nil` when the hash is unknown, the
    /// token is revoked or its account is disabled. Records the use as `lastUsedAt` when the
    /// last recorded one is a minute or more before `now` (so requests do not all write).
    func apiTokenUser(tokenHash: String, now: Date) async throws -> (user: User, token: APIToken)?
    /// Revokes one of the user's tokens; the token after the change, or `nil` when the user has
    /// no token with this id. Revoking a revoked token keeps its first revocation time.
    func revokeAPIToken(id: Int, userID: Int, now: Date) async throws -> APIToken?
}
