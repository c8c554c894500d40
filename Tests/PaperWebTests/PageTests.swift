import Foundation
import HummingbirdTesting
import Testing

@Suite struct PageTests {
    @Test func homeShowsTheLatestDayRankedByUpvotes() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = response.text
                #expect(page.contains("Papers of August 21, 2026"))
                let first = try #require(page.range(of: "EnvHarness: Awakening Static Worlds for Agent Learning"))
                let second = try #require(page.range(of: "FACET: Preserving Source Intent"))
                #expect(first.lowerBound < second.lowerBound, "163 upvotes rank above 54")
                #expect(page.contains("google-research/envharness"))
                #expect(page.contains("href=\"/papers/date/2026-08-20\""), "previous-day navigation")
                #expect(page.contains("<link rel=\"alternate\" type=\"application/rss+xml\""))
            }
        }
    }

    @Test func aDayWithoutPapersSaysSoAndLinksTheNearestDays() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/date/2026-08-16", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("No papers were listed"))
                #expect(response.text.contains("/papers/date/2026-08-19"))
            }
        }
    }

    @Test func weekAndMonthPagesListEveryDayOfThePeriod() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/week/2026-W34", method: .get) { response in
                #expect(response.text.contains("Papers of week 34, 2026"))
                #expect(response.text.contains("/papers/week/2026-W33"))
            }
            try await client.execute(uri: "/papers/month/2026-08", method: .get) { response in
                #expect(response.text.contains("Papers of August 2026"))
                #expect(response.text.contains("?p=1"), "a month has more than one page")
            }
        }
    }

    @Test(arguments: ["/papers/date/2025-13-45", "/papers/week/2025-W60", "/papers/month/2025-13", "/papers?q=%20%22%20-",
                      "/papers?p=abc&q=video"])
    func badInputGetsAFriendlyPageNotA500(uri: String) async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<form"), "the page offers a way on")
            }
        }
    }

    /// Text that is not valid syntax is searched as its words, and the page says so.
    @Test(arguments: ["/papers?q=%22unbalanced%20video", "/papers?q=video%20AND%20OR", "/papers?q=title:%20video%20agents"])
    func malformedSyntaxIsSearchedAsWords(uri: String) async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Searched for the words alone"))
                #expect(response.text.contains("class=\"card\""))
            }
        }
    }

    @Test func unknownPaperGetsA404PageWithASearchBox() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/0000.00000", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("No paper with the id"))
                #expect(response.text.contains("name=\"q\""))
            }
            try await client.execute(uri: "/no/such/page", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("name=\"q\""))
            }
        }
    }

    @Test func trendingSaysWhatMadeEachPaperTrend() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/trending", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Trending: 163 upvotes"))
                #expect(response.text.contains("listed yesterday"))
            }
        }
    }
}
