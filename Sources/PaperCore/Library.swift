import Foundation

/// A named list of papers that one user keeps: private (only its owner sees it) or public.
/// Every user has at most one default collection, "Saved", made when first needed.
public struct PaperCollection: Hashable, Sendable {
    public var id: Int
    public var ownerID: Int
    /// The owner's user name, the first part of `slug`.
    public var ownerName: String
    public var title: String
    public var description: String?
    public var isPrivate: Bool
    /// Whether this is the owner's default collection ("Saved").
    public var isDefault: Bool
    public var createdAt: Date
    /// The last change to the collection or to its items.
    public var updatedAt: Date

    public init(id: Int, ownerID: Int, ownerName: String, title: String, description: String?, isPrivate: Bool,
                isDefault: Bool, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.ownerID = ownerID
        self.ownerName = ownerName
        self.title = title
        self.description = description
        self.isPrivate = isPrivate
        self.isDefault = isDefault
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `owner/title-words-<id>`, as on Hugging Face: unique on the site by its trailing id, and
    /// readable. A new title changes the words, not the id (`CollectionSlug.id(in:)`).
    public var slug: String { "\(ownerName)/\(CollectionSlug.words(title))-\(id)" }
}

/// A paper in a collection, with its owner's note. Positions count from 0 and have no gaps.
public struct CollectionItem: Hashable, Sendable {
    public var id: Int
    public var collectionID: Int
    public var paperID: PaperID
    public var note: String?
    public var position: Int
    public var addedAt: Date

    public init(id: Int, collectionID: Int, paperID: PaperID, note: String?, position: Int, addedAt: Date) {
        self.id = id
        self.collectionID = collectionID
        self.paperID = paperID
        self.note = note
        self.position = position
        self.addedAt = addedAt
    }
}

/// Which collections to list, newest change first.
public struct CollectionQuery: Hashable, Sendable {
    /// Only this user's collections, when given.
    public var ownerID: Int?
    /// Only collections holding this paper, when given.
    public var containing: PaperID?
    /// Who asks: their own private collections are listed, nobody else's ever are.
    public var viewerID: Int?
    public var limit: Int
    public var offset: Int

    public init(ownerID: Int? = nil, containing: PaperID? = nil, viewerID: Int? = nil, limit: Int = 100, offset: Int = 0) {
        self.ownerID = ownerID
        self.containing = containing
        self.viewerID = viewerID
        self.limit = limit
        self.offset = offset
    }
}

/// What to change in a collection; `nil` leaves a field as it is.
public struct CollectionChanges: Hashable, Sendable {
    public var title: String?
    /// `.some(nil)` removes the description.
    public var description: String??
    public var isPrivate: Bool?

    public init(title: String? = nil, description: String?? = nil, isPrivate: Bool? = nil) {
        self.title = title
        self.description = description
        self.isPrivate = isPrivate
    }
}

/// Why a library change was refused.
public enum LibraryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The owner has a collection with this title (compared ignoring case) already.
    case titleTaken(PaperCollection)
    /// The paper is in the collection already.
    case alreadyInCollection(PaperID)
    /// The owner has `LibraryLimits.collectionsPerUser` collections already.
    case tooManyCollections
    /// The collection holds `LibraryLimits.itemsPerCollection` papers already.
    case collectionFull

    public var description: String {
        switch self {
        case let .titleTaken(existing): "You have a collection titled “\(existing.title)” already (\(existing.slug))."
        case let .alreadyInCollection(paper): "\(paper) is in this collection already."
        case .tooManyCollections:
            "You have \(LibraryLimits.collectionsPerUser) collections, the most one account may keep: delete one to make another."
        case .collectionFull:
            "This collection holds \(LibraryLimits.itemsPerCollection) papers, the most one may: start another collection."
        }
    }
}

/// How much one account may keep, so that no account (or a script with its token) can grow the
/// database without bound.
public enum LibraryLimits {
    public static let collectionsPerUser = 1_000
    public static let itemsPerCollection = 10_000
}

/// Collections of papers and "not interested" marks. Ownership is the caller's to check: these
/// methods do what they are asked for any id, and say which user a collection belongs to.
public protocol LibraryStore: Sendable {
    /// Makes a collection for `ownerID`, with no items. Throws `LibraryError.titleTaken` (with the
    /// existing one) when the owner has a collection of this title, compared ignoring case, and
    /// `LibraryError.tooManyCollections` when they have `LibraryLimits.collectionsPerUser`.
    func createCollection(ownerID: Int, title: String, description: String?, isPrivate: Bool, now: Date) async throws
        -> PaperCollection
    /// The collection with this id, private or not, or `nil`.
    func collection(id: Int) async throws -> PaperCollection?
    /// The user's default collection ("Saved", private), made now if they have none. Made once
    /// however many ask at once; a collection the user titled "Saved" becomes the default.
    func defaultCollection(ownerID: Int, now: Date) async throws -> PaperCollection
    /// The collections `query` selects, the most recently changed first (then the newest).
    func collections(_ query: CollectionQuery) async throws -> [PaperCollection]
    /// Changes a collection and its `updatedAt`; the collection after the change, or `nil` when
    /// there is none with this id. Throws `LibraryError.titleTaken` for another collection's title.
    func updateCollection(id: Int, _ changes: CollectionChanges, now: Date) async throws -> PaperCollection?
    /// Deletes a collection with its items; whether there was one.
    func deleteCollection(id: Int) async throws -> Bool

    /// A collection's items by position, at most `limit` of them.
    func items(collectionID: Int, limit: Int) async throws -> [CollectionItem]
    /// Appends a paper to a collection (the last position). Throws
    /// `LibraryError.alreadyInCollection` when it is there already, and
    /// `LibraryError.collectionFull` when it holds `LibraryLimits.itemsPerCollection` papers.
    /// Does not check that the paper exists: the caller does.
    func addItem(collectionID: Int, paper: PaperID, note: String?, now: Date) async throws -> CollectionItem
    /// Changes an item of `collectionID`: its note (`.some(nil)` removes it) and its position
    /// (clamped to the collection, the others shifted to make room). The item after the change,
    /// or `nil` when the collection has no item with this id.
    func updateItem(id: Int, collectionID: Int, note: String??, position: Int?, now: Date) async throws -> CollectionItem?
    /// Removes an item of `collectionID`, closing the gap in positions; whether there was one.
    func removeItem(id: Int, collectionID: Int, now: Date) async throws -> Bool

    /// Marks a paper as one the user does not want to see, or takes the mark back.
    func setNotInterested(_ notInterested: Bool, userID: Int, paper: PaperID, now: Date) async throws
    /// The papers the user marked "not interested", most recent mark first.
    func notInterestedPapers(userID: Int) async throws -> [PaperID]

    /// Every paper in any of the user's collections, once each, the most recently added first,
    /// saying whether it is in their default collection ("Saved"). Makes no default collection.
    func savedPapers(userID: Int) async throws -> [SavedPaper]
}

/// A paper in one or more of a user's collections.
public struct SavedPaper: Hashable, Sendable {
    public var paperID: PaperID
    /// Whether one of those collections is the user's default one ("Saved").
    public var inDefault: Bool

    public init(paperID: PaperID, inDefault: Bool) {
        self.paperID = paperID
        self.inDefault = inDefault
    }
}

extension LibraryStore {
    /// Every item of a collection, by position.
    public func items(collectionID: Int) async throws -> [CollectionItem] {
        try await items(collectionID: collectionID, limit: Int(Int32.max))
    }
}

/// Reading and writing collection slugs (`ada/reading-group-7`).
public enum CollectionSlug {
    /// A title as lower-case words joined by `-` (letters and digits only, at most 60 characters;
    /// `collection` when nothing is left).
    public static func words(_ title: String) -> String {
        var result = ""
        for character in title.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII {
                result.append(character)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
            if result.count >= 60 { break }
        }
        while result.last == "-" { result.removeLast() }
        return result.isEmpty ? "collection" : result
    }

    /// The collection id a slug's last part ends with (`reading-group-7` → 7), or `nil`.
    public static func id(in part: String) -> Int? {
        let digits = part.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        return Int(String(digits.reversed()))
    }
}
