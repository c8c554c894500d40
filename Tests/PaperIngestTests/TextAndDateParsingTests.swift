import Foundation
import PaperCore
import Testing
@testable import PaperIngest

@Suite struct DateParsingTests {
    @Test(arguments: [
        ("2026-08-20T00:00:00.000Z", "2026-08-20T00:00:00Z"),
        ("2012-04-02T12:38:54Z", "2012-04-02T12:38:54Z"),
        ("2016-10-09T00:00:00-04:00", "2016-10-09T04:00:00Z"),
        ("2016-10-09T05:30:00+05:30", "2016-10-09T00:00:00Z"),
        ("2014-12-29", "2014-12-29T00:00:00Z"),
        ("2024-02-29T23:59:59.5Z", "2024-02-29T23:59:59Z"),
    ])
    func iso8601(text: String, expected: String) throws {
        let date = try #require(DateParsing.iso8601(text))
        #expect(abs(date.timeIntervalSince(Date(utc: expected))) < 1)
    }

    @Test func fractionalSecondsAreKept() throws {
        let date = try #require(DateParsing.iso8601("2024-11-01T05:16:02.603Z"))
        #expect(abs(date.timeIntervalSince(Date(utc: "2024-11-01T05:16:02Z")) - 0.603) < 0.0001)
    }

    @Test(arguments: [
        ("Mon, 2 Apr 2007 19:18:42 GMT", "2007-04-02T19:18:42Z"),
        ("Sat, 31 Mar 2007 02:26:18 GMT", "2007-03-31T02:26:18Z"),
        ("2 Apr 2007 19:18:42 +0200", "2007-04-02T17:18:42Z"),
        ("Thu, 20 Nov 2014 15:03:16 UT", "2014-11-20T15:03:16Z"),
    ])
    func rfc2822(text: String, expected: String) {
        #expect(DateParsing.rfc2822(text) == Date(utc: expected))
    }

    @Test(arguments: ["", "yesterday", "2025-02-30", "2025-13-01T00:00:00Z", "2025-01-01T25:00:00Z", "2025-01-01T10:00:00Q"])
    func invalidISO(text: String) {
        #expect(DateParsing.iso8601(text) == nil)
    }

    @Test(arguments: ["", "Mon, 2 Foo 2007 19:18:42 GMT", "Mon, 31 Feb 2007 19:18:42 GMT", "Mon, 2 Apr 2007 19:18:42 PDT"])
    func invalidRFC2822(text: String) {
        #expect(DateParsing.rfc2822(text) == nil)
    }
}

@Suite struct TextNormalisingTests {
    @Test func collapsesWhitespace() {
        #expect("  Feature-Level Insights with Sparse\n  Autoencoders \n".collapsingWhitespace
            == "Feature-Level Insights with Sparse Autoencoders")
        #expect("Zetta ζ:\t\tfast".collapsingWhitespace == "Zetta ζ: fast")
        #expect(" \n ".collapsingWhitespace.isEmpty)
    }

    @Test func splitsAuthorLists() {
        #expect(splitAuthorList("D.V. Shetty, S.J. Yennello, and G.A. Souliotis") == ["D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"])
        #expect(splitAuthorList("Valeria M. Rosa and Patricio S. letelier") == ["Valeria M. Rosa", "Patricio S. letelier"])
        #expect(splitAuthorList("A. One (MIT, USA), B.\n  Two") == ["A. One", "B. Two"])
        #expect(splitAuthorList("Alexander Sandro") == ["Alexander Sandro"])
        #expect(splitAuthorList("").isEmpty)
    }

    @Test func dublinCoreCreatorNames() {
        #expect(OAIRecordFields.displayName(creator: "Cohen, Scott M.") == "Scott M. Cohen")
        #expect(OAIRecordFields.displayName(creator: "Lomonaco, Jr, Samuel J.") == "Samuel J. Lomonaco Jr")
        #expect(OAIRecordFields.displayName(creator: "Sudha") == "Sudha")
    }
}

@Suite struct XMLStrictnessTests {
    @Test func truncatedOAIPageThrows() throws {
        let full = try Fixtures.data("oai-pmh/arxivraw-2015/ListRecordsResponse.xml")
        let error = try #require(throws: DocumentError.self) {
            try OAIPMHParser.parse(full.prefix(full.count / 2))
        }
        #expect(error.reason.hasPrefix("malformed XML at line"))
    }

    @Test func emptyAndNonXMLDocumentsThrow() {
        #expect(throws: DocumentError.self) { try AtomFeedParser.parse(Data()) }
        #expect(throws: DocumentError.self) { try AtomFeedParser.parse(Data("<feed xmlns=\"http://www.w3.org/2005/Atom\">".utf8)) }
        #expect(throws: DocumentError.self) { try OAIPMHParser.parse(Data("not xml".utf8)) }
    }

    @Test func htmlEntitiesAreReported() throws {
        let xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>a&nbsp;b</title></feed>"
        let error = try #require(throws: DocumentError.self) { try AtomFeedParser.parse(Data(xml.utf8)) }
        #expect(error.reason.contains("line 1"))
    }
}
