import PaperCore
@testable import PaperSearch
import Testing

/// Terms are the lower-cased words of title and abstract, without stop words, and the pairs
/// of adjacent kept words; the lexical model weights the words its saved papers share.
@Suite struct PaperTermsTests {
    @Test func termsAreWordsAndAdjacentPairsWithoutStopWords() {
        let counts = PaperTerms.counts("The Quokka-Former of 3D scenes, and the quokka")
        let quokka = fnv1a64("quokka"), former = fnv1a64("former"), scenes = fnv1a64("scenes")
        #expect(counts[quokka] == 2)
        #expect(counts[fnv1a64("the")] == nil && counts[fnv1a64("of")] == nil, "stop words are dropped")
        #expect(counts[fnv1a64("3d")] == nil, "a word starting with a digit is not one")
        #expect(counts[PaperTerms.pair(quokka, former)] == 1)
        #expect(counts[PaperTerms.pair(former, scenes)] == 1, "a pair spans the stop word between")
        #expect(counts[PaperTerms.pair(former, quokka)] == nil, "pairs keep their order")
        #expect(PaperTerms.words("Quokka scenes")[quokka] == "quokka")
    }

    @Test func authorsAreNeverRead() {
        let paper = Paper(id: PaperID(rawValue: "2401.00001"), title: "Sparse kernels", abstract: "Fast attention.",
                          authors: [Author(name: "Grace Hopper")], source: .arxivAtom)
        #expect(PaperTerms.counts(PaperTerms.text(of: paper))[fnv1a64("hopper")] == nil)
    }

    @Test func theWordsTheSavedPapersShareWeighMost() throws {
        let saved = ["Quokka kernels for graphs", "Quokka attention on molecules", "Graphs of molecules with quokka"]
        let others = (0..<40).map { "A study of graphs number \($0) and of images" }
        let model = try #require(LexicalRecommender().train(wanted: saved.map(PaperTerms.counts), background: others.map(PaperTerms.counts),
                                                            words: saved.reduce(into: [UInt64: String]()) { $0.merge(PaperTerms.words($1)) { a, _ in a } }))
        #expect(model.topWords.first == "quokka")
        #expect(model.score(PaperTerms.counts("quokka images")) > model.score(PaperTerms.counts("graphs images")))
    }
}
