import Foundation
import Hummingbird
import PaperCore

/// `/account/collections`: the logged-in user's collections, to make, rename, make public or
/// private, and delete (after a confirmation page); and "Add to collection" from a paper page.
struct AccountCollectionsController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let library: any LibraryStore
    let renderer: PageRenderer
    let clock: any WallClock

    static var path: String { "/account/collections" }
    private var lookup: CollectionLookup { CollectionLookup(library: library) }

    func register(on router: Router<Context>) {
        router.get("/account/collections") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            return try await page(user, context)
        }
        router.post("/account/collections") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            do {
                let title = try CollectionFields.title(context.form["title"] ?? "")
                let made = try await library.createCollection(ownerID: user.id, title: title,
                                                              description: try CollectionFields.description(context.form["description"]),
                                                              isPrivate: context.form["public"] == nil, now: clock.now())
                return Redirect.to(CollectionLookup.path(made))
            } catch let error as RequestError {
                return try await page(user, context, error: error.message, status: error.status)
            } catch let error as LibraryError {
                return try await page(user, context, error: error.description, status: .conflict)
            }
        }
        router.post("/account/collections/:id/update") { _, context in try await update(context) }
        router.get("/account/collections/:id/delete") { _, context in
            let collection = try await lookup.owned(id: context.parameters.get("id"), visitor: context.visitor)
            let model = DeleteCollectionPage(id: collection.id, title: collection.title, url: CollectionLookup.path(collection))
            return renderer.page("collection-delete", model, title: "Delete \(collection.title)", visitor: context.visitor)
        }
        router.post("/account/collections/:id/delete") { _, context in
            let collection = try await lookup.owned(id: context.parameters.get("id"), visitor: context.visitor)
            guard context.form["confirm"] == "yes" else {
                throw RequestError.badRequest("Tick “Yes, delete it” to delete this collection.")
            }
            _ = try await library.deleteCollection(id: collection.id)
            return Redirect.to(Self.path)
        }
        router.post("/account/collections/add") { _, context in try await add(context) }
    }

    private func update(_ context: Context) async throws -> Response {
        let collection = try await lookup.owned(id: context.parameters.get("id"), visitor: context.visitor)
        var changes = CollectionChanges()
        if let title = context.form["title"] { changes.title = try CollectionFields.title(title) }
        if let description = context.form["description"] { changes.description = .some(try CollectionFields.description(description)) }
        if let visibility = context.form["visibility"] {
            guard ["public", "private"].contains(visibility) else { throw RequestError.badRequest("visibility is public or private.") }
            changes.isPrivate = visibility == "private"
        }
        do {
            guard let updated = try await library.updateCollection(id: collection.id, changes, now: clock.now()) else {
                throw RequestError.notFound("This collection was deleted.")
            }
            return Redirect.to(CollectionLookup.path(updated))
        } catch let error as LibraryError {
            throw RequestError.conflict(error.description)
        }
    }

    /// "Add to collection" on a paper page: the paper, one of the visitor's collections, a note.
    private func add(_ context: Context) async throws -> Response {
        guard context.visitor.user != nil else { return Redirect.toLogin(next: Self.path) }
        let collection = try await lookup.owned(id: context.form["collection"], visitor: context.visitor)
        let paper = try await PaperFinder.find(context.form["paper"] ?? "", in: repository)
        do {
            _ = try await library.addItem(collectionID: collection.id, paper: paper.id,
                                          note: try CollectionFields.note(context.form["note"]), now: clock.now())
        } catch let error as LibraryError {
            throw RequestError.conflict(error.description)
        }
        return Redirect.to(CollectionLookup.path(collection))
    }

    private func page(_ user: User, _ context: Context, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let rows = try await CollectionRowView.rows(CollectionQuery(ownerID: user.id, viewerID: user.id, limit: 500), in: library)
        let model = AccountCollectionsPage(collections: rows, hasCollections: !rows.isEmpty, error: error,
                                           publicURL: "/u/\(CollectionLookup.encoded(user.name))/collections")
        return renderer.page("account-collections", model, title: "Your collections", visitor: context.visitor, status: status)
    }
}

struct AccountCollectionsPage {
    let collections: [CollectionRowView]
    let hasCollections: Bool
    let error: String?
    let publicURL: String
}

/// One collection in a list of them.
struct CollectionRowView {
    let id: Int
    let title: String
    let description: String?
    let url: String
    let isPrivate: Bool
    let isDefault: Bool
    let count: String
    let updated: String

    init(_ collection: PaperCollection, count: Int) {
        id = collection.id
        title = collection.title
        description = collection.description
        url = CollectionLookup.path(collection)
        isPrivate = collection.isPrivate
        isDefault = collection.isDefault
        self.count = count == 1 ? "1 paper" : "\(count) papers"
        updated = Day(collection.updatedAt).description
    }

    /// The collections `query` selects, each with its number of papers.
    static func rows(_ query: CollectionQuery, in library: any LibraryStore) async throws -> [CollectionRowView] {
        var rows: [CollectionRowView] = []
        for collection in try await library.collections(query) {
            rows.append(CollectionRowView(collection, count: try await library.items(collectionID: collection.id, limit: 10_000).count))
        }
        return rows
    }
}

struct DeleteCollectionPage {
    let id: Int
    let title: String
    let url: String
}
