import Foundation
import HummingbirdTesting
import PaperCore
import Testing
import TestSupport

/// The daily feed's pages as a reader sees them: filtered to a category with `?cat=`, and on an
/// instance that follows only arXiv, the newest papers ranked by trending score.
@Suite struct DailyFeedPageTests {
    static func paper(_ id: String, _ title: String, _ categories: [String], published: String, listed: String? = nil,
                      upvotes: Int = 0, comments: Int = 0) -> Paper {
        Paper(id: PaperID(rawValue: id), title: title, abstract: "An abstract.", authors: [Author(name: "Ada Lovelace")],
              categories: categories, publishedAt: Day(published)!.start, listedOn: listed.flatMap { Day($0) },
              upvotes: upvotes, commentCount: comments, source: listed == nil ? .oaiPMH : .huggingFace)
    }

    static let curated = [
        paper("2608.00001", "Parsing Sentences Faster", ["cs.CL"], published: "2026-08-19", listed: "2026-08-20", upvotes: 3),
        paper("2608.00002", "Seeing Shapes", ["cs.CV", "cs.LG"], published: "2026-08-19", listed: "2026-08-20", upvotes: 7),
    ]

    @Test func theDailyPagesFilterByCategoryAndKeepTheFilterInTheirLinks() async throws {
        try await withStore(Self.curated) { store in
            try await WebFixture.withApp(repository: store) { client in
                try await client.execute(uri: "/?cat=cs.CV", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Seeing Shapes") && !response.text.contains("Parsing Sentences Faster"))
                    #expect(response.text.contains("Papers of August 20, 2026 in cs.CV"))
                    #expect(response.text.contains("href=\"/papers/week/2026-W34?cat=cs.CV\""))
                    #expect(response.text.contains("/feeds/daily.rss?cat=cs.CV"))
                    #expect(response.text.contains("value=\"cs.CV\""))
                }
                try await client.execute(uri: "/papers/date/2026-08-20?cat=cs.CL", method: .get) { response in
                    #expect(response.text.contains("Parsing Sentences Faster") && !response.text.contains("Seeing Shapes"))
                }
                // Unfiltered, every card names its categories, linking to their new papers.
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.text.contains("Parsing Sentences Faster") && response.text.contains("Seeing Shapes"))
                    #expect(response.text.contains("<a class=\"category\" href=\"/papers/cat/cs.LG\">cs.LG</a>"))
                }
                try await client.execute(uri: "/feeds/daily.atom?cat=cs.CL", method: .get) { response in
                    #expect(response.text.contains("Parsing Sentences Faster") && !response.text.contains("Seeing Shapes"))
                    #expect(response.text.contains("daily papers in cs.CL"))
                }
            }
        }
    }

    @Test(arguments: ["/?cat=CS.CL%27--", "/papers/week/2026-W34?cat=%3Cscript%3E", "/feeds/daily.rss?cat=a.b.c"])
    func aMalformedCategoryFilterIsA400(uri: String) async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("is not an arXiv category"))
            }
        }
    }

    /// No curated list: the front page is the newest day papers appeared, ranked by trending
    /// score (a discussed paper above a merely upvoted one), and the other feeds follow.
    @Test func anInstanceThatFollowsOnlyArxivShowsTheNewestPapersByTrendingScore() async throws {
        let harvested = [
            Self.paper("2611.00001", "Quiet Result", ["math.AP"], published: "2026-11-30", upvotes: 2),
            Self.paper("2611.00002", "Discussed Result", ["cs.CL"], published: "2026-11-30", upvotes: 1, comments: 2),
            Self.paper("2611.00003", "Yesterday's Result", ["cs.CL"], published: "2026-11-29", upvotes: 50),
        ]
        try await withStore(harvested) { store in
            let clock = FixedClock(Day("2026-11-30")!.start.addingTimeInterval(20 * 3600))
            try await WebFixture.withApp(repository: store, clock: clock) { client in
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.text.contains("Papers of November 30, 2026"))
                    let discussed = try #require(response.text.range(of: "Discussed Result"))
                    let quiet = try #require(response.text.range(of: "Quiet Result"))
                    #expect(discussed.lowerBound < quiet.lowerBound)
                    #expect(!response.text.contains("Yesterday&#39;s Result") && !response.text.contains("Yesterday's Result"))
                    #expect(response.text.contains("href=\"/papers/date/2026-11-29\""))
                }
                try await client.execute(uri: "/papers/date/2026-11-29", method: .get) { response in
                    #expect(response.text.contains("Result") && response.text.contains("2611.00003"))
                }
                try await client.execute(uri: "/papers/trending", method: .get) { response in
                    #expect(response.text.contains("2611.00003") && response.text.contains("Discussed Result"))
                }
                try await client.execute(uri: "/feeds/daily.rss", method: .get) { response in
                    #expect(response.text.contains("Quiet Result"))
                }
            }
        }
    }
}
