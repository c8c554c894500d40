/// The English stop words: so common that they say nothing about what a paper is about.
///
/// The list is PostgreSQL's (`english.stop`, the Snowball list), so that the words PaperFeed
/// leaves out of a query are exactly the ones PostgreSQL's `english` configuration drops.
public enum EnglishStopWords {
    public static let words: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
        "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that",
        "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
        "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as",
        "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through",
        "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off",
        "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how",
        "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
        "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should",
        "now",
    ]

    /// Whether every word of `text` (its runs of letters and digits) is a stop word, as in
    /// "how", "it's" or "of the"; false for text without letters or digits.
    public static func covers(_ text: String) -> Bool {
        let runs = text.lowercased().split { !($0.isLetter || $0.isNumber) }
        return !runs.isEmpty && runs.allSatisfy { words.contains(String($0)) }
    }
}
