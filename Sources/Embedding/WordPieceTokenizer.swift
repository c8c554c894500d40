import Foundation

/// The BERT uncased WordPiece tokenizer of all-MiniLM-L6-v2 (HF `BertTokenizerFast` semantics).
///
/// Works on Unicode scalars: special-token literals, cleaning, CJK splitting, per-scalar
/// lower-casing, NFD accent stripping, punctuation splitting, then greedy longest-match
/// WordPiece. Vocabulary lookups compare UTF-8 bytes, not `String`s, because Swift's `String`
/// equality is canonical equivalence (decomposed Hangul would match precomposed entries).
public struct WordPieceTokenizer: Sendable {
    /// The most ids `encode` returns, `[CLS]` and `[SEP]` included (sentence-transformers' 256).
    public let maxLength: Int
    /// A word longer than this many scalars becomes `[UNK]`.
    public let maxScalarsPerWord = 100
    /// Ids of the special tokens.
    public let clsID: Int32, sepID: Int32, unkID: Int32, padID: Int32, maskID: Int32

    private let ids: [[UInt8]: Int32]
    private let tokens: [String]
    private let longestEntry: Int
    private let specials: [SpecialToken]

    private struct SpecialToken: Sendable {
        let scalars: [Unicode.Scalar]
        let id: Int32
    }

    /// Loads `vocab.txt` (one token per line; the line number is the id).
    public init(vocabularyURL: URL, maxLength: Int = 256) throws {
        guard let text = try? String(contentsOf: vocabularyURL, encoding: .utf8) else {
            throw EmbeddingError.invalidVocabulary("cannot read \(vocabularyURL.path) as UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        try self.init(vocabulary: lines, maxLength: maxLength)
    }

    /// Builds a tokenizer from the vocabulary's tokens in id order.
    public init(vocabulary: [String], maxLength: Int = 256) throws {
        var ids: [[UInt8]: Int32] = [:]
        ids.reserveCapacity(vocabulary.count)
        for (index, token) in vocabulary.enumerated() { ids[Array(token.utf8)] = Int32(index) }
        func id(_ token: String) throws -> Int32 {
            guard let id = ids[Array(token.utf8)] else {
                throw EmbeddingError.invalidVocabulary("no \(token) token")
            }
            return id
        }
        self.ids = ids
        self.tokens = vocabulary
        self.longestEntry = vocabulary.map(\.utf8.count).max() ?? 0
        self.maxLength = maxLength
        (clsID, sepID, unkID, padID, maskID) =
            (try id("[CLS]"), try id("[SEP]"), try id("[UNK]"), try id("[PAD]"), try id("[MASK]"))
        specials = [("[PAD]", padID), ("[UNK]", unkID), ("[CLS]", clsID), ("[SEP]", sepID), ("[MASK]", maskID)]
            .map { SpecialToken(scalars: Array($0.0.unicodeScalars), id: $0.1) }
    }

    /// The token string of an id (for debugging and tests).
    public func token(for id: Int32) -> String { tokens[Int(id)] }

    /// Model input ids: `[CLS]`, at most `maxLength - 2` word pieces, `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        var pieces = wordPieces(text)
        if pieces.count > maxLength - 2 { pieces.removeSubrange((maxLength - 2)...) }
        return [clsID] + pieces + [sepID]
    }

    /// All word-piece ids of `text`, without `[CLS]`/`[SEP]` and without truncation.
    public func wordPieces(_ text: String) -> [Int32] {
        let scalars = Array(text.unicodeScalars)
        var out: [Int32] = []
        var start = 0
        // Exact, case-sensitive special-token literals split the raw text first.
        var position = 0
        while position < scalars.count {
            if scalars[position] == "[", let special = specialToken(in: scalars, at: position) {
                basicTokenize(scalars[start..<position], into: &out)
                out.append(special.id)
                position += special.scalars.count
                start = position
            } else {
                position += 1
            }
        }
        basicTokenize(scalars[start...], into: &out)
        return out
    }

    private func specialToken(in scalars: [Unicode.Scalar], at position: Int) -> SpecialToken? {
        specials.first { special in
            position + special.scalars.count <= scalars.count
                && scalars[position..<(position + special.scalars.count)].elementsEqual(special.scalars)
        }
    }

    /// Cleans, splits on whitespace and around CJK ideographs, then handles each word.
    private func basicTokenize(_ scalars: ArraySlice<Unicode.Scalar>, into out: inout [Int32]) {
        var word: [Unicode.Scalar] = []
        for scalar in scalars {
            if scalar.isBertRemoved { continue }
            if scalar.isBertWhitespace {
                normalizeAndSplit(word, into: &out)
                word.removeAll(keepingCapacity: true)
            } else if scalar.isBertCJK {
                normalizeAndSplit(word, into: &out)
                word.removeAll(keepingCapacity: true)
                normalizeAndSplit([scalar], into: &out)
            } else {
                word.append(scalar)
            }
        }
        normalizeAndSplit(word, into: &out)
    }

    /// Lower-cases each scalar, strips accents (NFD, drop Mn), splits off punctuation.
    private func normalizeAndSplit(_ word: [Unicode.Scalar], into out: inout [Int32]) {
        guard !word.isEmpty else { return }
        var lowered: [Unicode.Scalar] = []
        lowered.reserveCapacity(word.count)
        var isASCII = true
        for scalar in word {
            if scalar.isASCII {
                let v = scalar.value
                lowered.append((65...90).contains(v) ? Unicode.Scalar(v + 32)! : scalar)
            } else {
                isASCII = false
                lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        if !isASCII {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: lowered)
            lowered = String(view).decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
        }
        var current: [Unicode.Scalar] = []
        for scalar in lowered {
            if scalar.isBertPunctuation {
                wordPiece(current, into: &out)
                current.removeAll(keepingCapacity: true)
                wordPiece([scalar], into: &out)
            } else {
                current.append(scalar)
            }
        }
        wordPiece(current, into: &out)
    }

    /// Greedy longest-match-first WordPiece; the whole word is `[UNK]` if any piece fails.
    private func wordPiece(_ word: [Unicode.Scalar], into out: inout [Int32]) {
        guard !word.isEmpty else { return }
        guard word.count <= maxScalarsPerWord else { out.append(unkID); return }
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        for scalar in word {
            bytes.append(contentsOf: scalar.utf8)
            offsets.append(bytes.count)
        }
        var pieces: [Int32] = []
        var start = 0
        var key: [UInt8] = []
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                let prefix = start > 0 ? 2 : 0
                if prefix + offsets[end] - offsets[start] <= longestEntry {
                    key.removeAll(keepingCapacity: true)
                    if start > 0 { key.append(contentsOf: [0x23, 0x23]) }  // "##"
                    key.append(contentsOf: bytes[offsets[start]..<offsets[end]])
                    if let id = ids[key] { found = id; break }
                }
                end -= 1
            }
            guard let id = found else { out.append(unkID); return }
            pieces.append(id)
            start = end
        }
        out.append(contentsOf: pieces)
    }
}
