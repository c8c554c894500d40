import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// `/search/export?q=…&mode=…&format=bibtex|ris|csl-json`: a search's results (the same query
/// and mode as the search page, at most `BibliographyDownload.maxSearchPapers`) as a file.
struct SearchExportController<Context: VisitorRequestContext> {
    let searcher: PaperSearcher

    func register(on router: Router<Context>) {
        router.get("/search/export") { request, context in try await export(request) }
    }

    private func export(_ request: Request) async throws -> Response {
        guard let text = request.query("q") else { throw RequestError.badRequest("q is required: the words to search for") }
        let format = try BibliographyDownload.format(request.query("format"))
        let mode = try SearchModeParameter.parse(request)
        let limit = try request.integer("limit", default: BibliographyDownload.maxSearchPapers,
                                        in: 1...BibliographyDownload.maxSearchPapers)
        let query: SearchQuery
        do {
            query = try QueryParser.parseLeniently(text).query
        } catch {
            throw RequestError.badRequest(error.description)
        }
        let papers = try await searcher.search(query, mode: mode, limit: limit, offset: 0).page.hits.map(\.paper)
        return BibliographyDownload.response(papers, format: format, name: "search-" + text)
    }

    /// The download links a search page shows for `text` in `mode`.
    static func links(query text: String, mode: SearchMode) -> [DownloadLink] {
        let encoded = CacheKey.encode(text)
        return BibliographyDownload.links { "/search/export?q=\(encoded)&mode=\(mode.rawValue)&format=\($0.rawValue)" }
    }
}
