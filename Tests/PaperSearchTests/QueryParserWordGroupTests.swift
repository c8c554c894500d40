import PaperCore
import PaperSearch
import Testing

/// How bare words, stop words and explicit `AND` are read since keyword search ranks any of the
/// words (issue 13).
@Suite struct QueryParserWordGroupTests {
    func parse(_ text: String) throws -> QueryNode? { try QueryParser.parse(text).text }
    func word(_ text: String, _ field: TextField? = nil, prefix: Bool = false) -> QueryNode {
        .words(text, field: field, prefix: prefix)
    }

    @Test func aQuestionKeepsItsMeaningfulWords() throws {
        #expect(try parse("how do robots learn from videos") == .some([word("robots"), word("learn"), word("videos")]))
        #expect(try parse("What is the best way to do it's") == .some([word("best"), word("way")]))
        #expect(try parse("the transformers") == word("transformers"))
    }

    @Test func aQueryOfStopWordsOnlySearchesForThem() throws {
        #expect(try parse("how do") == .some([word("how"), word("do")]))
        #expect(try parse("the") == word("the"))
        #expect(try parse("the -video") == .all([word("the"), .not(word("video"))]))
    }

    @Test func stopWordsBesideARequiredTermAreLeftOut() throws {
        #expect(try parse("how title:robots") == word("robots", .title))
        #expect(try parse("\"learn from videos\" the") == word("learn from videos"))
    }

    @Test func explicitAndRequiresBothSides() throws {
        #expect(try parse("robots AND videos") == .all([word("robots"), word("videos")]))
        #expect(try parse("cheap robots AND videos learn")
            == .all([.some([word("cheap"), word("learn")]), word("robots"), word("videos")]))
        // AND after a stop word keeps the stop word: the user asked for it.
        #expect(try parse("the AND video") == .all([word("the"), word("video")]))
    }

    @Test func phrasesFieldsGroupsAndNegationsStayRequired() throws {
        #expect(try parse("robots videos \"deep learning\" author:LeCun -simulation (vision OR language)") == .all([
            .some([word("robots"), word("videos")]), word("deep learning"), word("LeCun", .authors), .not(word("simulation")),
            .any([word("vision"), word("language")]),
        ]))
        #expect(try parse("robots OR videos learn") == .all([.any([word("robots"), word("videos")]), word("learn")]))
        #expect(try parse("-(robots videos) learn") == .all([.not(.some([word("robots"), word("videos")])), word("learn")]))
    }

    @Test func allWordsRequiredReadsEveryGroupAsAll() throws {
        let query = try QueryParser.parse("robots videos -(cheap toys) year:2024")
        #expect(query.allWordsRequired == .all([.all([word("robots"), word("videos")]), .not(.all([word("cheap"), word("toys")]))]))
        #expect(try QueryParser.parse("robots title:videos").allWordsRequired == nil)
    }
}
