import PaperCore

/// A keyword query read for semantic search: its free words become the text to embed, its
/// fields and exclusions become a filter applied to the nearest papers, so `author:`, `cat:`,
/// `year:` and `-word` mean the same in every mode.
struct SemanticQuery {
    var text: String
    var authors: [String]
    var categories: [String]
    var excluded: [String]
    var years: ClosedRange<Int>?

    init(_ query: SearchQuery) {
        var words: [String] = []
        var authors: [String] = []
        var categories: [String] = []
        var excluded: [String] = []
        func collect(_ node: QueryNode, negated: Bool) {
            switch node {
            case let .words(text, field, _):
                switch (field, negated) {
                case (_, true): excluded.append(text.lowercased())
                case (.authors?, false): authors.append(text.lowercased())
                case (.categories?, false): categories.append(text.lowercased())
                default: words.append(text)
                }
            case let .all(children), let .any(children), let .some(children):
                children.forEach { collect($0, negated: negated) }
            case let .not(child):
                collect(child, negated: !negated)
            }
        }
        if let node = query.text { collect(node, negated: false) }
        // The words as typed read better to the sentence model than the keyword terms, which
        // have no stop words ("how do robots learn" rather than "robots learn").
        text = query.typedText ?? words.joined(separator: " ")
        self.authors = authors
        self.categories = categories
        self.excluded = excluded
        years = query.years
    }

    /// Whether there is anything to embed.
    var hasText: Bool { !text.isEmpty }

    /// Whether the query filters at all, so candidates must be checked against the papers.
    var filters: Bool { !authors.isEmpty || !categories.isEmpty || !excluded.isEmpty || years != nil }

    func admits(_ paper: Paper) -> Bool {
        let names = paper.authors.map { $0.name.lowercased() }
        guard authors.allSatisfy({ wanted in names.contains { $0.contains(wanted) } }) else { return false }
        let cats = paper.categories.map { $0.lowercased() }
        guard categories.allSatisfy({ wanted in cats.contains { $0 == wanted || $0.hasPrefix(wanted + ".") } }) else { return false }
        if let years {
            guard let year = paper.publishedAt.map({ Day($0).year }) ?? paper.listedOn?.year, years.contains(year) else { return false }
        }
        let text = (paper.title + " " + paper.abstract).lowercased()
        return !excluded.contains { text.contains($0) }
    }
}
