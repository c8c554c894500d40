import Foundation
import Hummingbird
import PaperCore

/// `/u/{name}/collections` (a user's public collections, and all of them for the user) and
/// `/u/{name}/collections/{slug}`: a collection's papers with their notes, which its owner
/// edits or removes; its RSS and Atom feeds and its BibTeX, RIS and CSL-JSON downloads
/// (`feed.rss`, `feed.atom`, `export.bib`, `export.ris`, `export.json`). A private collection
/// is a 404 to everyone but its owner.
struct CollectionPageController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let library: any LibraryStore
    let accounts: any AccountStore
    let renderer: PageRenderer
    let marks: CardMarks
    let siteName: String
    let site: SiteAddress
    /// Imports are counted like submissions (each can cost a search per reference).
    let limiter: RateLimiter
    let limits: RateLimits
    let clock: any WallClock

    private var lookup: CollectionLookup { CollectionLookup(library: library) }

    func register(on router: Router<Context>) {
        router.get("/u/:name/collections") { _, context in try await list(context) }
        let one: RouterPath = "/u/:name/collections/:slug"
        router.get(one) { _, context in try await page(try await find(context), context) }
        router.get("\(one)/:file") { request, context in try await file(try await find(context), request, context) }
        router.post("\(one)/items/:item/note") { _, context in
            let collection = try await owned(context)
            guard let id = Int(try context.parameters.require("item")),
                  try await library.updateItem(id: id, collectionID: collection.id,
                                               note: .some(try CollectionFields.note(context.form["note"])), position: nil,
                                               now: clock.now()) != nil else {
                throw RequestError.notFound("This collection has no item with that id.")
            }
            return Redirect.to(CollectionLookup.path(collection) + "#item-\(id)")
        }
        router.post("\(one)/items/:item/remove") { _, context in
            let collection = try await owned(context)
            guard let id = Int(try context.parameters.require("item")),
                  try await library.removeItem(id: id, collectionID: collection.id, now: clock.now()) else {
                throw RequestError.notFound("This collection has no item with that id.")
            }
            return Redirect.to(CollectionLookup.path(collection))
        }
        router.post("\(one)/import") { _, context in
            let collection = try await owned(context)
            let upload = BibliographyUpload(repository: repository, library: library, limiter: limiter, limits: limits, clock: clock)
            return try await page(collection, context, report: try await upload.run(context.form, into: collection))
        }
    }

    private func find(_ context: Context) async throws -> PaperCollection {
        try await lookup.visible(name: try context.parameters.require("name"), slug: try context.parameters.require("slug"),
                                 visitor: context.visitor)
    }

    /// The collection when the visitor owns it: 403 for someone else's, 404 as in `find`.
    private func owned(_ context: Context) async throws -> PaperCollection {
        let user = try context.visitor.requireUser()
        let collection = try await find(context)
        guard collection.ownerID == user.id else { throw RequestError.forbidden("Only its owner can change this collection.") }
        return collection
    }

    private func list(_ context: Context) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let owner = try await accounts.user(named: name) else { throw RequestError.notFound("There is no user \(name).") }
        let rows = try await CollectionRowView.rows(CollectionQuery(ownerID: owner.id, viewerID: context.visitor.user?.id, limit: 500),
                                                    in: library)
        let model = UserCollectionsPage(name: owner.name, profileURL: "/u/\(CollectionLookup.encoded(owner.name))",
                                        collections: rows, isSelf: context.visitor.user?.id == owner.id)
        return renderer.page("user-collections", model, title: "\(owner.name)’s collections", visitor: context.visitor)
    }

    private func page(_ collection: PaperCollection, _ context: Context,
                      report: BibliographyImportReport? = nil) async throws -> Response {
        let entries = try await CollectionPapers.load(collection, library: library, repository: repository)
        var cards = entries.map { PaperCard($0.1) }
        try await marks.mark(&cards, for: context.visitor, hiding: false)
        let isOwner = context.visitor.user?.id == collection.ownerID
        let items = zip(entries, cards).map { entry, card in
            CollectionItemView(id: entry.0.id, card: card, note: entry.0.note, isOwner: isOwner)
        }
        let path = CollectionLookup.path(collection)
        let model = CollectionPageModel(collection, path: path, items: items, isOwner: isOwner, report: report.map(ImportReportView.init))
        var chrome = PageChrome(title: collection.title, description: collection.description)
        chrome.rssURL = path + "/feed.rss"
        chrome.atomURL = path + "/feed.atom"
        let html = renderer.render("collection", model, chrome: chrome, visitor: context.visitor)
        var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `feed.rss`, `feed.atom`, `export.bib`, `export.ris`, `export.json` (or `export?format=`).
    private func file(_ collection: PaperCollection, _ request: Request, _ context: Context) async throws -> Response {
        let name = try context.parameters.require("file")
        let entries = try await CollectionPapers.load(collection, library: library, repository: repository)
        let papers = entries.map(\.1)
        let path = CollectionLookup.path(collection)
        switch name {
        case "feed.rss", "feed.atom":
            let document = FeedDocument(title: "\(siteName): \(collection.title)",
                                        description: collection.description ?? "Papers \(collection.ownerName) collected.",
                                        siteURL: site.absolute(""), pageURL: site.absolute(path), feedURL: site.absolute(path + "/" + name),
                                        papers: entries.sorted { $0.0.addedAt > $1.0.addedAt }.map(\.1), updated: collection.updatedAt)
            let format: FeedFormat = name == "feed.rss" ? .rss : .atom
            let body = document.rendered(format)
            return Response(status: .ok, headers: [.contentType: format.contentType, .eTag: ETag.of(body)],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        default:
            let format: BibliographyFormat
            if name == "export" {
                format = try BibliographyDownload.format(request.query("format"))
            } else if name.hasPrefix("export."), let named = BibliographyFormat.allCases.first(where: { "export." + $0.fileExtension == name }) {
                format = named
            } else {
                throw RequestError.notFound("A collection has feed.rss, feed.atom, export.bib, export.ris and export.json.")
            }
            return BibliographyDownload.response(papers, format: format, name: "\(collection.ownerName)-\(CollectionSlug.words(collection.title))")
        }
    }
}

struct UserCollectionsPage {
    let name: String
    let profileURL: String
    let collections: [CollectionRowView]
    let isSelf: Bool
}

struct CollectionItemView {
    let id: Int
    let card: PaperCard
    let note: String?
    let isOwner: Bool
}

struct CollectionPageModel {
    let id: Int
    let title: String
    let description: String?
    let owner: String
    let ownerURL: String
    let path: String
    let isPrivate: Bool
    let isOwner: Bool
    let items: [CollectionItemView]
    let isEmpty: Bool
    let count: String
    let downloads: [DownloadLink]
    let report: ImportReportView?
    let maxImportMB: Int

    init(_ collection: PaperCollection, path: String, items: [CollectionItemView], isOwner: Bool, report: ImportReportView?) {
        id = collection.id
        title = collection.title
        description = collection.description
        owner = collection.ownerName
        ownerURL = "/u/\(CollectionLookup.encoded(collection.ownerName))"
        self.path = path
        isPrivate = collection.isPrivate
        self.isOwner = isOwner
        self.items = items
        isEmpty = items.isEmpty
        count = items.count == 1 ? "1 paper" : "\(items.count) papers"
        downloads = BibliographyDownload.links(collectionPath: path)
        self.report = report
        maxImportMB = UploadForm.maxMegabytes
    }
}

/// What an import did, for the collection page.
struct ImportReportView {
    let summary: String
    let notFound: [String]
    let hasNotFound: Bool
    let malformed: [String]
    let hasMalformed: Bool

    init(_ report: BibliographyImportReport) {
        summary = report.summary
        notFound = Array(report.notFound.prefix(100))
        hasNotFound = !report.notFound.isEmpty
        malformed = Array(report.malformed.prefix(100))
        hasMalformed = !report.malformed.isEmpty
    }
}
