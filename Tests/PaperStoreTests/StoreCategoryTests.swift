import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// A category's new papers, by the day their first version appeared, on every engine.
@Suite struct StoreCategoryTests {
    static let papers = [
        makePaper("2608.00001", title: "Parsing", categories: ["cs.CL", "cs.LG"], published: "2026-08-20", upvotes: 5),
        makePaper("2608.00002", title: "Seeing", categories: ["cs.CV"], published: "2026-08-20"),
        makePaper("2608.00003", title: "Translating", categories: ["cs.CL"], published: "2026-08-21", upvotes: 1),
        makePaper("2608.00004", title: "Strings", categories: ["hep-th"], published: "2026-08-21"),
        makePaper("2608.00005", title: "Speaking", categories: ["cs.CL"], published: "2026-08-24", upvotes: 9),
        makePaper("2608.00006", title: "Hidden", categories: ["cs.CL"], published: "2026-08-25"),
    ]

    static func ids(_ page: ListingPage) -> [String] { page.papers.map(\.id.rawValue) }

    @Test(arguments: DatabaseEngine.available) func aCategoryListsItsPapersOfThePeriodByUpvotes(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            _ = try await store.upsert(Self.papers)
            try await store.setPaperHidden(PaperID(rawValue: "2608.00006"), hidden: true)
            let cl = try #require(ArxivCategory("cs.CL"))
            let days = Day("2026-08-20")!...Day("2026-08-24")!
            let page = try await store.listing(ListingQuery(.appeared, days: days, categories: [cl]))
            #expect(Self.ids(page) == ["2608.00005", "2608.00001", "2608.00003"])
            #expect(page.total == 3)
            // A whole archive stands for its categories; another archive's papers stay out.
            let cs = try await store.listing(ListingQuery(.appeared, days: days, categories: [category("cs")]))
            #expect(Set(Self.ids(cs)) == ["2608.00001", "2608.00002", "2608.00003", "2608.00005"])
            let day = try await store.listing(ListingQuery(.appeared, days: Day("2026-08-21")!...Day("2026-08-21")!, categories: [cl]))
            #expect(Self.ids(day) == ["2608.00003"])
        }
    }

    @Test(arguments: DatabaseEngine.available) func appearedIdsAreTheNewestListingsIds(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            _ = try await store.upsert(Self.papers)
            try await store.setPaperHidden(PaperID(rawValue: "2608.00006"), hidden: true)
            let days = Day("2026-08-20")!...Day("2026-08-25")!
            let listed = try await store.listing(ListingQuery(.appeared, days: days, order: .newest, limit: 3))
            let ids = try await store.appearedPaperIDs(days: days, limit: 3)
            #expect(ids == listed.papers.map(\.id))
            #expect(ids.first?.rawValue == "2608.00005")
            #expect(listed.total != nil)
            let uncounted = try await store.listing(ListingQuery(.appeared, days: days, order: .newest, limit: 3, countsTotal: false))
            #expect(uncounted.papers.map(\.id) == ids)
            #expect(uncounted.total == nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aCategorysDaysAreTheDaysItsPapersAppeared(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            _ = try await store.upsert(Self.papers)
            try await store.setPaperHidden(PaperID(rawValue: "2608.00006"), hidden: true)
            let cl = try #require(ArxivCategory("cs.CL"))
            #expect(try await store.latestListingDay(.appeared, category: cl) == Day("2026-08-24"))
            let nearby = try await store.nearbyListingDays(Day("2026-08-21")!, .appeared, category: cl)
            #expect(nearby == NearbyDays(before: Day("2026-08-20"), after: Day("2026-08-24")))
            #expect(try await store.latestListingDay(.appeared, category: ArxivCategory("math.AP")) == nil)
        }
    }
}
