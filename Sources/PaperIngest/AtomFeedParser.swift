import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PaperCore

/// One page of an arXiv API (`/api/query`) response.
public struct AtomFeed: Sendable {
    /// The papers of this page, in the feed's order.
    public var papers: [Paper]
    /// How many papers match the query in all (`opensearch:totalResults`).
    public var totalResults: Int?
    /// The 0-based index of this page's first paper (`opensearch:startIndex`).
    public var startIndex: Int?
    /// The page size asked for (`opensearch:itemsPerPage`).
    public var itemsPerPage: Int?
    /// Entries that could not be read as papers (e.g. an id that is not an arXiv id).
    public var skipped: [SkippedRecord]

    /// A page; the parser builds these, tests and fakes may too.
    public init(
        papers: [Paper] = [], totalResults: Int? = nil, startIndex: Int? = nil,
        itemsPerPage: Int? = nil, skipped: [SkippedRecord] = []
    ) {
        self.papers = papers
        self.totalResults = totalResults
        self.startIndex = startIndex
        self.itemsPerPage = itemsPerPage
        self.skipped = skipped
    }
}

/// Reads arXiv API Atom feeds, both the current serialisation and the older one (2016) with
/// hard-wrapped titles and namespaces declared on each element.
public enum AtomFeedParser {
    /// The papers and paging of one response.
    ///
    /// - Throws: `DocumentError` for malformed XML (with its line number), for a document that
    ///   is not an Atom feed, and for arXiv's error feed (HTTP 400: one entry titled "Error"
    ///   whose id is under `/api/errors`), whose message the error carries.
    public static func parse(_ data: Data) throws -> AtomFeed {
        let delegate = AtomDelegate()
        try XMLDocumentParsing.parse(data, with: delegate)
        return delegate.feed
    }
}

/// Collects the feed while `XMLParser` streams through it.
private final class AtomDelegate: StrictXMLDelegate {
    static let atom = "http://www.w3.org/2005/Atom"
    static let arxiv = "http://arxiv.org/schemas/atom"
    static let openSearch = "http://a9.com/-/spec/opensearch/1.1/"

    var feed = AtomFeed()
    private var entry: EntryFields?

    /// What one `<entry>` says, before it becomes a `Paper`.
    private struct EntryFields {
        var id = "", title = "", summary = "", published = "", updated = ""
        var doi = "", journalRef = ""
        var authors: [String] = []
        var categories: [String] = []
        var primaryCategory: String?
    }

    override func didStart(
        _ name: String, namespace: String, qualifiedName: String?, attributes: [String: String], parser: XMLParser
    ) {
        if elementCount == 1, name != "feed" {
            fail(DocumentError("not an Atom feed: the root element is <\(qualifiedName ?? name)>"), parser: parser)
            return
        }
        switch (namespace, name) {
        case (Self.atom, "entry"):
            entry = EntryFields()
        case (Self.atom, "category"):
            if let term = attributes["term"].nonEmpty { entry?.categories.append(term) }
        case (Self.arxiv, "primary_category"):
            entry?.primaryCategory = attributes["term"].nonEmpty
        default:
            break
        }
    }

    override func didEnd(_ name: String, namespace: String, parser: XMLParser) {
        if var current = entry {
            switch (namespace, name) {
            case (Self.atom, "id"): current.id = text.trimmed
            case (Self.atom, "title"): current.title = text
            case (Self.atom, "summary"): current.summary = text
            case (Self.atom, "published"): current.published = text
            case (Self.atom, "updated"): current.updated = text
            case (Self.atom, "name"): current.authors.append(text.collapsingWhitespace)
            case (Self.arxiv, "doi"): current.doi = text
            case (Self.arxiv, "journal_ref"): current.journalRef = text
            case (Self.atom, "entry"):
                finish(current, parser: parser)
                entry = nil
                return
            default: break
            }
            entry = current
            return
        }
        switch (namespace, name) {
        case (Self.openSearch, "totalResults"): feed.totalResults = Int(text.trimmed)
        case (Self.openSearch, "startIndex"): feed.startIndex = Int(text.trimmed)
        case (Self.openSearch, "itemsPerPage"): feed.itemsPerPage = Int(text.trimmed)
        default: break
        }
    }

    /// Turns a finished entry into a paper, a skipped record, or the API's error.
    private func finish(_ fields: EntryFields, parser: XMLParser) {
        if fields.id.contains("/api/errors") {
            let message = fields.summary.collapsingWhitespace
            fail(DocumentError("arXiv API error: \(message.isEmpty ? fields.id : message)"), parser: parser)
            return
        }
        guard let arxiv = ArxivID(parsing: fields.id) else {
            let reason = fields.id.isEmpty ? "entry has no <id>" : "\"\(fields.id)\" is not an arXiv id"
            feed.skipped.append(SkippedRecord(location: "entry \(feed.papers.count + feed.skipped.count + 1)", reason: reason))
            return
        }
        var categories = fields.categories
        if let primary = fields.primaryCategory {
            categories.removeAll { $0 == primary }
            categories.insert(primary, at: 0)
        }
        var unique: [String] = []
        for category in categories where !unique.contains(category) { unique.append(category) }
        feed.papers.append(Paper(
            id: PaperID(arxiv),
            version: arxiv.version,
            title: fields.title.collapsingWhitespace,
            abstract: fields.summary.collapsingWhitespace,
            authors: fields.authors.filter { !$0.isEmpty }.map { Author(name: $0) },
            categories: unique,
            publishedAt: DateParsing.iso8601(fields.published),
            updatedAt: DateParsing.iso8601(fields.updated),
            doi: fields.doi.nonEmpty,
            journalRef: fields.journalRef.nonEmpty?.collapsingWhitespace,
            source: .arxivAtom
        ))
    }
}
