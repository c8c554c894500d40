import PaperCore
import SQLKit

/// Writes a parsed `QueryNode` as a PostgreSQL boolean expression over the `search` column.
/// Every user word is a bound parameter of `phraseto_tsquery`, never part of the SQL text;
/// a prefix keeps only letters and digits, quoted for `to_tsquery` so that a word its parser
/// splits (`a½b*`) is a phrase of prefixes rather than a syntax error. Text made only of stop
/// words, which the `english` configuration drops (so it would match nothing), is matched with
/// the `simple` configuration instead, unindexed: the parser keeps such words only when a
/// query has nothing else, or when the user asked for them (`"the"`, `AND`).
enum TSQueryExpression {
    static func render(_ node: QueryNode) -> any SQLExpression {
        switch node {
        case let .words(text, field, prefix) where !prefix && field != .authors && field != .categories
            && EnglishStopWords.covers(text):
            return SQLBinaryExpression(left: plainVector(field), op: SQLRaw("@@"),
                                       right: SQLFunction("phraseto_tsquery", args: SQLLiteral.string("simple"), SQLBind(text)))
        case let .words(text, field, prefix):
            return SQLBinaryExpression(left: vector(field), op: SQLRaw("@@"), right: query(text, field: field, prefix: prefix))
        case let .all(children):
            return group(children.map(render), joinedBy: .and)
        case let .any(children), let .some(children):
            // Free words become one tsquery, tested with one `@@`: each `@@` reads (and
            // decompresses) the paper's vector again.
            let free = children.compactMap(freeWordsQuery)
            let others = children.filter { freeWordsQuery($0) == nil }.map(render)
            guard let first = free.first else { return group(others, joinedBy: .or) }
            let merged = free.dropFirst().reduce(first) { SQLBinaryExpression(left: $0, op: SQLRaw("||"), right: $1) }
            let test = SQLBinaryExpression(left: vector(nil), op: SQLRaw("@@"), right: SQLGroupExpression(merged))
            return group([test] + others, joinedBy: .or)
        case let .not(child):
            return SQLGroupExpression(SQLQueryString("NOT \(render(child))"))
        }
    }

    /// The tsquery of an unfielded word, phrase or prefix over the indexed vector; `nil` for
    /// anything else (fields, operators, stop words matched unindexed).
    private static func freeWordsQuery(_ node: QueryNode) -> (any SQLExpression)? {
        guard case let .words(text, nil, prefix) = node, prefix || !EnglishStopWords.covers(text) else { return nil }
        return query(text, field: nil, prefix: prefix)
    }

    private static func group(_ parts: [any SQLExpression], joinedBy op: SQLBinaryOperator) -> any SQLExpression {
        SQLGroupExpression(parts.dropFirst().reduce(parts[0]) { SQLBinaryExpression($0, op, $1) })
    }

    /// The indexed vector for free words; a per-column vector for fielded ones.
    private static func vector(_ field: TextField?) -> any SQLExpression {
        switch field {
        case nil: SQLColumn("search", table: "papers")
        case .title?: SQLFunction("to_tsvector", args: SQLLiteral.string("english"), SQLColumn("title", table: "papers"))
        case .abstract?: SQLFunction("to_tsvector", args: SQLLiteral.string("english"), SQLColumn("abstract", table: "papers"))
        case .authors?: SQLFunction("to_tsvector", args: SQLLiteral.string("simple"), SQLColumn("author_names", table: "papers"))
        case .categories?: SQLFunction("to_tsvector", args: SQLLiteral.string("simple"), SQLColumn("categories", table: "papers"))
        }
    }

    /// Title and abstract with every word kept, for stop words.
    private static func plainVector(_ field: TextField?) -> any SQLExpression {
        let text: any SQLExpression = switch field {
        case .title?: SQLColumn("title", table: "papers")
        case .abstract?: SQLColumn("abstract", table: "papers")
        default: SQLQueryString("\(ident: "papers").\(ident: "title") || ' ' || \(ident: "papers").\(ident: "abstract")")
        }
        return SQLFunction("to_tsvector", args: SQLLiteral.string("simple"), text)
    }

    /// The lexemes of words as typed (stop words dropped), for ranking and counting.
    static func plainWords(_ text: String) -> SQLFunction {
        SQLFunction("plainto_tsquery", args: SQLLiteral.string("english"), SQLBind(text))
    }

    private static func query(_ text: String, field: TextField?, prefix: Bool) -> any SQLExpression {
        let configuration = SQLLiteral.string(field == .authors || field == .categories ? "simple" : "english")
        if prefix {
            // No quote or backslash is left to end the quoted word early.
            let pieces = text.map { $0.isLetter || $0.isNumber ? $0 : " " }.split(separator: " ")
            let word = String(pieces.joined(separator: " ").prefix(64))
            return SQLFunction("to_tsquery", args: configuration, SQLBind(word.isEmpty ? "'_':*" : "'\(word)':*"))
        }
        return SQLFunction("phraseto_tsquery", args: configuration, SQLBind(text))
    }
}
