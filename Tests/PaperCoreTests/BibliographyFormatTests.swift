import Foundation
import PaperCore
import Testing

/// BibTeX, RIS, CSL-JSON and COinS of papers, with hostile imported text.
@Suite struct BibliographyFormatTests {
    static let published = Day("2026-08-20")!.start
    static let quokka = Paper(id: PaperID(rawValue: "2608.00001"), title: "Quokka Networks for Sparse Retrieval",
                              abstract: "We retrieve.", authors: [Author(name: "Ada Lovelace"), Author(name: "Grace Hopper")],
                              categories: ["cs.IR"], publishedAt: published, doi: "10.1000/xyz", source: .huggingFace)
    /// Imported text at its worst: braces, backslashes, TeX specials, line breaks, quotes.
    static let hostile = Paper(id: PaperID(rawValue: "2608.00002"),
                               title: "Hostile } title {with \\input{/etc/passwd} & 100% $x_1$ #1 ~ ^ \"q\"\nER  - \nTY  - JOUR",
                               abstract: "Line one\r\nline two } {", authors: [Author(name: "Gödel, Kurt"), Author(name: "Smith and Sons")],
                               publishedAt: published, source: .arxivAtom)

    @Test func bibTeXKeysAreUniqueAcrossAList() {
        let twin = Paper(id: PaperID(rawValue: "2608.00003"), title: "Quokka Networks Again", abstract: "",
                         authors: [Author(name: "Ada Lovelace")], publishedAt: Self.published, source: .huggingFace)
        let text = BibliographyFormat.bibtex.render([Self.quokka, twin, Self.quokka])
        #expect(text.contains("@misc{lovelace2026quokka,"))
        #expect(text.contains("@misc{lovelace2026quokkaa,"))
        #expect(text.contains("@misc{lovelace2026quokkab,"))
        #expect(text.contains("eprint = {2608.00001}") && text.contains("doi = {10.1000/xyz}"))
        #expect(text.contains("author = {Ada Lovelace and Grace Hopper}"))
    }

    @Test func bibTeXEscapesTeXSpecialsAndKeepsBracesBalanced() {
        let entry = BibliographyFormat.bibtex.render([Self.hostile])
        #expect(Self.bracesBalance(entry))
        #expect(!entry.contains("\\input"), "a backslash is text, not a command")
        #expect(entry.contains("\\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{}"))
        #expect(entry.contains("\\& 100\\% $x_1$ \\#1 \\textasciitilde{} \\textasciicircum{}"), "math between $ stays LaTeX")
        #expect(!entry.contains("\nER  -"), "line breaks are spaces")
        #expect(entry.contains("author = {Gödel, Kurt and {Smith and Sons}}"))
        #expect(entry.hasPrefix("@misc{godel2026hostile,"))
        // Every line is the entry's head, one field, or its end: nothing broke out of a field.
        #expect(entry.split(separator: "\n").allSatisfy { $0.hasPrefix("@misc{") || $0.hasPrefix("  ") || $0 == "}" })
    }

    @Test func risIsOneLinePerTag() {
        let ris = BibliographyFormat.ris.render([Self.quokka, Self.hostile])
        let lines = ris.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.allSatisfy { $0.count >= 6 && $0.dropFirst(2).hasPrefix("  - ") })
        #expect(lines.filter { $0.hasPrefix("TY  - ") }.count == 2 && lines.filter { $0 == "ER  - " }.count == 2)
        #expect(lines.contains("AU  - Lovelace, Ada") && lines.contains("AU  - Gödel, Kurt"))
        #expect(lines.contains("DA  - 2026/08/20/") && lines.contains("AN  - arXiv:2608.00001") && lines.contains("DO  - 10.1000/xyz"))
        #expect(lines.contains { $0.hasPrefix("TI  - Hostile } title") && $0.hasSuffix("ER - TY - JOUR") })
        #expect(lines.contains("AB  - Line one line two } {"))
    }

    @Test func cslJSONRoundTripsThroughAJSONParser() throws {
        let text = BibliographyFormat.cslJSON.render([Self.quokka, Self.hostile])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["id"] as? String == "arXiv:2608.00001" && items[0]["type"] as? String == "article")
        #expect(items[0]["number"] as? String == "2608.00001" && items[0]["archive"] as? String == "arXiv")
        #expect(items[0]["URL"] as? String == "https://arxiv.org/abs/2608.00001" && items[0]["DOI"] as? String == "10.1000/xyz")
        let authors = try #require(items[0]["author"] as? [[String: String]])
        #expect(authors == [["family": "Lovelace", "given": "Ada"], ["family": "Hopper", "given": "Grace"]])
        let issued = try #require(items[0]["issued"] as? [String: [[Int]]])
        #expect(issued["date-parts"] == [[2026, 8, 20]])
        #expect((items[1]["title"] as? String)?.hasPrefix("Hostile } title {with \\input{/etc/passwd}") == true)
        #expect(items[1]["abstract"] as? String == "Line one\r\nline two } {")
        let decoded = try JSONDecoder().decode([CSLItem].self, from: Data(text.utf8))
        #expect(decoded == [Self.quokka.cslItem, Self.hostile.cslItem])
    }

    /// What PaperFeed exports it reads back: each paper by its arXiv id and DOI, none malformed,
    /// hostile titles included (a collection moves between instances through a `.bib` file).
    @Test(arguments: [BibliographyFormat.bibtex, .cslJSON]) func anExportReadsBackAsTheSamePapers(format: BibliographyFormat) {
        let papers = [Self.quokka, Self.hostile]
        let read = BibliographyReader.read(format.render(papers))
        #expect(read.malformed.isEmpty, "\(read.malformed)")
        #expect(read.references.map { $0.arxiv?.description } == papers.map(\.id.rawValue))
        #expect(read.references.first?.doi?.lowercased() == "10.1000/xyz")
        #expect(read.references.allSatisfy { $0.title?.isEmpty == false })
    }

    @Test func formatsHaveMediaTypesAndSafeFileNames() {
        #expect(BibliographyFormat(name: "bib") == .bibtex && BibliographyFormat(name: "CSL-JSON") == .cslJSON)
        #expect(BibliographyFormat(name: "pdf") == nil)
        #expect(BibliographyFormat.ris.mediaType.hasPrefix("application/x-research-info-systems"))
        #expect(BibliographyFormat.bibtex.fileName("ada-reading group: \"week\" 1/../\r\n") == "ada-reading-group-week-1.bib")
        #expect(BibliographyFormat.cslJSON.fileName("\"; evil=") == "evil.json")
        #expect(BibliographyFormat.ris.fileName("") == "papers.ris")
    }

    @Test func coinsIsPercentEncoded() {
        let coins = Self.hostile.coins
        #expect(coins.hasPrefix("ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal&rft.genre=preprint&rft.atitle=Hostile%20%7D"))
        #expect(!coins.contains("\"") && !coins.contains("<") && !coins.contains("\n") && !coins.contains(" "))
        #expect(Self.quokka.coins.contains("rft.au=Ada%20Lovelace&rft.au=Grace%20Hopper&rft.date=2026-08-20&rft_id=info%3Aarxiv%2F2608.00001"))
    }

    static func bracesBalance(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }
}
