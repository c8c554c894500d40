import PaperCore

/// Writes a parsed `QueryNode` in FTS5's query language.
///
/// Every user word goes inside a double-quoted FTS5 string (with `"` doubled), so no user
/// input is ever read as FTS5 syntax; the result is bound as one parameter of `MATCH ?`.
enum FTS5Expression {
    static func render(_ node: QueryNode) throws -> String {
        switch node {
        case let .words(text, field, prefix):
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? " *" : "")
            guard let field else { return quoted }
            return "\(column(field)) : \(quoted)"
        case let .any(children):
            guard !children.contains(where: \.isNegation) else { throw SearchQueryError.negationWithoutTerm }
            return "(" + (try children.map(render).joined(separator: " OR ")) + ")"
        case let .all(children):
            let positives = children.filter { !$0.isNegation }
            guard !positives.isEmpty else { throw SearchQueryError.negationWithoutTerm }
            var text = "(" + (try positives.map(render).joined(separator: " AND ")) + ")"
            for case let .not(child) in children {
                text += " NOT " + (try render(child))
            }
            return text
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
