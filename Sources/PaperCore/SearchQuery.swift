/// A parsed keyword query, independent of any database dialect.
///
/// `PaperSearch.QueryParser` builds it from what a user typed; each store translates it into
/// its own full-text syntax with every user word bound or quoted, never spliced raw.
public struct SearchQuery: Hashable, Sendable {
    /// The full-text part; `nil` when the query only filters (e.g. `year:2024`).
    public var text: QueryNode?
    /// Publication years to keep (`year:2024`, `year:2020-2023`).
    public var years: ClosedRange<Int>?

    public init(text: QueryNode?, years: ClosedRange<Int>? = nil) {
        self.text = text
        self.years = years
    }

    /// The plain words the user asked for (not negated), for highlighting and exact-form ranking.
    public var positiveWords: [String] { text?.positiveWords ?? [] }
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
    /// At least one child must match.
    case any([QueryNode])
    /// The child must not match; only valid inside `all` beside a positive child.
    case not(QueryNode)

    var positiveWords: [String] {
        switch self {
        case let .words(text, field, _): field == .categories ? [] : [text]
        case let .all(children), let .any(children): children.flatMap(\.positiveWords)
        case .not: []
        }
    }
}
