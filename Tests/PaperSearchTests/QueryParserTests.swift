import PaperCore
import PaperSearch
import Testing

@Suite struct QueryParserTests {
    func parse(_ text: String) throws -> SearchQuery { try QueryParser.parse(text) }
    func word(_ text: String, _ field: TextField? = nil, prefix: Bool = false) -> QueryNode {
        .words(text, field: field, prefix: prefix)
    }

    @Test func wordsMustAllMatch() throws {
        #expect(try parse("video transformer").text == .all([word("video"), word("transformer")]))
        #expect(try parse("discriminative").text == word("discriminative"))
    }

    @Test func quotedPhrasesAndPrefixes() throws {
        #expect(try parse("\"label noise\" memoriz*").text == .all([word("label noise"), word("memoriz", prefix: true)]))
    }

    @Test func orBindsTighterThanTheImpliedAnd() throws {
        #expect(try parse("video ViT OR transformer").text
            == .all([word("video"), .any([word("ViT"), word("transformer")])]))
    }

    @Test func negationWithMinusOrNot() throws {
        let expected: QueryNode = .all([word("diffusion"), .not(word("video"))])
        #expect(try parse("diffusion -video").text == expected)
        #expect(try parse("diffusion NOT video").text == expected)
        #expect(try parse("diffusion AND NOT video").text == expected)
    }

    @Test func fieldsAndTheirAliases() throws {
        let query = try parse("author:\"Kaiming He\" cat:cs.CV ti:masked year:2020-2023")
        #expect(query.text == .all([word("Kaiming He", .authors), word("cs.CV", .categories), word("masked", .title)]))
        #expect(query.years == 2020...2023)
        #expect(try parse("year:2024").years == 2024...2024)
        #expect(try parse("year:2024").text == nil)
    }

    @Test func anUnknownFieldIsSearchedAsText() throws {
        #expect(try parse("BERT: pretraining").text == .all([word("BERT:"), word("pretraining")]))
    }

    @Test func lowerCaseAndOrAreWords() throws {
        #expect(try parse("rock and roll").text == .all([word("rock"), word("and"), word("roll")]))
    }

    @Test func parenthesesGroup() throws {
        #expect(try parse("(video OR image) -(gan OR vae) generation").text == .all([
            .any([word("video"), word("image")]), .not(.any([word("gan"), word("vae")])), word("generation"),
        ]))
    }

    @Test(arguments: [
        ("\"unbalanced", SearchQueryError.unbalancedQuote),
        ("AND OR", .danglingOperator("AND")),
        ("vision OR", .danglingOperator("OR")),
        ("OR vision", .danglingOperator("OR")),
        ("vision NOT", .danglingOperator("NOT")),
        ("title:", .emptyField("title")),
        ("author: Smith", .emptyField("author")),
        ("(video", .unbalancedParenthesis),
        ("video)", .unbalancedParenthesis),
        ("-video", .negationWithoutTerm),
        ("NOT video", .negationWithoutTerm),
        ("a OR -b", .negationWithoutTerm),
        ("year:abc", .badYear("abc")),
        ("year:2025-2020", .badYear("2025-2020")),
        ("", .empty),
        ("  - + ", .empty),
    ])
    func badSyntaxGetsAMessageThatNamesTheProblem(text: String, error: SearchQueryError) {
        #expect(throws: error) { try QueryParser.parse(text) }
        #expect(!error.description.isEmpty)
    }
}
