import Foundation
import PaperCore

/// The papers trending now, as pages, feeds, the API and digests show them: `TrendingRanker`'s
/// score over the papers of the daily feed (`PaperRepository.dailyFeed()`) in its window.
public struct TrendingFeed: Sendable {
    public let repository: any PaperRepository
    public let clock: any WallClock
    public let ranker: TrendingRanker

    public init(repository: any PaperRepository, clock: any WallClock, ranker: TrendingRanker = TrendingRanker()) {
        self.repository = repository
        self.clock = clock
        self.ranker = ranker
    }

    /// The moment trending is computed at: now, or the end of the daily feed's newest day when
    /// the data stops earlier (a demo or a mirror that is not updated), so the list is never empty.
    public func reference(_ feed: DailyFeed) -> Date {
        let now = clock.now()
        guard let latest = feed.latestDay else { return now }
        return min(now, latest.adding(days: 1).start)
    }

    /// Papers of the daily feed in `days` (default: the ranker's window) ranked by trending score,
    /// best first; of any of `categories` or of one `submitter` when given (a submitter's papers are those
    /// they put on the curated feed, whichever basis the feed follows).
    /// `feed` is the daily feed when the caller has looked it up already.
    public func papers(in days: ClosedRange<Day>? = nil, categories: [ArxivCategory] = [], submitter: String? = nil,
                       feed known: DailyFeed? = nil, limit: Int) async throws -> [TrendingPaper] {
        let feed = if let known { known } else { try await repository.dailyFeed() }
        let reference = reference(feed)
        let window = days ?? ranker.candidateDays(at: reference.addingTimeInterval(-1))
        let basis = submitter == nil ? feed.basis : .curated
        let candidates = try await repository.listing(ListingQuery(basis, days: window, submitter: submitter, categories: categories,
                                                                   order: .upvotes, limit: Self.candidateLimit, countsTotal: false))
        return Array(ranker.rank(candidates.papers, at: reference).prefix(limit))
    }

    /// The most upvoted papers of a window that take part; a week of all of arXiv is about 20,000
    /// papers, nearly all without a vote, so the cap only drops papers that could not trend.
    public static var candidateLimit: Int { 5_000 }
}
