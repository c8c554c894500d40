import Foundation
import PaperCore
import Testing

@Suite struct TrendingRankerTests {
    let now = Day("2026-08-22")!.start.addingTimeInterval(12 * 3600)

    func paper(_ id: String, upvotes: Int, comments: Int = 0, stars: Int? = nil, listed: String) -> Paper {
        Paper(id: PaperID(rawValue: id), title: id, abstract: "", authors: [], listedOn: Day(listed),
              upvotes: upvotes, commentCount: comments, githubStars: stars, source: .huggingFace)
    }

    @Test func freshAttentionBeatsOlderAttention() {
        let ranked = TrendingRanker().rank([
            paper("old", upvotes: 100, listed: "2026-08-16"),
            paper("new", upvotes: 40, listed: "2026-08-22"),
        ], at: now)
        #expect(ranked.map(\.paper.id.rawValue) == ["new", "old"])
    }

    @Test func commentsAndStarsAddWithDiminishingStars() {
        let ranker = TrendingRanker()
        let discussed = ranker.score(paper("a", upvotes: 10, comments: 5, listed: "2026-08-22"), at: now)
        #expect(discussed.points == 25)
        let starred = ranker.score(paper("b", upvotes: 10, stars: 1_023, listed: "2026-08-22"), at: now)
        #expect(starred.points == 30)  // 2 × log2(1 + 1023) = 20
    }

    @Test func saysWhatMadeAPaperTrend() {
        let item = TrendingRanker().score(paper("a", upvotes: 42, comments: 1, stars: 1_200, listed: "2026-08-21"), at: now)
        #expect(item.reasons == "42 upvotes · 1 comment · 1.2k GitHub stars · listed yesterday")
    }

    @Test func onlyTheWindowsDaysTakePart() {
        #expect(TrendingRanker(window: 7).candidateDays(at: now) == Day("2026-08-16")!...Day("2026-08-22")!)
    }
}
