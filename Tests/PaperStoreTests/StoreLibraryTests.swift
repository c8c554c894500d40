import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// The `LibraryStore` contract: collections, their items and "not interested" marks.
@Suite struct StoreLibraryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let first = PaperID(rawValue: "2401.00001"), second = PaperID(rawValue: "2401.00002"), third = PaperID(rawValue: "2401.00003")

    private func users(_ store: any PaperDatabase) async throws -> (User, User) {
        try await makeAdaAndBob(in: store, now: now)
    }

    @Test(arguments: DatabaseEngine.available) func collectionsAreMadeChangedAndDeletedWithTheirSlugs(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            let made = try await store.createCollection(ownerID: ada.id, title: "Reading group: week 1!", description: "Papers",
                                                        isPrivate: false, now: now)
            #expect(made.slug == "Ada/reading-group-week-1-\(made.id)")
            #expect(made.ownerName == "Ada" && !made.isPrivate && !made.isDefault && made.description == "Papers")
            #expect(try await store.collection(id: made.id) == made)
            #expect(CollectionSlug.id(in: "reading-group-week-1-\(made.id)") == made.id)
            await #expect(throws: LibraryError.titleTaken(made)) {
                try await store.createCollection(ownerID: ada.id, title: "READING GROUP: week 1!", description: nil, isPrivate: true, now: now)
            }
            let bobs = try await store.createCollection(ownerID: bob.id, title: "Reading group: week 1!", description: nil,
                                                        isPrivate: true, now: now)
            #expect(bobs.id != made.id, "titles are unique per owner only")

            let later = now.addingTimeInterval(60)
            let renamed = try #require(try await store.updateCollection(id: made.id, CollectionChanges(title: "Week 2", description: .some(nil),
                                                                                                         isPrivate: true), now: later))
            #expect(renamed.title == "Week 2" && renamed.description == nil && renamed.isPrivate && renamed.updatedAt == later)
            #expect(renamed.slug == "Ada/week-2-\(made.id)", "the words follow the title, the id stays")
            let other = try await store.createCollection(ownerID: ada.id, title: "Other", description: nil, isPrivate: false, now: now)
            await #expect(throws: LibraryError.titleTaken(renamed)) {
                try await store.updateCollection(id: other.id, CollectionChanges(title: "week 2"), now: later)
            }
            #expect(try await store.updateCollection(id: other.id + 1_000, CollectionChanges(title: "x"), now: later) == nil)

            _ = try await store.addItem(collectionID: made.id, paper: first, note: nil, now: now)
            #expect(try await store.deleteCollection(id: made.id))
            #expect(try await store.collection(id: made.id) == nil)
            #expect(try await store.items(collectionID: made.id).isEmpty, "items go with their collection")
            #expect(try await store.deleteCollection(id: made.id) == false)
        }
    }

    @Test(arguments: DatabaseEngine.available) func anAccountKeepsAtMostItsShareOfCollections(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            for number in 1..<LibraryLimits.collectionsPerUser {
                _ = try await store.createCollection(ownerID: ada.id, title: "List \(number)", description: nil, isPrivate: true, now: now)
            }
            _ = try await store.defaultCollection(ownerID: ada.id, now: now)
            await #expect(throws: LibraryError.tooManyCollections) {
                try await store.createCollection(ownerID: ada.id, title: "One more", description: nil, isPrivate: true, now: now)
            }
            // Saving still works at the limit (the default collection is made whatever the
            // count), and the limit is per account.
            #expect(try await store.defaultCollection(ownerID: ada.id, now: now).isDefault)
            _ = try await store.createCollection(ownerID: bob.id, title: "One more", description: nil, isPrivate: true, now: now)
        }
    }

    @Test(arguments: DatabaseEngine.available) func privateCollectionsAreListedOnlyToTheirOwner(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            let open = try await store.createCollection(ownerID: ada.id, title: "Open", description: nil, isPrivate: false, now: now)
            let secret = try await store.createCollection(ownerID: ada.id, title: "Secret", description: nil, isPrivate: true,
                                                          now: now.addingTimeInterval(1))
            let bobs = try await store.createCollection(ownerID: bob.id, title: "Bob's", description: nil, isPrivate: false,
                                                        now: now.addingTimeInterval(2))
            #expect(try await store.collections(CollectionQuery(ownerID: ada.id, viewerID: ada.id)).map(\.id) == [secret.id, open.id])
            #expect(try await store.collections(CollectionQuery(ownerID: ada.id, viewerID: bob.id)).map(\.id) == [open.id])
            #expect(try await store.collections(CollectionQuery(ownerID: ada.id)).map(\.id) == [open.id])
            #expect(try await store.collections(CollectionQuery()).map(\.id) == [bobs.id, open.id])
            #expect(try await store.collections(CollectionQuery(limit: 1, offset: 1)).map(\.id) == [open.id])
            _ = try await store.addItem(collectionID: secret.id, paper: first, note: nil, now: now.addingTimeInterval(3))
            _ = try await store.addItem(collectionID: bobs.id, paper: first, note: nil, now: now.addingTimeInterval(4))
            #expect(try await store.collections(CollectionQuery(containing: first, viewerID: ada.id)).map(\.id) == [bobs.id, secret.id],
                    "most recently changed first")
            #expect(try await store.collections(CollectionQuery(containing: first)).map(\.id) == [bobs.id])
        }
    }

    @Test(arguments: DatabaseEngine.available) func itemsKeepGaplessPositionsThroughMovesAndRemovals(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, _) = try await users(store)
            let list = try await store.createCollection(ownerID: ada.id, title: "List", description: nil, isPrivate: true, now: now)
            let a = try await store.addItem(collectionID: list.id, paper: first, note: "read first", now: now)
            let b = try await store.addItem(collectionID: list.id, paper: second, note: nil, now: now)
            let c = try await store.addItem(collectionID: list.id, paper: third, note: nil, now: now.addingTimeInterval(5))
            #expect([a.position, b.position, c.position] == [Int]([0, 1, 2]))
            #expect(try await store.collection(id: list.id)?.updatedAt == now.addingTimeInterval(5))
            await #expect(throws: LibraryError.alreadyInCollection(first)) {
                try await store.addItem(collectionID: list.id, paper: first, note: nil, now: now)
            }
            let moved = try #require(try await store.updateItem(id: c.id, collectionID: list.id, note: .some("now first"), position: 0, now: now))
            #expect(moved.position == 0 && moved.note == "now first")
            #expect(try await store.items(collectionID: list.id).map(\.paperID) == [third, first, second])
            #expect(try await store.updateItem(id: c.id, collectionID: list.id, note: nil, position: 99, now: now)?.position == 2, "clamped")
            #expect(try await store.items(collectionID: list.id).map(\.position) == [0, 1, 2])
            #expect(try await store.items(collectionID: list.id, limit: 2).map(\.paperID) == [first, second])
            #expect(try await store.updateItem(id: a.id, collectionID: list.id, note: .some(nil), position: nil, now: now)?.note == nil)
            #expect(try await store.updateItem(id: a.id, collectionID: list.id + 1, note: nil, position: 1, now: now) == nil,
                    "an item is changed only through its own collection")
            #expect(try await store.removeItem(id: a.id, collectionID: list.id + 1, now: now) == false)
            #expect(try await store.removeItem(id: a.id, collectionID: list.id, now: now))
            let left = try await store.items(collectionID: list.id)
            #expect(left.map(\.paperID) == [second, third] && left.map(\.position) == [0, 1])
            #expect(try await store.removeItem(id: a.id, collectionID: list.id, now: now) == false)
        }
    }

    @Test(arguments: DatabaseEngine.available) func theDefaultCollectionIsMadeOnceAndAdoptsASavedOne(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            // Asked for at once, it is made once.
            let made = try await withThrowingTaskGroup(of: PaperCollection.self) { group in
                for _ in 0..<4 { group.addTask { try await store.defaultCollection(ownerID: ada.id, now: now) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let saved = try await store.defaultCollection(ownerID: ada.id, now: now)
            #expect(saved.title == "Saved" && saved.isPrivate && saved.isDefault)
            #expect(made.allSatisfy { $0 == saved })
            #expect(try await store.collections(CollectionQuery(ownerID: ada.id, viewerID: ada.id)).count == 1)
            let renamed = try await store.updateCollection(id: saved.id, CollectionChanges(title: "Keep"), now: now)
            #expect(renamed?.isDefault == true)
            #expect(try await store.defaultCollection(ownerID: ada.id, now: now).id == saved.id, "found by being the default, not by title")

            let bobsOwn = try await store.createCollection(ownerID: bob.id, title: "saved", description: nil, isPrivate: false, now: now)
            let bobsDefault = try await store.defaultCollection(ownerID: bob.id, now: now)
            #expect(bobsDefault.id == bobsOwn.id && bobsDefault.isDefault)
        }
    }

    @Test(arguments: DatabaseEngine.available) func notInterestedMarksComeAndGo(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            try await store.setNotInterested(true, userID: ada.id, paper: first, now: now)
            try await store.setNotInterested(true, userID: ada.id, paper: second, now: now.addingTimeInterval(1))
            try await store.setNotInterested(true, userID: ada.id, paper: first, now: now.addingTimeInterval(2))
            #expect(try await store.notInterestedPapers(userID: ada.id) == [second, first], "marking twice keeps the first mark")
            #expect(try await store.notInterestedPapers(userID: bob.id).isEmpty)
            try await store.setNotInterested(false, userID: ada.id, paper: second, now: now)
            #expect(try await store.notInterestedPapers(userID: ada.id) == [first])
        }
    }

    @Test(arguments: DatabaseEngine.available) func savedPapersListEveryCollectionsPapersOnce(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let (ada, bob) = try await users(store)
            #expect(try await store.savedPapers(userID: ada.id).isEmpty)
            #expect(try await store.collections(CollectionQuery(ownerID: ada.id, viewerID: ada.id)).isEmpty, "asking makes no collection")
            let saved = try await store.defaultCollection(ownerID: ada.id, now: now)
            let reading = try await store.createCollection(ownerID: ada.id, title: "Reading", description: nil, isPrivate: false, now: now)
            _ = try await store.addItem(collectionID: saved.id, paper: first, note: nil, now: now)
            _ = try await store.addItem(collectionID: reading.id, paper: second, note: nil, now: now.addingTimeInterval(1))
            _ = try await store.addItem(collectionID: reading.id, paper: first, note: nil, now: now.addingTimeInterval(2))
            let bobs = try await store.defaultCollection(ownerID: bob.id, now: now)
            _ = try await store.addItem(collectionID: bobs.id, paper: third, note: nil, now: now)
            #expect(try await store.savedPapers(userID: ada.id) == [SavedPaper(paperID: first, inDefault: true),
                                                                  SavedPaper(paperID: second, inDefault: false)])
            #expect(try await store.savedPapers(userID: bob.id) == [SavedPaper(paperID: third, inDefault: true)])
        }
    }
}

@Suite struct LibraryCopyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available) func copyingAnInstanceMovesCollectionsMarksAndTokens(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(.sqlite) { source async throws in
            let paper = PaperID(rawValue: "2401.00001")
            _ = try await source.upsert([makePaper("2401.00001", title: "Kept")])
            let ada = try await source.createUser(name: "ada", email: "ada@x.org", passwordHash: "h", isAdmin: false, now: now)
            let list = try await source.createCollection(ownerID: ada.id, title: "List", description: "d", isPrivate: false, now: now)
            let item = try await source.addItem(collectionID: list.id, paper: paper, note: "why", now: now)
            let saved = try await source.defaultCollection(ownerID: ada.id, now: now)
            try await source.setNotInterested(true, userID: ada.id, paper: paper, now: now)
            let token = try await source.createAPIToken(userID: ada.id, name: "laptop", tokenHash: "hash-1", now: now)

            try await withTemporaryStore(engine) { target async throws in
                for _ in 0..<2 { try await CommunityCopy.run(from: source, to: target) }
                #expect(try await target.collection(id: list.id) == list)
                #expect(try await target.items(collectionID: list.id) == [item])
                #expect(try await target.defaultCollection(ownerID: ada.id, now: now) == saved)
                #expect(try await target.notInterestedPapers(userID: ada.id) == [paper])
                #expect(try await target.apiTokenUser(tokenHash: "hash-1", now: now)?.token.name == token.name)
                let next = try await target.createCollection(ownerID: ada.id, title: "New", description: nil, isPrivate: true, now: now)
                #expect(next.id > saved.id)
                #expect(try await target.addItem(collectionID: next.id, paper: paper, note: nil, now: now).id > item.id)
                #expect(try await target.createAPIToken(userID: ada.id, name: "ci", tokenHash: "hash-2", now: now).id > token.id)
            }
        }
    }
}

/// The `APITokenStore` contract.
@Suite struct StoreAPITokenTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available) func tokensFindTheirUserUntilRevokedOrDisabled(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let ada = try await store.createUser(name: "ada", email: "ada@x.org", passwordHash: "h", isAdmin: false, now: now)
            let bob = try await store.createUser(name: "bob", email: "bob@x.org", passwordHash: "h", isAdmin: false, now: now)
            let laptop = try await store.createAPIToken(userID: ada.id, name: "laptop", tokenHash: "h-laptop", now: now)
            let script = try await store.createAPIToken(userID: ada.id, name: "script", tokenHash: "h-script", now: now)
            #expect(laptop.lastUsedAt == nil && !laptop.isRevoked)
            #expect(try await store.apiTokenUser(tokenHash: "unknown", now: now) == nil)

            let found = try #require(try await store.apiTokenUser(tokenHash: "h-laptop", now: now))
            #expect(found.user == ada && found.token.id == laptop.id && found.token.lastUsedAt == now)
            // Uses within a minute are not written again; a later one is.
            #expect(try await store.apiTokenUser(tokenHash: "h-laptop", now: now.addingTimeInterval(30))?.token.lastUsedAt == now)
            let later = now.addingTimeInterval(90)
            _ = try await store.apiTokenUser(tokenHash: "h-laptop", now: later)
            #expect(try await store.apiTokens(userID: ada.id).map(\.lastUsedAt) == [later, nil])

            #expect(try await store.revokeAPIToken(id: laptop.id, userID: bob.id, now: later) == nil, "only its owner revokes it")
            #expect(try await store.revokeAPIToken(id: laptop.id, userID: ada.id, now: later)?.revokedAt == later)
            #expect(try await store.revokeAPIToken(id: laptop.id, userID: ada.id, now: later.addingTimeInterval(9))?.revokedAt == later)
            #expect(try await store.apiTokenUser(tokenHash: "h-laptop", now: later) == nil)
            #expect(try await store.apiTokens(userID: ada.id).map(\.isRevoked) == [true, false])
            #expect(try await store.apiTokens(userID: bob.id).isEmpty)

            _ = try await store.setDisabled(true, userID: ada.id)
            #expect(try await store.apiTokenUser(tokenHash: "h-script", now: later) == nil, "a disabled account's tokens are refused")
            _ = try await store.setDisabled(false, userID: ada.id)
            #expect(try await store.apiTokenUser(tokenHash: "h-script", now: later)?.token.id == script.id)
        }
    }
}
