import PaperCore
import PaperSummaries

/// The key terms two papers share, to say why one was recommended for the other: the
/// recommended paper's keywords, then the words of its title, that the other paper's title,
/// abstract or keywords also use (compared by stem). Stop words and the words nearly every
/// paper uses ("model", "learning") are left out. Deterministic: the same papers give the same
/// terms in the same order.
public enum SharedTerms {
    /// Words too common in papers to say anything about why two are alike.
    static let generic: Set<String> = [
        "model", "learn", "learning", "method", "approach", "base", "based", "use", "using", "via", "toward", "towards",
        "new", "novel", "paper", "propose", "result", "task", "data", "study", "framework", "system", "large", "efficient",
        "improv", "improve", "improving", "general", "effective", "simple", "better", "analysi", "analysis", "scal", "scale",
    ]

    /// At most `limit` terms of `paper` that `other` shares, lower-cased, as `paper` writes them.
    public static func between(_ paper: Paper, _ other: Paper, limit: Int = 5) -> [String] {
        between(paper, stems: stems(of: other), limit: limit)
    }

    /// At most `limit` terms of `paper` whose stems are among `otherStems` (`stems(of:)` of the other paper).
    static func between(_ paper: Paper, stems otherStems: Set<String>, limit: Int = 5) -> [String] {
        var terms: [String] = [], used = Set<String>()
        for keyword in keywords(of: paper) {
            let words = Stemmer.stems(keyword).filter(isDistinctive)
            guard !words.isEmpty, words.allSatisfy(otherStems.contains), !words.allSatisfy(used.contains) else { continue }
            terms.append(keyword.lowercased())
            used.formUnion(words)
        }
        for word in paper.title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let lower = word.lowercased()
            let stem = Stemmer.stem(lower)
            guard isDistinctive(stem), !EnglishStopWords.words.contains(lower), otherStems.contains(stem),
                  used.insert(stem).inserted else { continue }
            terms.append(lower)
        }
        return Array(terms.prefix(limit))
    }

    /// Hugging Face's keywords, or PaperFeed's generated ones where it has none.
    static func keywords(of paper: Paper) -> [String] {
        paper.aiKeywords.isEmpty ? paper.generated?.keywords ?? [] : paper.aiKeywords
    }

    /// The distinctive stems of a paper's title, abstract and keywords.
    static func stems(of paper: Paper) -> Set<String> {
        Set(stems(of: [paper.title, paper.abstract] + keywords(of: paper)))
    }

    /// The distinctive stems of `texts`.
    static func stems(of texts: [String]) -> [String] {
        texts.flatMap { text in
            text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).compactMap { word in
                let lower = word.lowercased()
                return EnglishStopWords.words.contains(lower) ? nil : Stemmer.stem(lower)
            }
        }.filter(isDistinctive)
    }

    /// Whether a stem may be a shared term: three characters or more with a letter, not a stop
    /// word, not one of the generic research words.
    static func isDistinctive(_ stem: String) -> Bool {
        stem.count >= 3 && stem.contains(where: \.isLetter) && !EnglishStopWords.words.contains(stem) && !generic.contains(stem)
    }
}
