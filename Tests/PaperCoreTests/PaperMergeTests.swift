import Foundation
import PaperCore
import Testing

@Suite struct PaperMergeTests {
    let id = PaperID(rawValue: "2501.00001")

    func paper(version: Int? = nil, upvotes: Int = 0, listedOn: String? = nil, categories: [String] = [],
               repo: String? = nil, title: String = "A paper", source: PaperSource = .huggingFace) -> Paper {
        Paper(id: id, version: version, title: title, abstract: "Abstract.", authors: [Author(name: "Ada")],
              categories: categories, listedOn: listedOn.flatMap { Day($0) }, upvotes: upvotes,
              githubRepo: repo, source: source)
    }

    @Test func mergingTheSameRecordChangesNothing() {
        let stored = paper(version: 2, upvotes: 5, listedOn: "2025-03-11", repo: "https://github.com/a/b")
        #expect(stored.merged(over: stored) == stored)
    }

    @Test func anOlderVersionIsIgnored() {
        #expect(paper(version: 1, title: "Old").merged(over: paper(version: 2, title: "New")) == nil)
    }

    @Test func aNewerVersionReplacesTheText() throws {
        let merged = try #require(paper(version: 3, title: "Revised").merged(over: paper(version: 2, title: "First")))
        #expect(merged.title == "Revised")
        #expect(merged.version == 3)
    }

    @Test func sourcesComplementEachOther() throws {
        let fromHF = paper(upvotes: 40, listedOn: "2025-03-11", repo: "https://github.com/a/b")
        let fromArxiv = paper(version: 2, categories: ["cs.CV", "cs.LG"], source: .arxivAtom)
        let merged = try #require(fromArxiv.merged(over: fromHF))
        #expect(merged.categories == ["cs.CV", "cs.LG"])
        #expect(merged.upvotes == 40)
        #expect(merged.githubRepo == "https://github.com/a/b")
        #expect(merged.listedOn == Day("2025-03-11"))
        #expect(merged.source == .huggingFace)
    }

    @Test func keepsTheFirstListingDayAndHighestCounts() throws {
        let merged = try #require(paper(upvotes: 3, listedOn: "2025-03-14").merged(over: paper(upvotes: 9, listedOn: "2025-03-11")))
        #expect(merged.listedOn == Day("2025-03-11"))
        #expect(merged.upvotes == 9)
    }
}
