import PaperSummaries
import Testing

@Suite struct SummaryMetricsTests {
    @Test func rougeLCountsTheLongestCommonSubsequence() {
        let scores = SummaryMetrics.rougeL("the cat sat on the mat", reference: "the cat lay on the mat today")
        #expect(scores.precision == 5.0 / 6 && scores.recall == 5.0 / 7)
        #expect(SummaryMetrics.rougeL("", reference: "anything").f1 == 0)
        #expect(SummaryMetrics.rougeL("Same words.", reference: "same words").f1 == 1)
    }

    @Test func keyphrasesMatchExactlyOrByStems() {
        let ours = ["Diffusion models", "novel-view synthesis", "robots"]
        let theirs = ["diffusion model", "novel view synthesis", "KV cache"]
        let exact = SummaryMetrics.keyphraseOverlap(ours, reference: theirs, stemmed: false)
        #expect(exact.precision == 1.0 / 3 && exact.recall == 1.0 / 3)
        let stemmed = SummaryMetrics.keyphraseOverlap(ours, reference: theirs, stemmed: true)
        #expect(stemmed.precision == 2.0 / 3 && stemmed.recall == 2.0 / 3)
    }

    @Test func stemmerFoldsCommonInflections() {
        #expect(Stemmer.stems("Learning models") == Stemmer.stems("learned model"))
        #expect(Stemmer.stem("studies") == Stemmer.stem("study"))
        #expect(Stemmer.stem("class") == "class" && Stemmer.stem("gas") == "gas")
    }
}
