import Foundation
import Hummingbird
import Logging
import PaperCore
import PaperSearch
import Prometheus

/// What the controllers share: the store (through its protocol), the clock, the renderer
/// and the configuration. Built once by `buildApplication`.
struct WebServices: Sendable {
    let repository: any PaperRepository
    let clock: any WallClock
    let renderer: PageRenderer
    let configuration: WebConfiguration
    let metrics: PrometheusCollectorRegistry
    let searcher: PaperSearcher
    let semanticOffReason: String
    let cache: ResponseCache
    let trending = TrendingRanker()

    /// The moment trending is computed at: now, or the end of the newest listing day when the
    /// data stops earlier (a demo or a mirror that is not updated), so the page is never empty.
    func trendingReference() async throws -> Date {
        let now = clock.now()
        guard let latest = try await repository.latestListingDay() else { return now }
        return min(now, latest.adding(days: 1).start)
    }

    /// Papers trending at the reference moment, best first.
    func trendingPapers(limit: Int) async throws -> [TrendingPaper] {
        let reference = try await trendingReference()
        let days = trending.candidateDays(at: reference.addingTimeInterval(-1))
        let candidates = try await repository.listing(ListingQuery(days: days, order: .upvotes, limit: 5_000))
        return Array(trending.rank(candidates.papers, at: reference).prefix(limit))
    }

    /// `path` as an absolute URL: under the configured public URL, else under the host the
    /// request was sent to.
    func absoluteURL(_ path: String, for request: Request) -> String {
        if let base = configuration.publicURL { return base + path }
        let host = request.head.authority ?? "\(configuration.host):\(configuration.port)"
        return "http://\(host)" + path
    }
}
