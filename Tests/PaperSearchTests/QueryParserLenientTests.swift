import PaperCore
import PaperSearch
import Testing

/// Text as people paste it into a search box: stray syntax and whole passages are searched as
/// their words instead of refused, and parentheses that only wrap words are punctuation.
@Suite struct QueryParserLenientTests {
    func word(_ text: String) -> QueryNode { .words(text, field: nil, prefix: false) }

    @Test func textThatIsNotSyntaxIsSearchedAsItsWords() throws {
        for text in ["\"label noise in video", "video AND", "Title: video agents", "year:abc video", "((video"] {
            let (query, notice) = try QueryParser.parseLeniently(text)
            #expect(notice?.hasPrefix("Searched for the words alone") == true, "\(text)")
            #expect(query.positiveWords.contains("video"), "\(text)")
        }
        // Valid syntax keeps its meaning, with no notice.
        let (query, notice) = try QueryParser.parseLeniently("\"label noise\" -video")
        #expect(notice == nil)
        #expect(query.text == .all([word("label noise"), .not(word("video"))]))
    }

    @Test func aPassageIsSearchedAsItsDistinctWords() throws {
        let sentence = "The authors (in \"Section 3\") claim: models trained on noisy labels memorize them - or do they? "
        let passage = String(repeating: sentence, count: 30) + (0..<100).map { "term\($0)" }.joined(separator: " ")
        let (query, notice) = try QueryParser.parseLeniently(passage)
        #expect(notice?.contains("passage") == true)
        guard case let QueryNode.some(words)? = query.text else { Issue.record("not a group of words: \(String(describing: query.text))"); return }
        #expect(words.count == QueryParser.maximumPassageWords)
        #expect(words.prefix(4) == [word("authors"), word("Section"), word("3"), word("claim")], "stop words left out, once each")
        #expect(throws: SearchQueryError.tooLong(QueryParser.maximumPassageLength)) {
            try QueryParser.parseLeniently(String(repeating: "word ", count: 5_000))
        }
        #expect(throws: SearchQueryError.empty) { try QueryParser.parseLeniently(" \" - ( ") }
    }

    @Test func parenthesesAroundWordsAloneArePunctuation() throws {
        #expect(try QueryParser.parse("(covid) treatment").text == .some([word("covid"), word("treatment")]))
        #expect(try QueryParser.parse("sars (2019 ncov)").text == .some([word("sars"), word("2019"), word("ncov")]))
        // A group that operators act on stays a group.
        #expect(try QueryParser.parse("(vision language) OR speech").text
            == .any([.some([word("vision"), word("language")]), word("speech")]))
        #expect(try QueryParser.parse("video -(cats dogs)").text == .all([word("video"), .not(.some([word("cats"), word("dogs")]))]))
    }

    /// The sentence model reads the words as typed, stop words included; fields and exclusions stay out.
    @Test func theTypedTextKeepsStopWordsAndLeavesOutFieldsAndExclusions() throws {
        #expect(try QueryParser.parse("how do robots learn from videos -simulation author:LeCun").typedText
            == "how do robots learn from videos")
        #expect(try QueryParser.parse("diffusion NOT (video OR \"3d\")").typedText == "diffusion")
        #expect(try QueryParser.parse("author:LeCun").typedText == nil)
    }
}
