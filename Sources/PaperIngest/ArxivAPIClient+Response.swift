import AsyncHTTPClient
import Foundation
import PaperCore

extension ArxivAPIClient {
    /// The paper an answer other than `503`/`429` carries for `id`.
    ///
    /// arXiv reports a malformed id as an Atom feed whose one entry has an id under
    /// `/api/errors` (with HTTP 400); that, like a feed without a matching entry, means
    /// "no such paper".
    static func interpret(_ answer: HTTPAnswer, for id: ArxivID) throws -> Paper? {
        let success = (200..<300).contains(answer.status)
        guard success || answer.status == 400 else {
            throw PaperLookupError.badResponse("HTTP \(answer.status)")
        }
        let feed: AtomFeed
        do {
            feed = try AtomFeedParser.parse(answer.body)
        } catch let error as DocumentError where error.reason.hasPrefix(apiErrorPrefix) {
            return nil
        } catch {
            throw PaperLookupError.badResponse(success ? String(describing: error) : "HTTP \(answer.status)")
        }
        guard success else { throw PaperLookupError.badResponse("HTTP \(answer.status)") }
        let wanted = canonical(id.base)
        return feed.papers.first { canonical($0.id.rawValue) == wanted }
    }

    /// How `AtomFeedParser` words arXiv's error entry (see its `parse` documentation).
    private static let apiErrorPrefix = "arXiv API error"

    /// An id as arXiv files it: an old-style id without its subject class
    /// (`math.AG/0601001` → `math/0601001`); a new-style id unchanged.
    static func canonical(_ base: String) -> String {
        guard let slash = base.firstIndex(of: "/") else { return base }
        let archive = base[..<slash]
        guard let dot = archive.firstIndex(of: ".") else { return base }
        return String(archive[..<dot]) + String(base[slash...])
    }
}
