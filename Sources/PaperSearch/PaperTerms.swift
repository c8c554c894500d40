import PaperCore

/// The words and word pairs of a paper's title and abstract, counted: the features of the
/// lexical half of a recommender, as arxiv-sanity-lite takes them (word 1- and 2-grams). Author
/// names are never read: they would tie a paper to people rather than to what it is about.
///
/// A word is a run of ASCII letters, digits and underscores of two characters or more that does
/// not start with a digit, lower-cased; English stop words are dropped, and a pair is two words
/// adjacent once stop words are gone. Each term is named by a 64-bit hash of its text, so that
/// counting allocates no strings; `words(_:)` gives the text of the single words when it is wanted.
public enum PaperTerms {
    /// The text a paper's terms come from: its title and abstract.
    public static func text(of paper: Paper) -> String { paper.title + "\n" + paper.abstract }

    /// How many times each term (word or word pair) occurs in `text`.
    public static func counts(_ text: String) -> [UInt64: Float] {
        var counts: [UInt64: Float] = [:]
        var previous: UInt64?
        forEachWord(in: text) { word, _ in
            counts[word, default: 0] += 1
            if let previous { counts[pair(previous, word), default: 0] += 1 }
            previous = word
        }
        return counts
    }

    /// The single words of `text` by their term, as `counts` names them.
    public static func words(_ text: String) -> [UInt64: String] {
        var words: [UInt64: String] = [:]
        forEachWord(in: text) { word, spelling in
            if words[word] == nil { words[word] = spelling() }
        }
        return words
    }

    /// The term of a word pair: distinct from single words' terms and order-sensitive.
    static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ (second >> 7 | second << 57) ^ 0x5851_F42D_4C95_7F2D
    }

    private static let stopWords = Set(EnglishStopWords.words.map(fnv1a64))

    /// Calls `body` with each kept word's term and a closure that spells it out, in order.
    private static func forEachWord(in text: String, _ body: (UInt64, () -> String) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                guard isWordByte(bytes[index]) else { index += 1; continue }
                let start = index
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                while index < bytes.count, isWordByte(bytes[index]) {
                    hash = (hash ^ UInt64(lowercased(bytes[index]))) &* 0x0000_0100_0000_01b3
                    index += 1
                }
                // FNV-1a of the lower-cased word: the same hash `fnv1a64` gives its text.
                guard index - start >= 2, !isDigit(bytes[start]), !stopWords.contains(hash) else { continue }
                let range = start..<index
                body(hash) { String(decoding: bytes[range].map(lowercased), as: UTF8.self) }
            }
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || isDigit(byte) || byte == 0x5F
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
}
