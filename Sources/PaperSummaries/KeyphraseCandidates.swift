import Foundation

/// A phrase of one to three words from a paper's title or abstract that could be a keyphrase.
public struct KeyphraseCandidate: Hashable, Sendable {
    /// The phrase as the paper writes it most often.
    public var text: String
    /// How many times it occurs (case-insensitively) in the title and abstract.
    public var count: Int
    /// The word position of its first occurrence (the title comes first).
    public var firstPosition: Int
    /// Whether the title contains it.
    public var inTitle: Bool
}

/// Candidate keyphrases: the 1–3-word n-grams inside runs of words that punctuation, TeX math,
/// URLs and stop words break, so that no candidate starts or ends with a stop word or crosses a
/// clause.
public enum KeyphraseCandidates {
    /// Every candidate of `title` and `abstract`, in order of first occurrence.
    public static func extract(title: String, abstract: String, maxWords: Int = 3) -> [KeyphraseCandidate] {
        var byKey: [String: (candidate: KeyphraseCandidate, forms: [String: Int])] = [:]
        var order: [String] = []
        var position = 0
        for (part, isTitle) in [(title, true), (abstract, false)] {
            for chunk in chunks(part) {
                for start in chunk.indices {
                    for length in 1...maxWords where start + length <= chunk.count {
                        let words = chunk[start..<start + length]
                        guard acceptable(words) else { continue }
                        let form = words.joined(separator: " ")
                        let key = form.lowercased()
                        if byKey[key] == nil {
                            order.append(key)
                            byKey[key] = (KeyphraseCandidate(text: form, count: 0, firstPosition: position + start, inTitle: false), [:])
                        }
                        byKey[key]!.candidate.count += 1
                        byKey[key]!.candidate.inTitle = byKey[key]!.candidate.inTitle || isTitle
                        byKey[key]!.forms[form, default: 0] += 1
                    }
                }
                position += chunk.count
            }
        }
        return order.map { key in
            var (candidate, forms) = byKey[key]!
            candidate.text = forms.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
            return candidate
        }
    }

    /// Whether an n-gram can be a keyphrase: no single characters, and some letter in it.
    static func acceptable(_ words: ArraySlice<String>) -> Bool {
        words.allSatisfy { $0.count > 1 && $0.count <= 30 } && words.contains { $0.contains(where: \.isLetter) }
            && words.last?.allSatisfy(\.isNumber) == false && words.first?.allSatisfy(\.isNumber) == false
    }

    /// The runs of content words of `text`.
    static func chunks(_ text: String) -> [[String]] {
        var chunks: [[String]] = []
        var current: [String] = []
        func close() {
            if !current.isEmpty { chunks.append(current) }
            current = []
        }
        for token in tokens(text) {
            if let word = token, !StopWords.contains(word) {
                current.append(word)
            } else {
                close()
            }
        }
        close()
        return chunks
    }

    /// Words, and `nil` wherever a phrase must not continue (punctuation, math, URLs, TeX).
    static func tokens(_ text: String) -> [String?] {
        var result: [String?] = []
        for piece in withoutMath(text).split(whereSeparator: \.isWhitespace) {
            if piece.contains("://") || piece.hasPrefix("www.") || piece.contains("@") {
                result.append(nil)
                continue
            }
            var word = ""
            var inCommand = false
            for character in piece {
                if character == "\\" {
                    if !word.isEmpty { result.append(word) }
                    word = ""
                    result.append(nil)
                    inCommand = true
                } else if character.isLetter || character.isNumber || (!word.isEmpty && "-+".contains(character)) {
                    if !inCommand { word.append(character) }
                } else if character == ".", word.last?.isNumber == true {
                    word.append(character)  // "1.5B"; a trailing full stop is trimmed below
                } else {
                    inCommand = false
                    result.append(clean(word))
                    word = ""
                    result.append(nil)
                }
            }
            result.append(clean(word))
        }
        return result
    }

    /// `text` with each TeX formula (`$...$`, `$$...$$`) replaced by a phrase break.
    static func withoutMath(_ text: String) -> String {
        var result = ""
        var inMath = false
        var escaped = false
        for character in text.replacingOccurrences(of: "$$", with: "$") {
            if character == "$", !escaped {
                if !inMath { result += " ; " }
                inMath.toggle()
            } else if !inMath {
                result.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        return result
    }

    static func clean(_ word: String) -> String? {
        let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ".-+"))
        return trimmed.isEmpty ? nil : trimmed
    }
}
