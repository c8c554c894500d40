import Foundation
import PaperCore

/// The papers trending now, as pages, feeds, the API and digests show them: `TrendingRanker`'s
/// score over the papers listed in its window.
public struct TrendingFeed: Sendable {
    public let repository: any PaperRepository
    public let clock: any WallClock
    public let ranker: TrendingRanker

    public init(repository: any PaperRepository, clock: any WallClock, ranker: TrendingRanker = TrendingRanker()) {
        self.repository = repository
        self.clock = clock
        self.ranker = ranker
    }

    /// The moment trending is computed at: now, or the end of the newest listing day when the
    /// data stops earlier (a demo or a mirror that is not updated), so the list is never empty.
    public func reference() async throws -> Date {
        let now = clock.now()
        guard let latest = try await repository.latestListingDay() else { return now }
        return min(now, latest.adding(days: 1).start)
    }

    /// Papers listed in `days` (default: the ranker's window) ranked by trending score, best first.
    public func papers(in days: ClosedRange<Day>? = nil, submitter: String? = nil, limit: Int) async throws -> [TrendingPaper] {
        let reference = try await reference()
        let window = days ?? ranker.candidateDays(at: reference.addingTimeInterval(-1))
        let candidates = try await repository.listing(ListingQuery(days: window, submitter: submitter, order: .upvotes, limit: 5_000))
        return Array(ranker.rank(candidates.papers, at: reference).prefix(limit))
    }
}
