import PaperCore

/// Parses what a person types into a search box into a `SearchQuery`.
///
/// Syntax: words side by side (any of them may match, papers with more of them rank first:
/// a `QueryNode.some` group), `"exact phrases"`, `word*` prefixes, `AND`, `OR`, `NOT` or `-word`,
/// parentheses, and fields: `title:`, `abstract:`, `author:`, `cat:`, `year:2024` or
/// `year:2020-2023`. Everything but a bare word must match: phrases, fields, groups, and both
/// sides of an explicit `AND`; so `video ViT OR transformer` means video AND (ViT OR
/// transformer), and `robots learn author:LeCun` papers by LeCun with robots or learn. English
/// stop words ("how", "do", "from") are left out of a group of bare words, unless the query has
/// nothing else. A `word:` that is not a known field is searched as text. Control characters
/// (NUL, tabs, line breaks) count as spaces; `NOT NOT x` is `x`.
public enum QueryParser {
    /// Longer queries are refused: nobody types them, and they cost seconds of CPU. Counted in
    /// Unicode scalars, so that combining marks piled on one letter count too.
    public static let maximumLength = 1_000
    /// How deep parentheses and NOTs may nest.
    public static let maximumDepth = 32
    /// How many words, phrases and fields one query may have: each is a condition every
    /// candidate paper is tested against.
    public static let maximumTerms = 32

    /// The query `text` asks for, or an error whose description says what to change.
    public static func parse(_ text: String) throws(SearchQueryError) -> SearchQuery {
        guard text.unicodeScalars.count <= maximumLength else { throw .tooLong(maximumLength) }
        var lexer = QueryLexer(text)
        let tokens = QueryToken.withoutPlainParentheses(try lexer.tokens())
        guard tokens.count(where: \.isTerm) <= maximumTerms else { throw .tooManyTerms(maximumTerms) }
        var parser = TokenParser(tokens: tokens)
        let node = try parser.parseAll()
        if node == nil && parser.years == nil { throw .empty }
        let typed = parser.typedWords.joined(separator: " ")
        return SearchQuery(text: node, years: parser.years, typedText: typed.isEmpty ? nil : typed)
    }

    /// The longest text `parseLeniently` reads (a pasted abstract); longer is refused.
    public static let maximumPassageLength = 20_000
    /// How many distinct words of a passage are searched for.
    public static let maximumPassageWords = 64

    /// The query `text` asks for, read as people paste into a search box: text that does not
    /// parse as syntax (an unclosed quote, a dangling `AND`, `Title: …`) or that is a passage
    /// rather than a query (over `maximumLength` characters or `maximumTerms` terms) is searched
    /// as its plain words, and `notice` says so. Throws only when there is nothing to search
    /// for, or more than `maximumPassageLength` characters.
    public static func parseLeniently(_ text: String) throws(SearchQueryError) -> (query: SearchQuery, notice: String?) {
        do {
            return (try parse(text), nil)
        } catch .empty {
            throw .empty
        } catch {
            guard text.unicodeScalars.count <= maximumPassageLength else { throw .tooLong(maximumPassageLength) }
            let query = try plainWords(text)
            switch error {
            case .tooLong, .tooManyTerms: return (query, "Searched for the words of this passage; search syntax is read in shorter queries.")
            default: return (query, "Searched for the words alone: \(error.description)")
            }
        }
    }

    /// `text`'s words with every character of syntax read as a space: the distinct words (the
    /// first `maximumPassageWords`, stop words left out unless there is nothing else) any of
    /// which may match, those with more of them ranking first.
    static func plainWords(_ text: String) throws(SearchQueryError) -> SearchQuery {
        let words = text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        var seen = Set<String>()
        let distinct = words.filter { seen.insert($0.lowercased()).inserted }
        let meaningful = distinct.filter { !EnglishStopWords.covers($0) }
        let kept = Array((meaningful.isEmpty ? distinct : meaningful).prefix(maximumPassageWords))
        guard !kept.isEmpty else { throw .empty }
        let nodes = kept.map { QueryNode.words($0, field: nil, prefix: false) }
        return SearchQuery(text: nodes.count == 1 ? nodes[0] : .some(nodes), typedText: words.joined(separator: " "))
    }
}

/// Recursive descent over `QueryToken`s; year filters are collected aside.
private struct TokenParser {
    let tokens: [QueryToken]
    var index = 0
    var years: ClosedRange<Int>?
    /// The positive words and phrases without a field, in the order typed (`SearchQuery.typedText`).
    var typedWords: [String] = []
    /// How many `NOT`s enclose the token being read.
    private var negations = 0

    init(tokens: [QueryToken]) { self.tokens = tokens }

    mutating func parseAll() throws(SearchQueryError) -> QueryNode? {
        let node = try parseAnd()
        if index < tokens.count {
            // Only a stray `)` stops parseAnd before the end.
            throw .unbalancedParenthesis
        }
        if let node, node.isNegation { throw .negationWithoutTerm }
        return node
    }

    /// andExpr := orExpr ((AND)? orExpr)*
    mutating func parseAnd() throws(SearchQueryError) -> QueryNode? {
        var children: [(node: QueryNode, bare: Bool)] = []
        var afterAnd = false
        while index < tokens.count, tokens[index] != .close {
            if tokens[index] == .and {
                guard !children.isEmpty || years != nil, index + 1 < tokens.count, startsOperand(tokens[index + 1])
                else { throw .danglingOperator("AND") }
                if !children.isEmpty { children[children.count - 1].bare = false }
                afterAnd = true
                index += 1
                continue
            }
            if tokens[index] == .or { throw .danglingOperator("OR") }
            let start = index
            if let node = try parseOr() {
                children.append((node, !afterAnd && index == start + 1 && Self.isBareWord(tokens[start], node)))
            }
            afterAnd = false
        }
        let combined = Self.groupingBareWords(children)
        if !combined.isEmpty, combined.allSatisfy(\.isNegation) { throw .negationWithoutTerm }
        return combined.count <= 1 ? combined.first : .all(combined)
    }

    /// Whether `node`, read from `token` alone, is a word typed as is: no quotes, field or `-`.
    private static func isBareWord(_ token: QueryToken, _ node: QueryNode) -> Bool {
        guard case .term(_, false, _, false) = token, case .words(_, nil, _) = node else { return false }
        return true
    }

    /// The children with their bare words gathered into one `some` group, in the place of the
    /// first, and stop words left out of it unless nothing else would be searched for.
    private static func groupingBareWords(_ children: [(node: QueryNode, bare: Bool)]) -> [QueryNode] {
        let bare = children.filter(\.bare).map(\.node)
        let meaningful = bare.filter { !isStopWord($0) }
        let othersMatch = children.contains { !$0.bare && !$0.node.isNegation }
        let kept = meaningful.isEmpty && !othersMatch ? bare : meaningful
        var result: [QueryNode] = []
        var placed = false
        for child in children {
            guard child.bare else {
                result.append(child.node)
                continue
            }
            guard !placed else { continue }
            placed = true
            if !kept.isEmpty { result.append(kept.count == 1 ? kept[0] : .some(kept)) }
        }
        return result
    }

    private static func isStopWord(_ node: QueryNode) -> Bool {
        guard case let .words(text, nil, false) = node else { return false }
        return EnglishStopWords.covers(text)
    }

    /// orExpr := unary (OR unary)*
    mutating func parseOr() throws(SearchQueryError) -> QueryNode? {
        var children: [QueryNode] = []
        if let first = try parseUnary() { children.append(first) }
        while index < tokens.count, tokens[index] == .or {
            guard !children.isEmpty, index + 1 < tokens.count, startsOperand(tokens[index + 1])
            else { throw .danglingOperator("OR") }
            index += 1
            guard let next = try parseUnary() else { continue }
            children.append(next)
        }
        if children.count > 1, children.contains(where: \.isNegation) { throw .negationWithoutTerm }
        return children.count <= 1 ? children.first : .any(children)
    }

    var depth = 0

    /// unary := NOT unary | ( andExpr ) | term
    mutating func parseUnary() throws(SearchQueryError) -> QueryNode? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= QueryParser.maximumDepth else { throw .tooDeep(QueryParser.maximumDepth) }
        switch tokens[index] {
        case .not:
            guard index + 1 < tokens.count, startsOperand(tokens[index + 1]) else { throw .danglingOperator("NOT") }
            index += 1
            negations += 1
            defer { negations -= 1 }
            return try parseUnary().map(Self.negation)
        case let .open(negated):
            index += 1
            if negated { negations += 1 }
            defer { if negated { negations -= 1 } }
            let inner = try parseAnd()
            guard index < tokens.count, tokens[index] == .close else { throw .unbalancedParenthesis }
            index += 1
            return negated ? inner.map(Self.negation) : inner
        case .close:
            throw .unbalancedParenthesis
        case let .term(text, quoted, field, negated):
            index += 1
            if field == nil, !negated, negations % 2 == 0 { typedWords.append(text) }
            let node = try term(text, quoted: quoted, field: field)
            return negated ? node.map(Self.negation) : node
        case .and, .or:
            throw .danglingOperator(tokens[index] == .and ? "AND" : "OR")
        }
    }

    /// `NOT node`, with a double negation cancelled: full-text engines have no `NOT NOT`.
    private static func negation(_ node: QueryNode) -> QueryNode {
        if case let .not(inner) = node { return inner }
        return .not(node)
    }

    private func startsOperand(_ token: QueryToken) -> Bool {
        switch token {
        case .term, .open, .not: true
        case .and, .or, .close: false
        }
    }

    /// A word or phrase; `nil` for a year filter (kept aside) or text with nothing searchable.
    private mutating func term(_ text: String, quoted: Bool, field: String?) throws(SearchQueryError) -> QueryNode? {
        var text = text
        var resolvedField: TextField?
        if let field {
            switch field.lowercased() {
            case "year":
                guard !text.isEmpty else { throw .emptyField("year") }
                years = try Self.yearRange(text)
                return nil
            case "title", "ti": resolvedField = .title
            case "abstract", "abs": resolvedField = .abstract
            case "author", "authors", "au": resolvedField = .authors
            case "cat", "category", "categories": resolvedField = .categories
            default: text = field + ":" + text
            }
            if resolvedField != nil, text.isEmpty { throw .emptyField(field.lowercased()) }
        }
        let prefix = !quoted && text.count > 1 && text.hasSuffix("*")
        if prefix { text.removeLast() }
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return .words(text, field: resolvedField, prefix: prefix)
    }

    private static func yearRange(_ text: String) throws(SearchQueryError) -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let bounds = parts.compactMap { Int($0) }
        guard bounds.count == parts.count, (1...2).contains(bounds.count),
              bounds.allSatisfy({ (1900...2999).contains($0) }), bounds.first! <= bounds.last!
        else { throw .badYear(text) }
        return bounds.first!...bounds.last!
    }
}
