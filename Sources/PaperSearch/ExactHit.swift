import PaperCore

/// A query that names one paper outright: an arXiv id or link (`2608.13558`,
/// `arXiv:2608.13558v2`, `https://arxiv.org/abs/2608.13558`), a DOI or DOI link
/// (`10.1145/3292500.3330701`, `https://doi.org/10.…`; arXiv's own `10.48550/arXiv.2608.13558`
/// is its id), or a title in quotes. Keyword and hybrid search put that paper first, whatever
/// BM25 thinks of the words.
struct ExactHit {
    private enum Name {
        case arxiv(PaperID)
        case doi(String)
        case title(String)
    }

    private let name: Name

    /// `nil` unless the whole query is one id, link or quoted phrase, without filters.
    init?(_ query: SearchQuery) {
        guard query.years == nil, case let .words(text, nil, false) = query.text else { return nil }
        if let arxiv = ArxivID(parsing: text) {
            name = .arxiv(PaperID(arxiv))
        } else if let doi = Self.doi(in: text) {
            let arxivDOI = "10.48550/arxiv."
            if doi.lowercased().hasPrefix(arxivDOI), let arxiv = ArxivID(parsing: String(doi.dropFirst(arxivDOI.count))) {
                name = .arxiv(PaperID(arxiv))
            } else {
                name = .doi(doi)
            }
        } else if text.contains(where: \.isWhitespace) {
            // Only a quoted phrase keeps spaces inside one word of the query.
            name = .title(Self.normalized(text))
        } else {
            return nil
        }
    }

    /// The named paper: looked up by id, or the one among `hits` (the phrase's matches) whose
    /// title is the phrase, ignoring case, punctuation and spacing.
    func paper(in repository: any PaperRepository, among hits: [SearchHit]) async throws -> Paper? {
        switch name {
        case let .arxiv(id):
            if let hit = hits.first(where: { $0.paper.id == id }) { return hit.paper }
            return try await repository.paper(id)
        case let .doi(doi):
            return try await repository.paper(doi: doi)
        case let .title(title):
            return hits.first { Self.normalized($0.paper.title) == title }?.paper
        }
    }

    /// The DOI `text` is (`10.<registrant>/<suffix>`), with a `doi:` or doi.org link prefix taken off.
    static func doi(in text: String) -> String? {
        let lowered = text.lowercased()
        let prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"]
        let bare = prefixes.first { lowered.hasPrefix($0) }.map { String(text.dropFirst($0.count)) } ?? text
        guard bare.wholeMatch(of: /10\.[0-9]{4,9}\/\S+/) != nil else { return nil }
        return bare.removingPercentEncoding ?? bare
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }
}
