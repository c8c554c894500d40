import PaperSummaries
import Testing

@Suite struct KeyphraseCandidatesTests {
    @Test func candidatesNeverStartOrEndWithStopWordsNorCrossPunctuation() {
        let candidates = KeyphraseCandidates.extract(
            title: "Sparse Mixture of Experts for Speech Recognition",
            abstract: "We train sparse mixture models on speech data, and the models converge. Speech recognition improves."
        )
        let texts = candidates.map(\.text)
        #expect(texts.contains("Speech Recognition"))
        #expect(texts.contains("Sparse Mixture"))
        #expect(texts.contains("sparse mixture models"))
        #expect(!texts.contains { $0.lowercased().hasPrefix("of ") || $0.lowercased().hasSuffix(" the") })
        #expect(!texts.contains("data models"))  // a comma lies between them
        #expect(texts.allSatisfy { $0.split(separator: " ").count <= 3 })
        let speech = candidates.first { $0.text.lowercased() == "speech recognition" }
        #expect(speech?.count == 2 && speech?.inTitle == true && speech?.firstPosition == 3)
    }

    @Test func skipsMathURLsAndTeXCommands() {
        let candidates = KeyphraseCandidates.extract(
            title: "", abstract: "Loss $\\mathcal{L}_{KD}$ with \\emph{gradient clipping} at https://example.com/x-y 1.5B params."
        ).map(\.text)
        #expect(candidates.contains("gradient clipping"))
        #expect(!candidates.contains { $0.contains("mathcal") || $0.contains("KD") || $0.contains("emph") || $0.contains("example") })
        #expect(candidates.contains("1.5B params"))
    }

    @Test func nothingFromEmptyText() {
        #expect(KeyphraseCandidates.extract(title: "", abstract: "").isEmpty)
        #expect(KeyphraseCandidates.extract(title: "", abstract: "It is what it is.").isEmpty)
    }
}
