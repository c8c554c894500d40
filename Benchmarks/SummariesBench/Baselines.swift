import PaperCore
import PaperSummaries

/// What the generated fields are measured against besides Hugging Face's own.
enum Baselines {
    /// The abstract's first sentence.
    static func firstSentence(_ paper: Paper) -> String? {
        SentenceSplitter.split(paper.abstract).first
    }

    /// The `count` most frequent candidate n-grams (the same candidates the summarizer ranks),
    /// earlier first among equals.
    static func frequentPhrases(_ paper: Paper, count: Int) -> [String] {
        KeyphraseCandidates.extract(title: paper.title, abstract: paper.abstract)
            .sorted { ($0.count, -$0.firstPosition) > ($1.count, -$1.firstPosition) }
            .prefix(count).map(\.text)
    }
}

/// Averages of per-paper scores.
struct Tally {
    private var sums: [String: (precision: Double, recall: Double, f1: Double, count: Int)] = [:]

    mutating func add(_ name: String, _ scores: SummaryMetrics.Scores) {
        var sum = sums[name] ?? (0, 0, 0, 0)
        sum.precision += scores.precision
        sum.recall += scores.recall
        sum.f1 += scores.f1
        sum.count += 1
        sums[name] = sum
    }

    /// "P 0.123  R 0.456  F1 0.234" (macro-averaged over papers).
    func line(_ name: String) -> String {
        guard let sum = sums[name], sum.count > 0 else { return "n/a" }
        let n = Double(sum.count)
        return String(format: "P %.3f  R %.3f  F1 %.3f", sum.precision / n, sum.recall / n, sum.f1 / n)
    }

    func f1(_ name: String) -> Double {
        guard let sum = sums[name], sum.count > 0 else { return 0 }
        return sum.f1 / Double(sum.count)
    }
}
