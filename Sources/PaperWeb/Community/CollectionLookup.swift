import Foundation
import Hummingbird
import PaperCore

/// Finds the collection a page's path names and checks who may see or change it.
struct CollectionLookup: Sendable {
    let library: any LibraryStore

    /// `/u/{name}/collections/{slug}`: the collection when the visitor may see it (public, or
    /// theirs); a 404 otherwise, so a private collection's existence is not told.
    func visible(name: String, slug: String, visitor: Visitor) async throws -> PaperCollection {
        guard let id = CollectionSlug.id(in: slug), let collection = try await library.collection(id: id),
              collection.ownerName.lowercased() == name.lowercased(),
              !collection.isPrivate || collection.ownerID == visitor.user?.id else {
            throw RequestError.notFound("There is no collection \(name)/\(slug) (or it is private).")
        }
        return collection
    }

    /// The collection with `id` when the visitor owns it: 403 without a log-in, 404 otherwise.
    func owned(id text: String?, visitor: Visitor) async throws -> PaperCollection {
        let user = try visitor.requireUser()
        guard let id = text.flatMap({ Int($0) }), let collection = try await library.collection(id: id),
              collection.ownerID == user.id else {
            throw RequestError.notFound("You have no collection with this id.")
        }
        return collection
    }

    /// The collection's page: `/u/{owner}/collections/{words-id}`.
    static func path(_ collection: PaperCollection) -> String {
        let last = collection.slug.split(separator: "/").last.map(String.init) ?? String(collection.id)
        return "/u/\(Self.encoded(collection.ownerName))/collections/\(last)"
    }

    static func encoded(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? segment
    }
}
