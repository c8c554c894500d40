import Foundation
import PaperCore
import Testing
@testable import PaperIngest

@Suite struct AtomFeedParserTests {
    private func feed(_ path: String) throws -> AtomFeed {
        try AtomFeedParser.parse(try Fixtures.data("atom-api/" + path))
    }

    @Test func oldSerialisationWithHardWrappedText() throws {
        let feed = try feed("2016/id_list_1111.2011v2.xml")
        #expect(feed.totalResults == 1)
        #expect(feed.startIndex == 0)
        #expect(feed.itemsPerPage == 10)
        let paper = try #require(feed.papers.first)
        #expect(feed.papers.count == 1)
        #expect(paper.id == PaperID(rawValue: "1111.2011"))
        #expect(paper.version == 2)
        #expect(paper.title == "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit")
        #expect(paper.abstract.hasPrefix("Theoretical description of anisotropic systems, such as layered superconductors"))
        #expect(!paper.abstract.contains("\n"))
        #expect(paper.authors.map(\.name) == ["James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"])
        #expect(paper.categories == ["cond-mat.str-el", "cond-mat.stat-mech"])
        #expect(paper.doi == "10.1103/PhysRevB.85.115117")
        #expect(paper.journalRef == "Phys. Rev. B 85, 115117 (2012)")
        #expect(paper.publishedAt == Date(utc: "2011-11-08T18:48:36Z"))
        #expect(paper.updatedAt == Date(utc: "2012-04-02T12:38:54Z"))
        #expect(paper.source == .arxivAtom)
    }

    @Test func searchPagesOfBothEras() throws {
        let old = try feed("2016/search_au_del_maestro.xml")
        #expect(old.papers.count == 10)
        #expect(old.totalResults == 31)
        #expect(old.papers.first?.id == PaperID(rawValue: "1201.4869"))
        #expect(old.papers.first?.doi == "10.1142/S021797921244002X")
        #expect(old.papers.allSatisfy { $0.authors.contains { $0.name.hasSuffix("Del Maestro") } })

        let new = try feed("2026/q_testing_s10_m10.xml")
        #expect(new.papers.count == 10)
        #expect(new.totalResults == 214_881)
        #expect(new.startIndex == 10)
        #expect(new.papers.first?.id == PaperID(rawValue: "2403.16981"))
        #expect(new.papers.first?.version == 2)
        // Both eras give the same kind of record.
        for paper in old.papers + new.papers {
            #expect(!paper.title.isEmpty && !paper.abstract.isEmpty && !paper.authors.isEmpty)
            #expect(!paper.categories.isEmpty && paper.publishedAt != nil && paper.updatedAt != nil)
            #expect(!paper.title.contains("\n") && !paper.abstract.contains("  "))
        }
        #expect(try feed("2026/q_testing_s0_m100.xml").papers.count == 100)
    }

    @Test func oldStyleIdentifiers() throws {
        let astro = try #require(try feed("2026/id_astro-ph_0601001_s0_m100.xml").papers.first)
        #expect(astro.id == PaperID(rawValue: "astro-ph/0601001"))
        #expect(astro.version == 1)
        #expect(astro.authors.count == 4)
        #expect(astro.authors.first?.name == "Andrew Gould")
        #expect(astro.categories == ["astro-ph"])
        #expect(astro.journalRef == "ActaAstron.56:1-50,2006")
        #expect(astro.abstract.hasPrefix("We derive the frequencies of hot Jupiters"))
        #expect(astro.abstract.contains("V_max<17.5"))

        let quant = try #require(try feed("2026/id_quant-ph_0201082v1_s0_m100.xml").papers.first)
        #expect(quant.id == PaperID(rawValue: "quant-ph/0201082"))
        #expect(quant.categories == ["quant-ph", "cs.PL"])
    }

    @Test func titleZeroIsATitle() throws {
        let paper = try #require(try feed("2026/id_2104.12255v1_s0_m100.xml").papers.first)
        #expect(paper.title == "0")
        #expect(paper.categories == ["cs.CR"])
    }

    @Test func unknownIdsGiveNoPapersAndNoError() throws {
        let none = try feed("2026/id_0000.0000_s0_m100.xml")
        #expect(none.papers.isEmpty)
        #expect(none.totalResults == 0)
        let one = try feed("2026/id_0808.05394_1707.08567_s0_m100.xml")
        #expect(one.papers.map(\.id) == [PaperID(rawValue: "1707.08567")])
    }

    @Test func http400ErrorFeedThrowsArxivsMessage() throws {
        let data = try Fixtures.data("atom-api/2026/id_abc_s0_m100.xml")
        let error = try #require(throws: DocumentError.self) { try AtomFeedParser.parse(data) }
        #expect(error.reason.contains("incorrect id format for abc"))
    }

    @Test func malformedXMLThrowsWithLineNumber() throws {
        let xml = "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n<title>Open</entry>\n</feed>"
        let error = try #require(throws: DocumentError.self) { try AtomFeedParser.parse(Data(xml.utf8)) }
        #expect(error.reason.contains("line 4"), "\(error)")
    }

    @Test func otherDocumentsAreNotFeeds() throws {
        let data = try Fixtures.data("oai-pmh/arxivraw-2015/GetRecordResponse.xml")
        let error = try #require(throws: DocumentError.self) { try AtomFeedParser.parse(data) }
        #expect(error.reason.contains("OAI-PMH"))
    }
}
