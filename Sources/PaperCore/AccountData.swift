import Foundation

/// An account's own data and its removal: "Download my data" and "Delete my account".
public protocol AccountDataStore: Sendable {
    /// The papers the user upvoted, the most recent vote first.
    func upvotedPapers(userID: Int) async throws -> [PaperID]
    /// Deletes the account and everything personal in one transaction: sessions, password-reset
    /// links, API tokens, collections with their items, "not interested" marks, followed authors,
    /// followed accounts (and others' follows of this one), saved searches and the feed token, upvotes (papers'
    /// counts lowered), comments (deleted, counts lowered), authorship claims, digest
    /// subscriptions of the account or its address with their queued deliveries; the papers it
    /// submitted stay listed without its name. Whether there was such a user.
    func deleteAccount(userID: Int) async throws -> Bool
}

/// Everything "Download my data" gives, as JSON. API tokens appear by name only: a secret is
/// never stored, and its hash is not the user's to need.
public struct AccountDataExport: Codable, Sendable {
    public struct Profile: Codable, Sendable {
        public var name: String
        public var email: String
        public var isAdmin: Bool
        public var createdAt: Date
    }

    public struct Collection: Codable, Sendable {
        public struct Item: Codable, Sendable {
            public var paper: String
            public var note: String?
            public var position: Int
            public var addedAt: Date
        }
        public var slug: String
        public var title: String
        public var description: String?
        public var isPrivate: Bool
        public var isDefault: Bool
        public var createdAt: Date
        public var updatedAt: Date
        public var items: [Item]
    }

    public struct CommentEntry: Codable, Sendable {
        public var paper: String
        public var body: String
        public var createdAt: Date
        public var editedAt: Date?
    }

    public struct Subscription: Codable, Sendable {
        public var email: String
        public var frequency: String
        public var state: String
        public var categories: [String]
    }

    public struct SavedSearchEntry: Codable, Sendable {
        public var query: String
        public var mode: String
        public var createdAt: Date
    }

    public struct Token: Codable, Sendable {
        public var name: String
        public var createdAt: Date
        public var lastUsedAt: Date?
        public var revokedAt: Date?
    }

    public var exportedAt: Date
    public var profile: Profile
    public var collections: [Collection]
    public var notInterested: [String]
    public var upvotes: [String]
    public var comments: [CommentEntry]
    public var authorshipClaims: [String]
    public var subscription: Subscription?
    public var apiTokens: [Token]
    /// The names of the authors followed, the most recent follow first.
    public var followedAuthors: [String]
    /// The user names of the accounts followed, the most recent follow first.
    public var followedAccounts: [String]
    public var savedSearches: [SavedSearchEntry]
}

extension AccountDataExport {
    /// Gathers `user`'s data from the store.
    public static func gather(for user: User, from store: any CommunityDatabase, now: Date) async throws -> AccountDataExport {
        var collections: [Collection] = []
        var offset = 0
        while true {
            let page = try await store.collections(CollectionQuery(ownerID: user.id, viewerID: user.id, limit: 100, offset: offset))
            for collection in page {
                let items = try await store.items(collectionID: collection.id).map {
                    Collection.Item(paper: $0.paperID.rawValue, note: $0.note, position: $0.position, addedAt: $0.addedAt)
                }
                collections.append(Collection(slug: collection.slug, title: collection.title, description: collection.description,
                                              isPrivate: collection.isPrivate, isDefault: collection.isDefault,
                                              createdAt: collection.createdAt, updatedAt: collection.updatedAt, items: items))
            }
            guard page.count == 100 else { break }
            offset += 100
        }
        let comments = try await store.comments(userID: user.id, limit: Int(Int32.max)).map {
            CommentEntry(paper: $0.paperID.rawValue, body: $0.body, createdAt: $0.createdAt, editedAt: $0.editedAt)
        }
        let subscription = try await store.subscriber(userID: user.id).map {
            Subscription(email: $0.email, frequency: $0.frequency.rawValue, state: $0.state.rawValue, categories: $0.categories.map(\.name))
        }
        let tokens = try await store.apiTokens(userID: user.id).map {
            Token(name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt)
        }
        return AccountDataExport(
            exportedAt: now,
            profile: Profile(name: user.name, email: user.email, isAdmin: user.isAdmin, createdAt: user.createdAt),
            collections: collections,
            notInterested: try await store.notInterestedPapers(userID: user.id).map(\.rawValue),
            upvotes: try await store.upvotedPapers(userID: user.id).map(\.rawValue),
            comments: comments,
            authorshipClaims: try await store.claims(userID: user.id).map { "\($0.paperID) as \($0.authorName) (\($0.state.rawValue))" },
            subscription: subscription, apiTokens: tokens,
            followedAuthors: try await store.followedAuthors(userID: user.id).map(\.name),
            followedAccounts: try await store.followedAccounts(userID: user.id).map(\.accountName),
            savedSearches: try await store.savedSearches(userID: user.id).map {
                SavedSearchEntry(query: $0.query, mode: $0.mode, createdAt: $0.createdAt)
            })
    }
}
