import Foundation
import Hummingbird
import PaperCore

/// Hugging Face's collections API, so that `huggingface_hub`'s `create_collection`,
/// `get_collection`, `list_collections`, `update_collection_metadata`, `delete_collection`,
/// `add_collection_item`, `update_collection_item` and `delete_collection_item` work unchanged,
/// with papers as the only kind of item. Private collections exist only for their owner (others
/// get a 404); only the owner changes a collection (others get a 403 for a public one).
struct CollectionsAPIController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let library: any LibraryStore
    /// For `?owner=`: collections are listed by their owner's name.
    let accounts: any AccountStore
    let clock: any WallClock

    func register(on router: Router<Context>) {
        router.get("/api/whoami-v2") { _, context in try whoAmI(context) }
        router.get("/api/collections") { request, context in try await list(request, context) }
        router.post("/api/collections") { request, context in try await create(request, context) }
        let one: RouterPath = "/api/collections/:namespace/:slug"
        router.get(one) { _, context in try await show(try await find(context), viewer: context.visitor.user) }
        router.patch(one) { request, context in try await update(request, context) }
        router.delete(one) { _, context in
            let collection = try await owned(context)
            _ = try await library.deleteCollection(id: collection.id)
            return try BodyResponse.json(["deleted": collection.slug])
        }
        router.get("\(one)/export") { request, context in try await export(request, context) }
        router.post("\(one)/items") { request, context in try await addItem(request, context) }
        router.patch("\(one)/items/:item") { request, context in try await updateItem(request, context) }
        router.delete("\(one)/items/:item") { _, context in
            let collection = try await owned(context)
            guard let id = Int(try context.parameters.require("item")),
                  try await library.removeItem(id: id, collectionID: collection.id, now: clock.now()) else {
                throw RequestError.notFound("This collection has no item with that id.")
            }
            return try BodyResponse.json(["deleted": String(id)])
        }
    }

    private func whoAmI(_ context: Context) throws -> BodyResponse {
        try .json(CollectionJSON.WhoAmI(try context.visitor.requireAPIUser(), token: context.visitor.apiToken))
    }

    // MARK: Collections

    private func create(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let user = try context.visitor.requireAPIUser()
        let body = try await JSONBody.decode(CreateBody.self, from: request)
        if let namespace = body.namespace, namespace.lowercased() != user.name.lowercased() {
            throw RequestError.forbidden("You can create collections only in your own namespace, “\(user.name)”.")
        }
        let title = try CollectionFields.title(body.title)
        do {
            let made = try await library.createCollection(ownerID: user.id, title: title,
                                                          description: try CollectionFields.description(body.description),
                                                          isPrivate: body.private ?? true, now: clock.now())
            return try await show(made, viewer: user)
        } catch let LibraryError.titleTaken(existing) {
            return try .json(CollectionJSON.Conflict(error: LibraryError.titleTaken(existing).description, slug: existing.slug),
                             status: .conflict)
        }
    }

    private func update(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let collection = try await owned(context)
        let body = try await JSONBody.decode(UpdateBody.self, from: request)
        var changes = CollectionChanges(isPrivate: body.private)
        if let title = body.title { changes.title = try CollectionFields.title(title) }
        if let description = body.description { changes.description = .some(try CollectionFields.description(description)) }
        do {
            guard let updated = try await library.updateCollection(id: collection.id, changes, now: clock.now()) else {
                throw RequestError.notFound("This collection was deleted.")
            }
            return try .json(CollectionJSON.Updated(data: try await json(updated, viewer: context.visitor.user)))
        } catch let error as LibraryError {
            throw RequestError.conflict(error.description)
        }
    }

    /// `?owner=NAME&item=papers/ID&sort=lastModified&limit=&p=`: public collections (and the
    /// asker's own private ones), most recently changed first, each with its first 4 items.
    private func list(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let limit = try request.integer("limit", default: 100, in: 1...100)
        let page = try request.integer("p", default: 0, in: 0...10_000)
        if let sort = request.query("sort"), !["lastModified", "trending", "upvotes"].contains(sort) {
            throw RequestError.badRequest("sort must be lastModified, trending or upvotes, not '\(sort)'")
        }
        var query = CollectionQuery(viewerID: context.visitor.user?.id, limit: limit, offset: page * limit)
        if let owner = request.query("owner") {
            guard let user = try await accounts.user(named: owner) else { return try .json([String]()) }
            query.ownerID = user.id
        }
        if let item = request.query("item") {
            guard item.hasPrefix("papers/") else { return try .json([String]()) }
            let text = String(item.dropFirst("papers/".count))
            query.containing = ArxivID(parsing: text).map(PaperID.init) ?? PaperID(rawValue: text)
        }
        let found = try await library.collections(query)
        var listed: [CollectionJSON.Collection] = []
        for collection in found {
            listed.append(try await json(collection, viewer: context.visitor.user, itemLimit: 4, withPosition: false))
        }
        var headers: HTTPFields = [:]
        if found.count == limit { headers[.link] = "<\(Self.nextPage(request, page: page + 1))>; rel=\"next\"" }
        return try .json(listed, headers: headers)
    }

    /// The same list's next page, as a path on this site (`huggingface_hub` follows it against
    /// the endpoint it was given).
    private static func nextPage(_ request: Request, page: Int) -> String {
        var parts = ["p=\(page)"]
        for name in ["owner", "item", "sort", "limit"] {
            if let value = request.query(name) { parts.append("\(name)=\(CacheKey.encode(value))") }
        }
        return "/api/collections?" + parts.joined(separator: "&")
    }

    // MARK: Items

    private func addItem(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let collection = try await owned(context)
        let body = try await JSONBody.decode(AddItemBody.self, from: request)
        guard body.item.type == "paper" else {
            throw RequestError.badRequest("Only papers can be collected here: item.type must be \"paper\", not \"\(body.item.type)\".")
        }
        let paper = try await PaperFinder.find(body.item.id, in: repository)
        do {
            _ = try await library.addItem(collectionID: collection.id, paper: paper.id, note: try CollectionFields.note(body.note),
                                          now: clock.now())
        } catch let error as LibraryError {
            throw RequestError.conflict(error.description)
        }
        return try await show(collection, viewer: context.visitor.user)
    }

    private func updateItem(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let collection = try await owned(context)
        let body = try await JSONBody.decode(UpdateItemBody.self, from: request)
        let note: String?? = try body.note.map { try CollectionFields.note($0) }
        guard let id = Int(try context.parameters.require("item")),
              let item = try await library.updateItem(id: id, collectionID: collection.id, note: note, position: body.position,
                                                      now: clock.now()),
              let paper = try await repository.paper(item.paperID) else {
            throw RequestError.notFound("This collection has no item with that id.")
        }
        return try .json(CollectionJSON.Item(item, paper: paper))
    }

    // MARK: Finding and showing

    /// The collection the path names, when the visitor may see it; a 404 otherwise.
    func find(_ context: Context) async throws -> PaperCollection {
        let namespace = try context.parameters.require("namespace")
        let slug = try context.parameters.require("slug")
        guard let id = CollectionSlug.id(in: slug), let collection = try await library.collection(id: id),
              collection.ownerName.lowercased() == namespace.lowercased(),
              !collection.isPrivate || collection.ownerID == context.visitor.user?.id else {
            throw RequestError.notFound("There is no collection \(namespace)/\(slug) (or it is private).")
        }
        return collection
    }

    /// The collection the path names, when the visitor owns it: 401 without a user, 403 for
    /// someone else's public collection, 404 as in `find`.
    private func owned(_ context: Context) async throws -> PaperCollection {
        let user = try context.visitor.requireAPIUser()
        let collection = try await find(context)
        guard collection.ownerID == user.id else { throw RequestError.forbidden("Only its owner can change this collection.") }
        return collection
    }

    private func show(_ collection: PaperCollection, viewer: User?) async throws -> BodyResponse {
        try .json(try await json(collection, viewer: viewer))
    }

    private func json(_ collection: PaperCollection, viewer: User?, itemLimit: Int = 10_000,
                      withPosition: Bool = true) async throws -> CollectionJSON.Collection {
        let items = try await library.items(collectionID: collection.id, limit: itemLimit)
        // Hidden papers leave collections' answers as they leave every other list.
        let papers = Dictionary(try await repository.papers(ids: items.map(\.paperID)).map { ($0.id, $0) },
                                uniquingKeysWith: { first, _ in first })
        var position: Int?
        if withPosition {
            let siblings = try await library.collections(CollectionQuery(ownerID: collection.ownerID, viewerID: viewer?.id))
            position = siblings.firstIndex { $0.id == collection.id } ?? 0
        }
        return CollectionJSON.Collection(collection, items: items.compactMap { item in papers[item.paperID].map { .init(item, paper: $0) } },
                                         position: position)
    }
}
