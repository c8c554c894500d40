import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// The two bases a day can list papers on, filtered by category, and which one the daily feed
/// follows (`PaperRepository.dailyFeed()`), on every engine.
@Suite struct StoreDailyFeedTests {
    /// A curated day (Hugging Face's list) with papers of two categories.
    static let curated = [
        makePaper("2608.00001", title: "Parsing", categories: ["cs.CL", "cs.LG"], published: "2026-08-19", listed: "2026-08-20", upvotes: 5),
        makePaper("2608.00002", title: "Seeing", categories: ["cs.CV"], published: "2026-08-19", listed: "2026-08-20", upvotes: 9),
        makePaper("2608.00003", title: "Translating", categories: ["cs.CL"], published: "2026-08-21", listed: "2026-08-22"),
    ]

    static func ids(_ page: ListingPage) -> [String] { page.papers.map(\.id.rawValue) }

    @Test(arguments: DatabaseEngine.available) func theCuratedFeedFiltersByCategory(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            _ = try await store.upsert(Self.curated)
            let cl = try #require(ArxivCategory("cs.CL"))
            let days = Day("2026-08-20")!...Day("2026-08-22")!
            #expect(Self.ids(try await store.listing(ListingQuery(.curated, days: days, categories: [cl]))) == ["2608.00001", "2608.00003"])
            #expect(Self.ids(try await store.listing(ListingQuery(.curated, days: days, categories: [category("cs.CV")]))) == ["2608.00002"])
            #expect(try await store.listing(ListingQuery(.curated, days: days, categories: [category("math")])).total == 0)
            // Several categories: papers of any of them.
            let vision = try await store.listing(ListingQuery(.curated, days: days, categories: [category("math"), category("cs.CV")]))
            #expect(Self.ids(vision) == ["2608.00002"])
            let either = try await store.listing(ListingQuery(.curated, days: days, categories: [category("cs.CV"), cl]))
            #expect(Set(Self.ids(either)) == ["2608.00001", "2608.00002", "2608.00003"])
            // The days of the filtered feed are those with a paper of the category.
            #expect(try await store.latestListingDay(.curated, category: ArxivCategory("cs.CV")) == Day("2026-08-20"))
            let nearby = try await store.nearbyListingDays(Day("2026-08-21")!, .curated, category: cl)
            #expect(nearby == NearbyDays(before: Day("2026-08-20"), after: Day("2026-08-22")))
        }
    }

    @Test(arguments: DatabaseEngine.available) func aKeptCuratedFeedIsTheDailyFeed(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            _ = try await store.upsert(Self.curated)
            // A paper harvested from arXiv a few days after the last curated day does not take over.
            _ = try await store.upsert([makePaper("2608.00009", title: "Harvested", published: "2026-08-27")])
            #expect(try await store.dailyFeed() == DailyFeed(basis: .curated, latestDay: Day("2026-08-22")))
        }
    }

    @Test(arguments: DatabaseEngine.available) func withoutAKeptCuratedFeedTheDailyFeedIsThePapersAsTheyAppear(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            #expect(try await store.dailyFeed() == DailyFeed(basis: .curated, latestDay: nil))
            // An instance that follows only arXiv.
            let harvested = [makePaper("2611.00001", title: "New", published: "2026-11-30"),
                             makePaper("2611.00002", title: "Older", published: "2026-11-27")]
            _ = try await store.upsert(harvested)
            #expect(try await store.dailyFeed() == DailyFeed(basis: .appeared, latestDay: Day("2026-11-30")))
            // Curated days that stopped long before (the demo papers) do not hold the feed back.
            _ = try await store.upsert(Self.curated)
            #expect(try await store.dailyFeed() == DailyFeed(basis: .appeared, latestDay: Day("2026-11-30")))
            let day = Day("2026-11-30")!
            #expect(Self.ids(try await store.listing(ListingQuery(.appeared, days: day...day))) == ["2611.00001"])
        }
    }
}
