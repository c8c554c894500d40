import Foundation
import HTTPTypes
import Hummingbird
import PaperCore

/// A list of papers as a BibTeX, RIS or CSL-JSON file to save: `Content-Disposition: attachment`
/// with a file name made only of safe characters.
enum BibliographyDownload {
    /// Most papers a search export holds.
    static let maxSearchPapers = 500

    static func response(_ papers: [Paper], format: BibliographyFormat, name: String) -> Response {
        var response = Response(status: .ok, headers: [.contentType: format.mediaType],
                                body: .init(byteBuffer: ByteBuffer(string: format.render(papers))))
        response.headers[.contentDisposition] = "attachment; filename=\"\(format.fileName(name))\""
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The `format` parameter (`bibtex`, `ris`, `csl-json`), BibTeX when absent, else a 400.
    static func format(_ text: String?) throws -> BibliographyFormat {
        guard let text else { return .bibtex }
        guard let format = BibliographyFormat(name: text) else {
            throw RequestError.badRequest("format must be bibtex, ris or csl-json, not '\(text.prefix(40))'")
        }
        return format
    }

    /// One link per format, for a page: `base` is the export's path without its parameters.
    static func links(_ url: (BibliographyFormat) -> String) -> [DownloadLink] {
        BibliographyFormat.allCases.map { DownloadLink(label: $0.label, url: url($0)) }
    }

    /// The links of the collection page at `path` (`…/export.bib`, `.ris`, `.json`).
    static func links(collectionPath path: String) -> [DownloadLink] {
        links { path + "/export." + $0.fileExtension }
    }
}

struct DownloadLink {
    let label: String
    let url: String
}

/// The papers of a collection's items, in the items' order; hidden papers leave it as they
/// leave every list.
enum CollectionPapers {
    static func load(_ collection: PaperCollection, library: any LibraryStore, repository: any PaperRepository,
                     limit: Int = 10_000) async throws -> [(CollectionItem, Paper)] {
        let items = try await library.items(collectionID: collection.id, limit: limit)
        let papers = Dictionary(try await repository.papers(ids: items.map(\.paperID)).map { ($0.id, $0) },
                                uniquingKeysWith: { first, _ in first })
        return items.compactMap { item in papers[item.paperID].map { (item, $0) } }
    }
}
