/// A light English suffix stripper (plural and common inflections), enough to match
/// "models" with "model" and "learning" with "learned" when comparing keyphrases.
public enum Stemmer {
    /// The stem of a lowercased word.
    public static func stem(_ word: String) -> String {
        var word = word.lowercased()
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return word }
        for (suffix, replacement) in [("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")]
        where word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count)) + replacement
        }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            word.removeLast()
        }
        for suffix in ["ing", "ed"] where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            let stem = String(word.dropLast(suffix.count))
            guard stem.contains(where: { "aeiouy".contains($0) }) else { continue }
            return stem.hasSuffix("e") ? String(stem.dropLast()) : stem
        }
        return word.hasSuffix("e") && word.count > 4 ? String(word.dropLast()) : word
    }

    /// The lowercased, stemmed words of a phrase (hyphens split words).
    public static func stems(_ phrase: String) -> [String] {
        phrase.split { !$0.isLetter && !$0.isNumber }.map { stem(String($0)) }
    }
}
