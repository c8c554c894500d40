import Foundation
import PaperCore
import Testing

/// Reading uploaded `.bib` and CSL-JSON files: ids, DOIs and titles out, malformed entries reported.
@Suite struct BibliographyReaderTests {
    @Test func bibTeXEntriesGiveArxivIdsDOIsAndTitles() {
        let text = """
        % a comment line
        @string{arx = "arXiv"}
        @article{a, title = {The {Quokka} \\& the Wombat}, eprint = {2608.00001v2}, archivePrefix = arx}
        @misc(b, title = "Linked", url = {https://arxiv.org/abs/2608.00002})
        @inproceedings{c, title = {{Deep} Nets}, doi = {https://doi.org/10.1145/ABC.123}}
        @article{d, title = {Only a title}, journal = "J" # " of " # {Things}, year = 2024}
        @misc{e, doi = {10.48550/arXiv.2608.00003}}
        @comment{ignored}
        @preamble{"\\newcommand{\\x}{y}"}
        """
        let read = BibliographyReader.read(text)
        #expect(read.malformed.isEmpty, "\(read.malformed)")
        #expect(read.references.map(\.key) == ["a", "b", "c", "d", "e"])
        #expect(read.references[0].arxiv?.base == "2608.00001" && read.references[0].title == "The Quokka & the Wombat")
        #expect(read.references[1].arxiv?.base == "2608.00002")
        #expect(read.references[2].doi == "10.1145/abc.123" && read.references[2].title == "Deep Nets")
        #expect(read.references[3].arxiv == nil && read.references[3].title == "Only a title")
        #expect(read.references[4].arxiv?.base == "2608.00003")
    }

    @Test func malformedEntriesAreReportedAndSkipped() {
        let text = """
        @article{broken, title = {never closed
        @article{fine, title = {Fine}, eprint = {2608.00001}}
        @article{, title = {No key}}
        @article{nothing, year = {2020}}
        @article{stray, title = {a}} }}}
        @@@@ {{{{ \\\\\\ "
        @misc{last, title = "quote never closed}
        """
        let read = BibliographyReader.read(text)
        #expect(read.references.map(\.key).contains("fine"))
        #expect(read.references.map(\.key).contains("stray"))
        #expect(read.malformed.count >= 3, "\(read.malformed)")
        #expect(read.malformed.contains { $0.contains("nothing") })
    }

    @Test func hostileInputNeverCrashes() {
        let inputs = [String(repeating: "{", count: 100_000), "@a{" + String(repeating: "}", count: 1000),
                      "@misc{k, title = " + String(repeating: "{", count: 50_000), String(repeating: "@x{k,", count: 10_000),
                      "\u{0}\u{FEFF}@misc{k,title={\u{202E}x}}", "[", "{\"id\": 1}", "[1, \"x\", null, {\"title\": 5}]"]
        for input in inputs {
            _ = BibliographyReader.read(input)
        }
    }

    @Test func cslJSONItemsGiveTheirIds() {
        let text = """
        [{"id": "arXiv:2608.00001", "type": "article", "title": "Quokka", "number": "2608.00001", "archive": "arXiv"},
         {"id": "x", "title": "By DOI", "DOI": "10.1/ABC"},
         {"id": "y", "URL": "http://arxiv.org/pdf/2608.00002v1"},
         {"id": "z"}, 7]
        """
        let read = BibliographyReader.read(text)
        #expect(read.references.map(\.key) == ["arXiv:2608.00001", "x", "y"])
        #expect(read.references[0].arxiv?.base == "2608.00001" && read.references[1].doi == "10.1/abc")
        #expect(read.references[2].arxiv?.base == "2608.00002")
        #expect(read.malformed.count == 2)
        #expect(BibliographyReader.read("[{").malformed.count == 1)
    }

    @Test func titlesCompareWithoutCaseAccentsPunctuationAndTeX() {
        #expect(BibliographyText.titleKey("{BERT}: Pre-training of {D}eep   Transformers!") == "bert pre training of deep transformers")
        #expect(BibliographyText.titleKey("Caf\\'{e} Gödel") == BibliographyText.titleKey("Cafe Godel"))
    }
}
