import PaperSummaries
import Testing

@Suite struct SentenceSplitterTests {
    @Test func splitsAtSentenceEnds() {
        #expect(SentenceSplitter.split("We study X. It works! Does it? Yes.")
            == ["We study X.", "It works!", "Does it?", "Yes."])
    }

    @Test func keepsAbbreviationsAndNumbersInsideSentences() {
        let text = "Large models (e.g. GPT-4) reach 92.5% accuracy, as in Fig. 3 and Eq. 2 of Smith et al. (2020). "
            + "Smith first saw this, i.e. the effect holds. Results improve by 3.2 points vs. the baseline."
        #expect(SentenceSplitter.split(text) == [
            "Large models (e.g. GPT-4) reach 92.5% accuracy, as in Fig. 3 and Eq. 2 of Smith et al. (2020).",
            "Smith first saw this, i.e. the effect holds.",
            "Results improve by 3.2 points vs. the baseline.",
        ])
    }

    @Test func neverSplitsInsideTeXMath() {
        let text = "We bound the error by $O(n. M)$ and $$x. Y$$ terms. The bound is tight \\$5. Next we test."
        #expect(SentenceSplitter.split(text) == [
            "We bound the error by $O(n. M)$ and $$x. Y$$ terms.",
            "The bound is tight \\$5.",
            "Next we test.",
        ])
    }

    @Test func collapsesLineBreaksAndKeepsClosingQuotes() {
        #expect(SentenceSplitter.split("We call it \"fast.\"  Then\n  it\nruns.") == ["We call it \"fast.\"", "Then it runs."])
    }

    @Test func handlesEmptyOneSentenceAndCJKText() {
        #expect(SentenceSplitter.split("") == [])
        #expect(SentenceSplitter.split("   \n ") == [])
        #expect(SentenceSplitter.split("No full stop at the end") == ["No full stop at the end"])
        #expect(SentenceSplitter.split("我们提出了一种新方法。实验表明它有效。") == ["我们提出了一种新方法。", "实验表明它有效。"])
    }

    @Test func keepsURLsWhole() {
        #expect(SentenceSplitter.split("Code is at https://github.com/a/b.c. We thank all.")
            == ["Code is at https://github.com/a/b.c.", "We thank all."])
    }
}
