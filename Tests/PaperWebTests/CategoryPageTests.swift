import Foundation
import HummingbirdTesting
import PaperCore
import Testing
import TestSupport

/// `/papers/cat/…` and `/feeds/cat/…`: a category's new papers, as a reader and a feed reader see them.
@Suite struct CategoryPageTests {
    static let papers = [
        Paper(id: PaperID(rawValue: "2608.00001"), title: "Parsing Sentences Faster", abstract: "A parser.",
              authors: [Author(name: "Ada Lovelace")], categories: ["cs.CL", "cs.LG"],
              publishedAt: Day("2026-08-20")!.start, source: .oaiPMH),
        // Also on a daily list, a day after its first version: the category's feed dates it by the version.
        Paper(id: PaperID(rawValue: "2608.00002"), title: "Seeing Shapes", abstract: "A vision paper.",
              authors: [Author(name: "Alan Turing")], categories: ["cs.CV"], publishedAt: Day("2026-08-21")!.start,
              listedOn: Day("2026-08-22"), source: .oaiPMH),
    ]

    @Test func aCategoryPageListsItsNewPapersAndLinksItsPeriodsAndFeeds() async throws {
        try await withStore(Self.papers) { store in
            try await WebFixture.withApp(repository: store) { client in
                try await client.execute(uri: "/papers/cat/cs.CL", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Parsing Sentences Faster"))
                    #expect(!response.text.contains("Seeing Shapes"))
                    #expect(response.text.contains("New in cs.CL: Papers of August 20, 2026"))
                    #expect(response.text.contains("/papers/cat/cs.CL/week/2026-W34"))
                    #expect(response.text.contains("/feeds/cat/cs.CL.rss"))
                }
                try await client.execute(uri: "/papers/cat/cs/month/2026-08", method: .get) { response in
                    #expect(response.text.contains("Parsing Sentences Faster") && response.text.contains("Seeing Shapes"))
                }
                try await client.execute(uri: "/papers/2608.00001", method: .get) { response in
                    #expect(response.text.contains("<a href=\"/papers/cat/cs.CL\">cs.CL</a>"))
                }
            }
        }
    }

    @Test func anEmptyCategoryDayLinksTheCategorysNearestDayAndItsOwnFeed() async throws {
        try await withStore(Self.papers) { store in
            try await WebFixture.withApp(repository: store) { client in
                try await client.execute(uri: "/papers/cat/cs.CL/date/2026-08-23", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("No papers were listed in this period."))
                    // The nearest cs.CL day, in cs.CL: the daily feed's 2026-08-20 is another list.
                    #expect(response.text.contains("<a href=\"/papers/cat/cs.CL/date/2026-08-20\">2026-08-20</a>"))
                    #expect(!response.text.contains("href=\"/papers/date/"))
                    #expect(response.text.contains("<a href=\"/feeds/cat/cs.CL.rss\">Get the new cs.CL papers"))
                }
                try await client.execute(uri: "/papers/date/2026-08-23", method: .get) { response in
                    #expect(response.text.contains("<a href=\"/feeds/daily.rss\">Get the daily papers"))
                }
            }
        }
    }

    @Test func aCategoryFeedCarriesItsPapers() async throws {
        try await withStore(Self.papers) { store in
            try await WebFixture.withApp(repository: store) { client in
                try await client.execute(uri: "/feeds/cat/cs.CV.atom", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
                    #expect(response.text.contains("Seeing Shapes") && !response.text.contains("Parsing Sentences Faster"))
                    #expect(response.text.contains("http://papers.test/feeds/cat/cs.CV.atom"))
                    #expect(response.text.contains("<updated>2026-08-21T00:00:00Z</updated>"))
                    #expect(!response.text.contains("2026-08-22"))
                }
            }
        }
    }

    @Test(arguments: ["/papers/cat/CS.CL'--", "/papers/cat/%25", "/papers/cat/cs.CL/date/2026-13-01"])
    func aMalformedCategoryOrPeriodIsA400(uri: String) async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func anUnknownFeedNameIsA404() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/feeds/cat/cs.CL.json", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
