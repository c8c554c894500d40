import Foundation

/// An author a user follows, by the name as written on papers ("Ada Lovelace").
public struct FollowedAuthor: Hashable, Sendable {
    public var id: Int
    public var userID: Int
    public var name: String
    public var createdAt: Date

    public init(id: Int, userID: Int, name: String, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.name = name
        self.createdAt = createdAt
    }
}

/// An account a user follows: a user of this site whose approved authorship claims put their
/// account on papers (`Author.user`).
public struct FollowedAccount: Hashable, Sendable {
    public var id: Int
    public var userID: Int
    /// The followed account.
    public var accountID: Int
    public var accountName: String
    public var createdAt: Date

    public init(id: Int, userID: Int, accountID: Int, accountName: String, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.accountID = accountID
        self.accountName = accountName
        self.createdAt = createdAt
    }
}

/// A search a user keeps: the query text as typed on the search page (filters such as `author:`,
/// `cat:` and `year:` are part of it) and the mode that ranks it (`keyword`, `semantic`, `hybrid`).
public struct SavedSearch: Hashable, Sendable {
    public var id: Int
    public var userID: Int
    public var query: String
    public var mode: String
    public var createdAt: Date

    public init(id: Int, userID: Int, query: String, mode: String, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.query = query
        self.mode = mode
        self.createdAt = createdAt
    }
}

/// Why a follow or a saved search was refused.
public enum FollowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The user follows `limit` authors already.
    case tooManyAuthors(limit: Int)
    /// The user keeps `limit` saved searches already.
    case tooManySearches(limit: Int)
    /// The user follows `limit` accounts already.
    case tooManyAccounts(limit: Int)

    public var description: String {
        switch self {
        case let .tooManyAuthors(limit): "You follow \(limit) authors, as many as one account can. Unfollow one first."
        case let .tooManySearches(limit): "You have \(limit) saved searches, as many as one account can. Delete one first."
        case let .tooManyAccounts(limit): "You follow \(limit) accounts, as many as one account can. Unfollow one first."
        }
    }
}

/// Followed authors, saved searches and the secret token of a user's private feeds. Every method
/// that changes or reads one user's things takes that user's id and touches nothing of anyone
/// else's: ownership is checked here, by the user id the caller passes.
public protocol FollowStore: Sendable {
    /// Follows an author for `userID`. Following a name the user follows already (compared
    /// ignoring case) changes nothing and gives the existing follow. Throws
    /// `FollowError.tooManyAuthors` when the user follows `limit` authors already.
    func followAuthor(_ name: String, userID: Int, limit: Int, now: Date) async throws -> FollowedAuthor
    /// The authors the user follows, the most recent follow first.
    func followedAuthors(userID: Int) async throws -> [FollowedAuthor]
    /// Stops following; whether the user had a follow with this id.
    func unfollowAuthor(id: Int, userID: Int) async throws -> Bool

    /// Follows the account `accountID` for `userID`. Following an account the user follows
    /// already changes nothing and gives the existing follow. Throws `FollowError.tooManyAccounts`
    /// when the user follows `limit` accounts already. The caller checks that the account exists.
    func followAccount(_ accountID: Int, userID: Int, limit: Int, now: Date) async throws -> FollowedAccount
    /// The accounts the user follows, with their names, the most recent follow first.
    func followedAccounts(userID: Int) async throws -> [FollowedAccount]
    /// Stops following an account; whether the user had a follow with this id.
    func unfollowAccount(id: Int, userID: Int) async throws -> Bool

    /// Saves a search for `userID`. Saving the same query text and mode again changes nothing and
    /// gives the existing one. Throws `FollowError.tooManySearches` when the user keeps `limit`
    /// searches already.
    func saveSearch(query: String, mode: String, userID: Int, limit: Int, now: Date) async throws -> SavedSearch
    /// The user's saved searches, the most recently saved first.
    func savedSearches(userID: Int) async throws -> [SavedSearch]
    /// One of the user's saved searches, or `nil` when the user has none with this id.
    func savedSearch(id: Int, userID: Int) async throws -> SavedSearch?
    /// Deletes one of the user's saved searches; whether there was one.
    func deleteSavedSearch(id: Int, userID: Int) async throws -> Bool

    /// Makes `tokenHash` the user's one feed token, replacing (and so revoking) any earlier one.
    func replaceFeedToken(userID: Int, tokenHash: String, now: Date) async throws
    /// When the user's feed token was made, or `nil` when they have none.
    func feedTokenCreated(userID: Int) async throws -> Date?
    /// The account whose feed token has this hash, or `nil` when there is none (never made, or
    /// replaced since) or the account is disabled.
    func feedTokenUser(tokenHash: String) async throws -> User?
}

/// Limits on what one user may follow and save.
public enum FollowLimits {
    /// Followed authors per user.
    public static let authors = 200
    /// Followed accounts per user.
    public static let accounts = 200
    /// Saved searches per user.
    public static let searches = 100
    /// Characters in an author's name.
    public static let nameLength = 200
    /// Characters in a saved query.
    public static let queryLength = 500
}
