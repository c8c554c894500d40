import PaperCore
@testable import PaperWeb
import PaperSearch
import Testing

/// The count above search results, when counting stopped at the limit.
@Suite struct ResultCountTests {
    @Test func aCountThatStoppedSaysMoreThan() {
        let some = ResultCount(page: SearchPage(hits: [], total: 10_000, totalWithAllWords: 321, moreThanTotal: true), mode: .keyword)
        #expect(some.label == "More than 10000 papers match some of the words of")
        #expect(some.note == "(the 321 with all of them first)")

        let all = ResultCount(page: SearchPage(hits: [], total: 10_000, totalWithAllWords: 10_000, moreThanTotal: true), mode: .keyword)
        #expect(all.label == "More than 10000 papers match all the words of")
        #expect(all.note == nil)

        let exact = ResultCount(page: SearchPage(hits: [], total: 1, totalWithAllWords: 1), mode: .keyword)
        #expect(exact.label == "1 paper matches all the words of")
    }
}
