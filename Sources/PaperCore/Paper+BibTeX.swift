import Foundation

extension Paper {
    /// A BibTeX `@misc` entry in the form arXiv gives, keyed `lastnameYEARfirstword`.
    public var bibTeX: String { bibTeX(key: citationKey) }

    /// Entries for `papers`, one after another, with unique keys: a key taken already gets
    /// `a`, `b` … (`lovelace2026quokka`, `lovelace2026quokkaa`), as BibTeX users write them.
    public static func bibTeX(_ papers: [Paper]) -> String {
        var taken = Set<String>()
        var entries: [String] = []
        for paper in papers {
            let base = paper.citationKey
            var key = base
            var suffix = 0
            while taken.contains(key) {
                suffix += 1
                key = base + BibTeXText.suffix(suffix)
            }
            taken.insert(key)
            entries.append(paper.bibTeX(key: key))
        }
        return entries.map { $0 + "\n" }.joined(separator: "\n")
    }

    /// `lastnameYEARfirstword` in ASCII letters and digits (accents taken off).
    public var citationKey: String {
        let year = referenceDay?.year
        let lastName = authors.first.map { PersonName($0.name).family } ?? "anonymous"
        let words = title.decomposedASCII.split { !$0.isLetter && !$0.isNumber }
        let firstWord = words.first { $0.count > 3 } ?? words.first ?? "paper"
        let key = (lastName.decomposedASCII + (year.map(String.init) ?? "") + firstWord)
            .lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return key.isEmpty ? "paper" : key
    }

    private func bibTeX(key: String) -> String {
        var fields: [(String, String)] = [
            ("title", BibTeXText.escaped(title)),
            ("author", authors.map { BibTeXText.authorName($0.name) }.joined(separator: " and ")),
        ]
        if let year = referenceDay?.year { fields.append(("year", String(year))) }
        if let arxiv = id.arxiv {
            fields.append(("eprint", arxiv.base))
            fields.append(("archivePrefix", "arXiv"))
            if let primary = categories.first { fields.append(("primaryClass", BibTeXText.escaped(primary))) }
            fields.append(("url", "https://arxiv.org/abs/\(arxiv.base)"))
        }
        if let doi { fields.append(("doi", BibTeXText.escaped(doi))) }
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@misc{\(key),\n\(body)\n}"
    }
}

/// Text made safe inside a braced BibTeX field. BibTeX counts every brace, escaped or not, to
/// find a field's end, so a literal brace or backslash is written as a command with balanced
/// braces (`\textbraceleft{}`), never as `\{`. Math between `$…$` is kept as LaTeX (arXiv
/// titles use it) when its braces balance; everything else is plain text.
public enum BibTeXText {
    public static func escaped(_ text: String) -> String {
        let characters = Array(text.singleLine)
        var result = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "$", let end = mathEnd(characters, from: index) {
                for character in characters[index...end] {
                    result += ["%", "#", "&"].contains(character) ? "\\" + String(character) : String(character)
                }
                index = end + 1
                continue
            }
            result += plain(characters[index])
            index += 1
        }
        return result
    }

    /// An author for the `and`-separated list: a name with a stand-alone "and" is braced so that
    /// it stays one person.
    static func authorName(_ name: String) -> String {
        let escaped = escaped(name)
        return escaped.split(separator: " ").contains { $0.lowercased() == "and" } ? "{\(escaped)}" : escaped
    }

    /// `a`, `b` … `z`, `aa`, `ab` …: the suffixes that tell equal keys apart.
    static func suffix(_ number: Int) -> String {
        var number = number
        var letters = ""
        while number > 0 {
            number -= 1
            letters = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(number % 26))) + letters
            number /= 26
        }
        return letters
    }

    private static func plain(_ character: Character) -> String {
        switch character {
        case "\\": "\\textbackslash{}"
        case "{": "\\textbraceleft{}"
        case "}": "\\textbraceright{}"
        case "&", "%", "$", "#", "_": "\\" + String(character)
        case "~": "\\textasciitilde{}"
        case "^": "\\textasciicircum{}"
        default: String(character)
        }
    }

    /// Where the math starting at `start` (a `$`) closes, when it does, with its braces balanced
    /// as BibTeX counts them (every brace, escaped or not); `\$` does not close it.
    private static func mathEnd(_ characters: [Character], from start: Int) -> Int? {
        var depth = 0
        var index = start + 1
        while index < characters.count {
            switch characters[index] {
            case "\\" where index + 1 < characters.count && characters[index + 1] == "$": index += 1
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth < 0 { return nil }
            case "$": return depth == 0 && index > start + 1 ? index : nil
            default: break
            }
            index += 1
        }
        return nil
    }
}
