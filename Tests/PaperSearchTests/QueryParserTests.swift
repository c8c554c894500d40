import PaperCore
import PaperSearch
import Testing

@Suite struct QueryParserTests {
    func parse(_ text: String) throws -> SearchQuery { try QueryParser.parse(text) }
    func word(_ text: String, _ field: TextField? = nil, prefix: Bool = false) -> QueryNode {
        .words(text, field: field, prefix: prefix)
    }

    /// Issue 13: words side by side are a `some` group (any may match; more rank higher).
    @Test func wordsSideBySideAreAGroupOfWhichSomeMustMatch() throws {
        #expect(try parse("video transformer").text == .some([word("video"), word("transformer")]))
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
        #expect(try parse("BERT: pretraining").text == .some([word("BERT:"), word("pretraining")]))
    }

    @Test func lowerCaseAndOrAreWords() throws {
        // Words, not operators; stop words too, so left out beside others (issue 13).
        #expect(try parse("rock and roll").text == .some([word("rock"), word("roll")]))
        #expect(try parse("and or").text == .some([word("and"), word("or")]))
    }

    @Test func parenthesesGroup() throws {
        #expect(try parse("(video OR image) -(gan OR vae) generation").text == .all([
            .any([word("video"), word("image")]), .not(.any([word("gan"), word("vae")])), word("generation"),
        ]))
    }

    @Test func aDoubleNegationCancels() throws {
        #expect(try parse("vision NOT NOT language").text == .all([word("vision"), word("language")]))
        #expect(try parse("vision NOT -language").text == .all([word("vision"), word("language")]))
        #expect(try parse("NOT NOT vision").text == word("vision"))
        #expect(try parse("vision NOT NOT NOT language").text == .all([word("vision"), .not(word("language"))]))
    }

    @Test func aNegatedGroupKeepsItsOwnNegation() throws {
        #expect(try parse("a -(b -c)").text == .all([word("a"), .not(.all([word("b"), .not(word("c"))]))]))
    }

    @Test func controlCharactersAreSpaces() throws {
        #expect(try parse("vision\u{0}language").text == .some([word("vision"), word("language")]))
        #expect(try parse("\u{1}vision\u{7F}\u{85}").text == word("vision"))
        #expect(try parse("\"label\u{0}noise\"").text == word("label noise"))
        #expect(throws: SearchQueryError.empty) { try QueryParser.parse("\u{0}\u{0}") }
    }

    @Test func unicodeWordsAndPrefixes() throws {
        #expect(try parse("café Straße*").text == .some([word("café"), word("Straße", prefix: true)]))
        #expect(try parse("日本語").text == word("日本語"))
        #expect(try parse("a½b*").text == word("a½b", prefix: true))
    }

    @Test func limitsOnSizeAndNestingHaveMessages() throws {
        let terms = (0...QueryParser.maximumTerms).map { "w\($0)" }.joined(separator: " ")
        #expect(throws: SearchQueryError.tooManyTerms(QueryParser.maximumTerms)) { try QueryParser.parse(terms) }
        #expect(try parse(terms.split(separator: " ").dropLast().joined(separator: " ")).text != nil)
        let deep = String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)
        #expect(throws: SearchQueryError.tooDeep(QueryParser.maximumDepth)) { try QueryParser.parse(deep) }
        #expect(throws: SearchQueryError.tooDeep(QueryParser.maximumDepth)) {
            try QueryParser.parse("a " + String(repeating: "NOT ", count: 40) + "b")
        }
        // One letter under a thousand combining marks is one Character, but not a short query.
        #expect(throws: SearchQueryError.tooLong(QueryParser.maximumLength)) {
            try QueryParser.parse("a" + String(repeating: "\u{301}", count: 2_000))
        }
        for error in [SearchQueryError.tooManyTerms(32), .tooDeep(32), .tooLong(1000)] {
            #expect(error.description.contains("32") || error.description.contains("1000"))
        }
    }

    @Test(arguments: [
        ("\"unbalanced", SearchQueryError.unbalancedQuote),
        ("year:", .emptyField("year")),
        ("year:99999999999999999999", .badYear("99999999999999999999")),
        ("year:2020-1990", .badYear("2020-1990")),
        ("year:2020-2021-2022", .badYear("2020-2021-2022")),
        ("author:", .emptyField("author")),
        ("author:\"\"", .emptyField("author")),
        ("*", .empty),
        ("** !!! ...", .empty),
        ("-a", .negationWithoutTerm),
        ("-a -b", .negationWithoutTerm),
        ("a -(-b)", .negationWithoutTerm),
        ("((a)", .unbalancedParenthesis),
        ("a))", .unbalancedParenthesis),
        ("\"a\" \"b", .unbalancedQuote),
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
