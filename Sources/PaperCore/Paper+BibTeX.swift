extension Paper {
    /// A BibTeX `@misc` entry in the form arXiv gives, keyed `lastnameYEARfirstword`.
    public var bibTeX: String {
        let year = publishedAt.map { Day($0).year } ?? listedOn?.year
        let lastName = authors.first?.name.split(separator: " ").last.map(String.init) ?? "anonymous"
        let firstWord = title.split(separator: " ").first { $0.count > 3 } ?? title.split(separator: " ").first ?? "paper"
        let key = (lastName + (year.map(String.init) ?? "") + firstWord)
            .lowercased().filter { $0.isLetter || $0.isNumber }
        var fields: [(String, String)] = [
            ("title", title),
            ("author", authors.map(\.name).joined(separator: " and ")),
        ]
        if let year { fields.append(("year", String(year))) }
        if let arxiv = id.arxiv {
            fields.append(("eprint", arxiv.base))
            fields.append(("archivePrefix", "arXiv"))
            if let primary = categories.first { fields.append(("primaryClass", primary)) }
            fields.append(("url", "https://arxiv.org/abs/\(arxiv.base)"))
        }
        if let doi { fields.append(("doi", doi)) }
        let body = fields.map { "  \($0.0) = {\(Self.bibTeXEscaped($0.1))}" }.joined(separator: ",\n")
        return "@misc{\(key),\n\(body)\n}"
    }

    /// Balances braces so a stray `{` or `}` in a title cannot break the entry.
    private static func bibTeXEscaped(_ text: String) -> String {
        var depth = 0
        var result = ""
        for character in text {
            switch character {
            case "{": depth += 1; result.append(character)
            case "}" where depth == 0: result += "\\}"
            case "}": depth -= 1; result.append(character)
            default: result.append(character)
            }
        }
        return result + String(repeating: "}", count: depth)
    }
}
