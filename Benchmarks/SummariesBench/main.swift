// Offline summaries and keyphrases (PaperSummaries) against Hugging Face's `ai_summary` and
// `ai_keywords` on the bundled demo papers, beside simple baselines: ROUGE-L F1 of the summary
// (baseline: the abstract's first sentence) and keyphrase precision/recall/F1, exact and
// stemmed (baseline: the most frequent candidate n-grams).
//
// Usage: summaries-bench [--model DIR] [--limit 500] [--phase 0] [--sweep]
//   --limit: papers measured, spread evenly over the demo set (every k-th, starting at --phase)
//   --sweep: also scores a grid of SummarizerOptions (tune on one phase, report another)
import BenchmarkSupport
import Embedding
import Foundation
import PaperCore
import PaperIngest
import PaperSummaries

let limit = Bench.option("--limit").flatMap(Int.init) ?? 500
let phase = Bench.option("--phase").flatMap(Int.init) ?? 0
let all = try DemoDataset.papers().filter { $0.aiSummary != nil || !$0.aiKeywords.isEmpty }
let step = max(1, all.count / max(1, limit))
let papers = Array(stride(from: phase % step, to: all.count, by: step).map { all[$0] }.prefix(limit))
print("\(papers.count) of \(all.count) demo papers with Hugging Face's ai_summary or ai_keywords "
    + "(every \(step)th from \(phase % step)); model \(Bench.modelDirectory.path)")

let embedder = try MiniLMEmbedder.load(directory: Bench.modelDirectory, batchSize: 32)
let summarizer = PaperSummarizer(embedder: embedder)
let started = ContinuousClock.now
let embedded = try await summarizer.embed(papers)
let seconds = (ContinuousClock.now - started) / .seconds(1)
let texts = embedded.reduce(0) { $0 + 1 + $1.sentenceVectors.count + $1.candidateVectors.count }
print(String(format: "embedded %d texts (papers, sentences, candidates) in %.1f s: %.1f papers/s",
             texts, seconds, Double(papers.count) / seconds))

/// Scores of the summarizer with `options` (and of the baselines) over the measured papers.
func evaluate(_ options: SummarizerOptions) -> Tally {
    var tally = Tally()
    var chooser = summarizer
    chooser.options = options
    for (paper, parts) in zip(papers, embedded) {
        if let reference = paper.aiSummary {
            tally.add("summary", SummaryMetrics.rougeL(chooser.chooseSummary(parts) ?? "", reference: reference))
            tally.add("summary.first", SummaryMetrics.rougeL(Baselines.firstSentence(paper) ?? "", reference: reference))
        }
        guard !paper.aiKeywords.isEmpty else { continue }
        let ours = chooser.chooseKeywords(parts), frequent = Baselines.frequentPhrases(paper, count: options.keywordCount)
        for stemmed in [false, true] {
            let suffix = stemmed ? ".stemmed" : ""
            tally.add("keywords" + suffix, SummaryMetrics.keyphraseOverlap(ours, reference: paper.aiKeywords, stemmed: stemmed))
            tally.add("keywords.frequent" + suffix,
                      SummaryMetrics.keyphraseOverlap(frequent, reference: paper.aiKeywords, stemmed: stemmed))
        }
    }
    return tally
}

if CommandLine.arguments.contains("--sweep") {
    var base = SummarizerOptions()
    for position: Float in [0, 0.05, 0.1, 0.2] {
        for centroid: Float in [0, 0.3, 0.6] {
            for length: Float in [0, 0.1] {
                base.positionWeight = position; base.centroidWeight = centroid; base.lengthWeight = length
                print(String(format: "sweep summary position %.2f centroid %.1f length %.1f: ROUGE-L F1 %.4f",
                             position, centroid, length, evaluate(base).f1("summary")))
            }
        }
    }
    base = SummarizerOptions()
    for count in [6, 8] {
        for diversity: Float in [0, 0.1, 0.2, 0.35] {
            for words: Float in [0, 0.03, 0.06, 0.1] {
                base.keywordCount = count; base.diversity = diversity; base.wordBonus = words
                let tally = evaluate(base)
                print(String(format: "sweep keywords count %d diversity %.2f words %.2f: exact F1 %.4f stemmed F1 %.4f",
                             count, diversity, words, tally.f1("keywords"), tally.f1("keywords.stemmed")))
            }
        }
    }
}

let tally = evaluate(SummarizerOptions())
print("summary ROUGE-L        ours:           \(tally.line("summary"))")
print("                       first sentence: \(tally.line("summary.first"))")
print("keyphrases exact       ours:           \(tally.line("keywords"))")
print("                       most frequent:  \(tally.line("keywords.frequent"))")
print("keyphrases stemmed     ours:           \(tally.line("keywords.stemmed"))")
print("                       most frequent:  \(tally.line("keywords.frequent.stemmed"))")
