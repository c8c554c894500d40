import Foundation

/// Splits an abstract into sentences without cutting at "e.g.", "et al.", "Fig. 3", decimals,
/// URLs or inside TeX math (`$...$`, `$$...$$`), and ends sentences at CJK full stops.
public enum SentenceSplitter {
    /// Words that end with a full stop without ending a sentence (lowercased, without the stop).
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "al", "fig", "figs", "eq", "eqs", "sec", "secs", "ref", "refs", "vs", "cf",
        "resp", "approx", "no", "nos", "tab", "dr", "prof", "mr", "ms", "st", "vol", "pp", "ch",
        "thm", "def", "lem", "prop", "appx", "incl", "esp", "viz", "ca", "c.f", "w.r.t", "a.k.a",
    ]

    /// The sentences of `text` in order, trimmed, whitespace collapsed; empty for blank text.
    public static func split(_ text: String) -> [String] {
        let characters = Array(collapsingWhitespace(text))
        var sentences: [String] = []
        var start = 0
        var inMath = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2  // an escaped character (`\$`, `\%`) never delimits anything
                continue
            }
            if character == "$" {
                if index + 1 < characters.count, characters[index + 1] == "$" { index += 1 }
                inMath.toggle()
            } else if !inMath, let end = boundary(after: index, in: characters, from: start) {
                append(characters[start..<end], to: &sentences)
                start = end
                index = end
                continue
            }
            index += 1
        }
        append(characters[start...], to: &sentences)
        return sentences
    }

    /// Where the next sentence starts when `characters[index]` ends one, else `nil`.
    static func boundary(after index: Int, in characters: [Character], from start: Int) -> Int? {
        let character = characters[index]
        if "。！？".contains(character) { return index + 1 }
        guard ".?!".contains(character) else { return nil }
        // Closing quotes and brackets belong to the sentence they close.
        var end = index + 1
        while end < characters.count, "\"'”’)]".contains(characters[end]) { end += 1 }
        guard end < characters.count, characters[end] == " " else { return nil }
        let next = end + 1
        guard next < characters.count else { return nil }
        let following = characters[next]
        if following.isLowercase { return nil }
        if character == ".", endsWithAbbreviation(characters[start..<index]) { return nil }
        return next
    }

    /// Whether the word before a full stop is an abbreviation ("e.g.", "et al.", "Fig.").
    /// Initials are not: abstracts rarely name people, and "model A. We" ends a sentence.
    static func endsWithAbbreviation(_ before: ArraySlice<Character>) -> Bool {
        let word = String(before.reversed().prefix { !$0.isWhitespace && $0 != "(" }.reversed())
        return abbreviations.contains(word.lowercased())
    }

    static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func append(_ characters: ArraySlice<Character>, to sentences: inout [String]) {
        let sentence = String(characters).trimmingCharacters(in: .whitespaces)
        if !sentence.isEmpty { sentences.append(sentence) }
    }
}
