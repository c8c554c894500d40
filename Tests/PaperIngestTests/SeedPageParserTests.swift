import Foundation
import PaperCore
import Testing
@testable import PaperIngest
import TestSupport

@Suite struct SeedPageParserTests {
    @Test func readsTheCapturedPage() throws {
        let text = try String(contentsOf: RepositoryPaths.seedPage, encoding: .utf8)
        let papers = SeedPageParser.parse(text)
        #expect(papers.count == 120)
        #expect(Set(papers.map(\.id)).count == 120)
        let first = try #require(papers.first)
        #expect(first.title == "UniFormerV2: Spatiotemporal Learning by Arming Image ViTs with Video UniFormer")
        #expect(first.abstract.hasPrefix("Learning discriminative spatiotemporal representation"))
        #expect(first.source == .seed)
        #expect(first.id.rawValue.hasPrefix("local-"))
        #expect(first.id.rawValue.count == "local-".count + 12)
        #expect(!papers.contains { ["new", "Subscribe", "Mar 17"].contains($0.title) })

        let cdfsl = try #require(papers.first { $0.title == "CDFSL-V: Cross-Domain Few-Shot Learning for Videos" })
        #expect(cdfsl.githubRepo == "https://github.com/Sarinda251/CDFSL-V")
    }

    @Test func localIDsAreStableAndIgnoreCaseAndSpacing() {
        let id = SeedPageParser.localID(title: "One Epoch Is All You Need")
        #expect(id == SeedPageParser.localID(title: "  one epoch   is all\nyou need "))
        #expect(id != SeedPageParser.localID(title: "Two Epochs Are All You Need"))
        // FNV-1a 64 of "a" is af63dc4c8601ec8c: the id is fixed across processes and builds.
        #expect(SeedPageParser.localID(title: "A") == PaperID(rawValue: "local-af63dc4c8601"))
    }

    @Test func chromeIsOnlySkippedAtTheTop() {
        let text = "new\n\nSubscribe\nMar 17\n\nTitle one\n\nAbstract one\nNew\nAbstract two\nDangling title\n"
        let papers = SeedPageParser.parse(text)
        #expect(papers.map(\.title) == ["Title one", "New"])
        #expect(papers.map(\.abstract) == ["Abstract one", "Abstract two"])
    }
}
