/// How close generated summaries and keyphrases come to reference ones (Hugging Face's).
public enum SummaryMetrics {
    /// Precision, recall and their harmonic mean.
    public struct Scores: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
        public init(precision: Double, recall: Double) {
            self.precision = precision
            self.recall = recall
        }
    }

    /// ROUGE-L: the longest common subsequence of the lowercased words (no stemming).
    public static func rougeL(_ candidate: String, reference: String) -> Scores {
        let a = words(candidate), b = words(reference)
        guard !a.isEmpty, !b.isEmpty else { return Scores(precision: 0, recall: 0) }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in 1...a.count {
            for j in 1...b.count {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        let common = Double(previous[b.count])
        return Scores(precision: common / Double(a.count), recall: common / Double(b.count))
    }

    /// The share of `predicted` phrases found in `reference` (precision) and of `reference`
    /// found in `predicted` (recall); phrases match when their lowercased words are equal, or
    /// with `stemmed` their stems ("Diffusion models" = "diffusion model").
    public static func keyphraseOverlap(_ predicted: [String], reference: [String], stemmed: Bool) -> Scores {
        let key: (String) -> [String] = { stemmed ? Stemmer.stems($0) : Self.words($0) }
        let ours = Set(predicted.map(key)), theirs = Set(reference.map(key))
        guard !ours.isEmpty, !theirs.isEmpty else { return Scores(precision: 0, recall: 0) }
        let common = Double(ours.intersection(theirs).count)
        return Scores(precision: common / Double(ours.count), recall: common / Double(theirs.count))
    }

    /// Lowercased words and numbers; punctuation and hyphens separate them.
    public static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
