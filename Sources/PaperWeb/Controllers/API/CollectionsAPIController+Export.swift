import Foundation
import Hummingbird
import PaperCore

extension CollectionsAPIController {
    /// `GET /api/collections/{namespace}/{slug}/export?format=bibtex|ris|csl-json`: the
    /// collection's papers as a file, for its owner (a private one) or anyone (a public one).
    func export(_ request: Request, _ context: Context) async throws -> Response {
        let collection = try await find(context)
        let format = try BibliographyDownload.format(request.query("format"))
        let papers = try await CollectionPapers.load(collection, library: library, repository: repository).map(\.1)
        return BibliographyDownload.response(papers, format: format,
                                             name: "\(collection.ownerName)-\(CollectionSlug.words(collection.title))")
    }
}
