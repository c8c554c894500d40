import Foundation
import PaperCore
@testable import PaperSearch
import Testing

@Suite struct SemanticQueryTests {
    let paper = Paper(id: PaperID(rawValue: "2501.00001"), title: "Video diffusion", abstract: "We generate clips.",
                      authors: [Author(name: "Jonathan Ho")], categories: ["cs.CV", "cs.LG"],
                      publishedAt: Day("2025-01-02")!.start, source: .huggingFace)

    func admits(_ text: String) throws -> Bool { SemanticQuery(try QueryParser.parse(text)).admits(paper) }

    @Test func freeWordsAreTheTextToEmbed() throws {
        #expect(SemanticQuery(try QueryParser.parse("papers making ViTs handle video author:ho -gan")).text
            == "papers making ViTs handle video")
    }

    @Test func fieldsFilterInSemanticModeToo() throws {
        #expect(try admits("generation author:ho cat:cs.CV year:2025"))
        #expect(try admits("generation cat:cs"))
        #expect(try !admits("generation author:lecun"))
        #expect(try !admits("generation cat:cs.CL"))
        #expect(try !admits("generation year:2020-2023"))
        #expect(try !admits("generation -clips"))
    }
}
