import PaperCore

/// A piece of a query as the user typed it.
enum QueryToken: Hashable {
    /// A bare or quoted word, with an optional `field:` in front and a `-` before it.
    case term(text: String, quoted: Bool, field: String?, negated: Bool)
    case and, or, not
    case open(negated: Bool), close

    var isTerm: Bool {
        if case .term = self { return true }
        return false
    }

    /// A word as typed: no field, no `-`.
    private var isPlainTerm: Bool {
        if case .term(_, _, nil, false) = self { return true }
        return false
    }

    /// `tokens` without the parentheses that group nothing but words, next to no operator:
    /// in "sars-cov-2 (2019-ncov)" or "(covid) treatment" they are punctuation, and their
    /// words count like the others instead of all being required.
    static func withoutPlainParentheses(_ tokens: [QueryToken]) -> [QueryToken] {
        var dropped = Set<Int>()
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            guard tokens[index] == .open(negated: false) else { continue }
            var end = index + 1
            while end < tokens.count, tokens[end].isPlainTerm { end += 1 }
            guard end < tokens.count, tokens[end] == .close else { continue }
            let operators: [QueryToken] = [.and, .or, .not]
            let before = index > 0 ? tokens[index - 1] : nil
            let after = end + 1 < tokens.count ? tokens[end + 1] : nil
            guard !operators.contains(where: { $0 == before || $0 == after }) else { continue }
            dropped.formUnion([index, end])
            index = end
        }
        return tokens.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }
}

/// Splits a query string into tokens: words, `"quoted phrases"`, `field:value`, `-`, parentheses,
/// and the operators AND, OR, NOT (upper case only, so "and" and "or" stay ordinary words).
/// Control characters are read as spaces: PostgreSQL refuses NUL in text, and FTS5 would end
/// its query string there.
struct QueryLexer {
    private var chars: [Character]
    private var index = 0

    init(_ text: String) {
        let scalars = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
        chars = Array(String(String.UnicodeScalarView(scalars)))
    }

    mutating func tokens() throws(SearchQueryError) -> [QueryToken] {
        var tokens: [QueryToken] = []
        while let token = try next() { tokens.append(token) }
        return tokens
    }

    private mutating func next() throws(SearchQueryError) -> QueryToken? {
        while index < chars.count, chars[index].isWhitespace { index += 1 }
        guard index < chars.count else { return nil }
        var negated = false
        if chars[index] == "-", index + 1 < chars.count, !chars[index + 1].isWhitespace {
            negated = true
            index += 1
        }
        switch chars[index] {
        case "(":
            index += 1
            return .open(negated: negated)
        case ")":
            index += 1
            return .close
        case "\"":
            return .term(text: try quoted(), quoted: true, field: nil, negated: negated)
        default:
            break
        }
        let start = index
        while index < chars.count, !chars[index].isWhitespace, !"()\"".contains(chars[index]) {
            if chars[index] == ":" {
                let field = String(chars[start..<index])
                index += 1
                if index < chars.count, chars[index] == "\"" {
                    return .term(text: try quoted(), quoted: true, field: field, negated: negated)
                }
                let valueStart = index
                while index < chars.count, !chars[index].isWhitespace, !"()\"".contains(chars[index]) { index += 1 }
                return .term(text: String(chars[valueStart..<index]), quoted: false, field: field, negated: negated)
            }
            index += 1
        }
        let word = String(chars[start..<index])
        if !negated {
            switch word {
            case "AND": return .and
            case "OR": return .or
            case "NOT": return .not
            default: break
            }
        }
        return .term(text: word, quoted: false, field: nil, negated: negated)
    }

    /// Reads `"…"` starting at the opening quote.
    private mutating func quoted() throws(SearchQueryError) -> String {
        index += 1
        let start = index
        while index < chars.count, chars[index] != "\"" { index += 1 }
        guard index < chars.count else { throw .unbalancedQuote }
        defer { index += 1 }
        return String(chars[start..<index])
    }
}
