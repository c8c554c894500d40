import PaperCore

/// Turns plain paper text into safe HTML: everything escaped, `$…$` math set in a math span
/// with common TeX commands shown as their symbols, and search terms marked.
enum RichText {
    static func escape(_ text: String) -> String { text.htmlEscaped }

    /// `text` as HTML with `$…$` rendered as math and `terms` marked; line breaks inside a
    /// paragraph (hard-wrapped abstracts) become spaces.
    static func html(_ text: String, highlighting terms: [String] = []) -> String {
        let stems = terms.flatMap { $0.split { !$0.isLetter && !$0.isNumber } }.map { stem(String($0)) }
            .filter { $0.count >= 3 }  // "re" of "re-identification" would mark half the words
        var result = ""
        var rest = Substring(text.replacingOccurrences(of: "\n", with: " "))
        while let open = rest.firstIndex(of: "$") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "$"), close > afterOpen else { break }
            result += marked(rest[..<open], stems: stems)
            result += "<span class=\"math\">" + TeXSymbols.render(rest[afterOpen..<close]) + "</span>"
            rest = rest[rest.index(after: close)...]
        }
        return result + marked(rest, stems: stems)
    }

    /// Escapes `text` and wraps words that start with one of `stems` in `<mark>`.
    private static func marked(_ text: Substring, stems: [String]) -> String {
        guard !stems.isEmpty else { return escape(String(text)) }
        var result = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let lower = word.lowercased()
            let hit = stems.contains { lower.hasPrefix($0) }
            result += hit ? "<mark>" + escape(word) + "</mark>" : escape(word)
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                flush()
                result += escape(String(character))
            }
        }
        flush()
        return result
    }

    /// A crude stem so that a search for "generated" marks "generation" too.
    static func stem(_ word: String) -> String {
        var lower = word.lowercased()
        for suffix in ["ational", "ations", "ation", "ings", "ing", "ives", "ive", "ions", "ion", "ers", "er", "ed", "es", "s"]
        where lower.count - suffix.count >= 4 && lower.hasSuffix(suffix) {
            lower.removeLast(suffix.count)
            break
        }
        return lower
    }
}
