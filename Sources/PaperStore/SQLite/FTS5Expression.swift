import PaperCore

/// Writes a parsed `QueryNode` in FTS5's query language.
///
/// Every user word goes inside a double-quoted FTS5 string (with `"` doubled), so no user
/// input is ever read as FTS5 syntax; the result is bound as one parameter of `MATCH ?`.
/// FTS5's NOT is binary (`a NOT b`) and binds tighter than AND, so every group is written in
/// parentheses of its own: `a -(b -c)` becomes `(("a") NOT (("b") NOT "c"))`, which means
/// a AND NOT (b AND NOT c) as on PostgreSQL, not ((a NOT b) NOT c).
enum FTS5Expression {
    static func render(_ node: QueryNode) throws -> String {
        switch node {
        case let .words(text, field, prefix):
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? " *" : "")
            guard let field else { return quoted }
            return "\(column(field)) : \(quoted)"
        case let .any(children), let .some(children):
            guard !children.contains(where: \.isNegation) else { throw SearchQueryError.negationWithoutTerm }
            return "(" + (try children.map(render).joined(separator: " OR ")) + ")"
        case let .all(children):
            var positives: [QueryNode] = []
            var negatives: [QueryNode] = []
            for child in children {
                switch child {
                case let .not(.not(inner)): positives.append(inner)
                case let .not(inner): negatives.append(inner)
                default: positives.append(child)
                }
            }
            guard !positives.isEmpty else { throw SearchQueryError.negationWithoutTerm }
            var text = "(" + (try positives.map(render).joined(separator: " AND ")) + ")"
            for negative in negatives {
                text += " NOT " + (try render(negative))
            }
            return "(" + text + ")"
        case let .not(.not(inner)):
            return try render(inner)
        case .not:
            throw SearchQueryError.negationWithoutTerm
        }
    }

    private static func column(_ field: TextField) -> String {
        switch field {
        case .title: "title"
        case .abstract: "abstract"
        case .authors: "author_names"
        case .categories: "categories"
        }
    }
}
