/// What the daily feed follows: the front page, the day, week and month pages, the daily
/// RSS/Atom feed, trending and the digests all list papers on the same basis.
public struct DailyFeed: Hashable, Sendable {
    public var basis: ListingBasis
    /// The latest day with papers on `basis`, or `nil` when the store has none.
    public var latestDay: Day?

    public init(basis: ListingBasis, latestDay: Day?) {
        self.basis = basis
        self.latestDay = latestDay
    }

    /// How far the curated feed may fall behind the newest papers before the feed follows the
    /// papers as they appear instead.
    public static let curatedStaleAfterDays = 7
}

extension PaperRepository {
    /// The curated feed while it is kept up: its latest day is at most
    /// `DailyFeed.curatedStaleAfterDays` before the newest day a paper appeared. An instance
    /// that follows only arXiv has no curated list, and one whose curated source stopped long ago
    /// (the demo papers, with arXiv harvested since) would show a stale day: both follow the
    /// papers as they appear instead. Two indexed lookups; cheap enough for every page.
    public func dailyFeed() async throws -> DailyFeed {
        let curated = try await latestListingDay(.curated, category: nil)
        let appeared = try await latestListingDay(.appeared, category: nil)
        guard let appeared else { return DailyFeed(basis: .curated, latestDay: curated) }
        guard let curated, curated.adding(days: DailyFeed.curatedStaleAfterDays) >= appeared else {
            return DailyFeed(basis: .appeared, latestDay: appeared)
        }
        return DailyFeed(basis: .curated, latestDay: curated)
    }
}
