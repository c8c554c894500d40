/// A parsed keyword query, independent of any database dialect.
///
/// `PaperSearch.QueryParser` builds it from what a user typed; each store translates it into
/// its own full-text syntax with every user word bound or quoted, never spliced raw. Every
/// query the parser returns runs on every store, with the same matches but for stemming and
/// stop words; what a store cannot run the parser refuses with a `SearchQueryError`.
public struct SearchQuery: Hashable, Sendable {
    /// The full-text part; `nil` when the query only filters (e.g. `year:2024`).
    public var text: QueryNode?
    /// Publication years to keep (`year:2024`, `year:2020-2023`).
    public var years: ClosedRange<Int>?
    /// The words asked for as typed, in order, stop words included ("how do robots learn"),
    /// without fields, negations and operators: what a sentence model reads best. `nil` when
    /// the query was not parsed from typed text.
    public var typedText: String?

    public init(text: QueryNode?, years: ClosedRange<Int>? = nil, typedText: String? = nil) {
        self.text = text
        self.years = years
        self.typedText = typedText
    }

    /// The plain words the user asked for (not negated), for highlighting and exact-form ranking.
    public var positiveWords: [String] { text?.positiveWords ?? [] }

    /// The same query with every word of every `some` group required: the papers that match
    /// all the words. `nil` when the query has no such group, so every match matches it all.
    public var allWordsRequired: QueryNode? {
        guard let text, text.hasSomeGroup else { return nil }
        return text.requiringAllWords
    }
}

/// The columns a query word can be restricted to.
public enum TextField: String, Hashable, Sendable, CaseIterable {
    case title, abstract, authors, categories
}

/// A node of the full-text part of a query.
public indirect enum QueryNode: Hashable, Sendable {
    /// One word or a quoted phrase, optionally restricted to a field; `prefix` for `word*`.
    case words(String, field: TextField?, prefix: Bool)
    /// Every child must match.
    case all([QueryNode])
    /// At least one child must match (an explicit `OR`).
    case any([QueryNode])
    /// Words typed side by side: at least one must match, and papers with more of them (rarer
    /// ones, in the title) rank first. Matches like `any`; kept apart so that a store can tell
    /// the papers with all the words from those with some, and say so.
    case some([QueryNode])
    /// The child must not match; only valid inside `all` beside a positive child. The parser
    /// never nests one directly in another (`NOT NOT x` is `x`).
    case not(QueryNode)

    /// Whether this node excludes rather than matches.
    public var isNegation: Bool {
        if case .not = self { return true }
        return false
    }

    var positiveWords: [String] {
        switch self {
        case let .words(text, field, _): field == .categories ? [] : [text]
        case let .all(children), let .any(children), let .some(children): children.flatMap(\.positiveWords)
        case .not: []
        }
    }

    var hasSomeGroup: Bool {
        switch self {
        case .words: false
        case .some: true
        case let .all(children), let .any(children): children.contains(where: \.hasSomeGroup)
        case let .not(child): child.hasSomeGroup
        }
    }

    /// This node with each `some` read as `all`.
    var requiringAllWords: QueryNode {
        switch self {
        case .words: self
        case let .some(children), let .all(children): .all(children.map(\.requiringAllWords))
        case let .any(children): .any(children.map(\.requiringAllWords))
        case let .not(child): .not(child.requiringAllWords)
        }
    }
}

/// Why a query cannot be run. The message is meant for the person who typed it.
public enum SearchQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    case unbalancedQuote
    case unbalancedParenthesis
    case danglingOperator(String)
    case emptyField(String)
    case badYear(String)
    case negationWithoutTerm
    case empty
    case tooLong(Int)
    case tooDeep(Int)
    case tooManyTerms(Int)

    public var description: String {
        switch self {
        case .unbalancedQuote: "A quotation mark is not closed: add the closing \" or remove the opening one."
        case .unbalancedParenthesis: "A parenthesis is not matched: check that every ( has its )."
        case let .danglingOperator(op) where op == "NOT": "NOT needs a search term after it, as in: vision NOT language."
        case let .danglingOperator(op): "\(op) needs a search term on both sides, as in: vision \(op) language."
        case let .emptyField(field): "\(field): needs a value right after the colon, as in \(field):example."
        case let .badYear(text): "year:\(text) is not a year or range: use year:2024 or year:2020-2023."
        case .negationWithoutTerm: "A query cannot only exclude: add a term to search for beside NOT or -."
        case .empty: "The query is empty: type a few words to search for."
        case let .tooLong(limit): "The query is too long: keep it under \(limit) characters."
        case let .tooDeep(limit): "The query nests too deeply: use at most \(limit) levels of parentheses and NOT."
        case let .tooManyTerms(limit): "The query has too many terms: use at most \(limit) words, phrases and fields."
        }
    }
}
