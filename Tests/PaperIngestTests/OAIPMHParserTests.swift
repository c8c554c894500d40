import Foundation
import PaperCore
import Testing
@testable import PaperIngest

@Suite struct OAIPMHParserTests {
    private func page(_ path: String) throws -> OAIPage {
        try OAIPMHParser.parse(try Fixtures.data("oai-pmh/" + path))
    }

    private func papers(_ page: OAIPage) -> [Paper] {
        page.records.compactMap { if case let .paper(paper) = $0 { paper } else { nil } }
    }

    @Test func arXivRawListRecordsWithResumptionToken() throws {
        let page = try page("arxivraw-2015/ListRecordsResponse.xml")
        #expect(page.records.count == 6)
        #expect(page.resumptionToken == "726959|1001")
        #expect(page.completeListSize == 58_011)
        #expect(page.cursor == 0)
        #expect(page.deletedCount == 0)
        let papers = papers(page)
        #expect(papers.count == 6)
        let first = try #require(papers.first)
        #expect(first.id == PaperID(rawValue: "0704.0471"))
        #expect(first.title == "Density dependence of the symmetry energy and the nuclear equation of state: A Dynamical and Statistical model perspective")
        #expect(first.authors.map(\.name) == ["D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"])
        #expect(first.categories == ["nucl-ex", "nucl-th"])
        #expect(first.version == 1)
        #expect(first.publishedAt == Date(utc: "2007-04-03T22:04:11Z"))
        #expect(first.updatedAt == nil)
        // arXivRaw lists the article's and the erratum's DOI; the article's is kept.
        #expect(first.doi == "10.1103/PhysRevC.76.024606")
        #expect(first.journalRef == "Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007")
        #expect(first.abstract.contains("extremely \" stiff \" and \" soft \" form"))
        #expect(first.source == .oaiPMH)

        let fourVersions = try #require(papers.first { $0.id.rawValue == "0704.0716" })
        #expect(fourVersions.version == 4)
        #expect(fourVersions.publishedAt == Date(utc: "2007-04-05T12:45:03Z"))
        #expect(fourVersions.updatedAt == Date(utc: "2008-11-14T09:07:25Z"))
        #expect(fourVersions.categories == ["math-ph", "math.MP"])
    }

    @Test func arXivRawGetRecord() throws {
        let page = try page("arxivraw-2015/GetRecordResponse.xml")
        let paper = try #require(papers(page).first)
        #expect(page.records.count == 1)
        #expect(page.resumptionToken == nil)
        #expect(paper.id == PaperID(rawValue: "1302.2146"))
        #expect(paper.version == 2)
        #expect(paper.authors.map(\.name) == ["Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo"])
        #expect(paper.title == "The Same-Sign Dilepton Signature of RPV/MFV SUSY")
        #expect(paper.updatedAt == Date(utc: "2013-04-02T01:50:08Z"))
    }

    @Test func arXivFormat() throws {
        let page = try page("arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try2_http200.xml")
        let papers = papers(page)
        #expect(papers.count == 2)
        #expect(page.resumptionToken == nil)
        let ks = try #require(papers.first)
        #expect(ks.id == PaperID(rawValue: "1412.8544"))
        #expect(ks.title == "A Kochen-Specker system has at least 22 vectors (extended abstract)")
        #expect(ks.authors.map(\.name) == ["Sander Uijlen", "Bas Westerbaan"])
        #expect(ks.categories == ["cs.DM"])
        #expect(ks.publishedAt == Date(utc: "2014-12-29T00:00:00Z"))
        #expect(ks.doi == "10.4204/EPTCS.172.11")
        #expect(ks.journalRef == "EPTCS 172, 2014, pp. 154-164")
        #expect(papers[1].id == PaperID(rawValue: "hep-th/9504118"))
        #expect(papers[1].authors.map(\.name) == ["M. Requardt"])

        let single = try self.page("arxiv-2018/GetRecord_arXiv_1412.8544.xml")
        #expect(self.papers(single).map(\.id) == [PaperID(rawValue: "1412.8544")])
    }

    @Test func dublinCoreBareListRecords() throws {
        let page = try page("oai_dc-2016/ListRecords_oai_dc_quant-ph_2000records.xml")
        let papers = papers(page)
        #expect(page.records.count == 2_000)
        #expect(papers.count == 2_000)
        // The harvest saved its two pages of 1,000 twice over: 1,000 distinct papers.
        #expect(Set(papers.map(\.id)).count == 1_000)
        #expect(page.resumptionToken == nil)
        let first = try #require(papers.first)
        #expect(first.id == PaperID(rawValue: "0704.0042"))
        #expect(first.title == "General System theory, Like-Quantum Semantics and Fuzzy Sets")
        #expect(first.authors.map(\.name) == ["Ignazio Licata"])
        #expect(first.publishedAt == Date(utc: "2007-03-31T00:00:00Z"))
        #expect(first.categories == ["quant-ph"])
        #expect(first.abstract.hasPrefix("It is outlined the possibility"))
        #expect(!first.abstract.contains("Comment:"))
        let second = papers[1]
        #expect(second.authors.map(\.name) == ["I. Csiszar", "F. Hiai", "D. Petz"])
        #expect(second.doi == "10.1063/1.2779138")
        #expect(second.journalRef == "J. Math. Phys. 48(2007), 092102.")
        #expect(papers.contains { $0.authors.contains { $0.name == "Ladislav Mišta Jr." } })
        let revised = try #require(papers.first { $0.id.rawValue == "0707.1829" })
        #expect(revised.updatedAt == Date(utc: "2008-04-10T00:00:00Z"))
    }

    @Test(arguments: [
        ("ErrorResponseBadArgument.xml", "badArgument", "illegal argument 'identifier'"),
        ("ErrorResponseBadResumptionToken.xml", "badResumptionToken", "resumptionToken supplied is illegal"),
        ("ErrorResponseBadVerb.xml", "badVerb", "Verb 'wah' not implemented"),
        ("ErrorResponseIdDoesNotExist.xml", "idDoesNotExist", "oai:arXiv.org:0813.2274"),
        ("ErrorResponseNoRecordsMatch.xml", "noRecordsMatch", "The setSpec was 'moo'"),
    ])
    func errorDocumentsThrow(file: String, code: String, message: String) throws {
        let data = try Fixtures.data("oai-pmh/arxivraw-2015/" + file)
        let error = try #require(throws: OAIError.self) { try OAIPMHParser.parse(data) }
        #expect(error.code == code)
        #expect(error.message.contains(message))
        #expect(error.description.hasPrefix("OAI-PMH error \(code): "))
    }

    @Test func retryAfterHTMLIsNotAnOAIResponse() throws {
        let data = try Fixtures.data("oai-pmh/arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try1_http503.html")
        let error = try #require(throws: DocumentError.self) { try OAIPMHParser.parse(data) }
        #expect(error.reason.contains("<html>"))
    }

    @Test func listIdentifiersHasNoRecords() throws {
        let page = try page("arxiv-2018/ListIdentifiers_arXiv_2009-01-01_2009-01-02.xml")
        #expect(page.records.isEmpty)
    }

    @Test func deletedRecordsAreCountedAndBadOnesSkipped() throws {
        let xml = """
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
        <record><header status="deleted"><identifier>oai:arXiv.org:0704.0001</identifier></header></record>
        <record><header><identifier>oai:arXiv.org:0704.0002</identifier></header><metadata>
          <r:arXivRaw xmlns:r="http://arxiv.org/OAI/arXivRaw/"><r:id>0704.0002</r:id><r:title></r:title></r:arXivRaw>
        </metadata></record>
        <record><header><identifier>oai:arXiv.org:0704.0003</identifier></header><metadata>
          <r:arXivRaw xmlns:r="http://arxiv.org/OAI/arXivRaw/"><r:id>0704.0003</r:id><r:title>Prefixes do not matter</r:title>
          <r:authors>A. One, B. Two (Univ. X, Y), and C. Three</r:authors></r:arXivRaw>
        </metadata></record>
        <resumptionToken cursor="1000" completeListSize="1003"></resumptionToken>
        </ListRecords></OAI-PMH>
        """
        let page = try OAIPMHParser.parse(Data(xml.utf8))
        #expect(page.deletedCount == 1)
        #expect(page.records.count == 2)
        guard case let .skipped(skip) = page.records[0] else { Issue.record("expected a skip"); return }
        #expect(skip.location == "record oai:arXiv.org:0704.0002")
        #expect(skip.reason == "no title")
        #expect(papers(page).first?.authors.map(\.name) == ["A. One", "B. Two", "C. Three"])
        #expect(page.resumptionToken == nil)
        #expect(page.cursor == 1000)
    }

    @Test func malformedXMLThrowsWithLineNumber() throws {
        let xml = "<OAI-PMH>\n<ListRecords>\n<record>\n</ListRecords>"
        let error = try #require(throws: DocumentError.self) { try OAIPMHParser.parse(Data(xml.utf8)) }
        #expect(error.reason.contains("line 4"), "\(error)")
    }
}
