import Foundation
import Hummingbird
import Logging
import PaperCore
import PaperMail
import PaperSearch
import Prometheus

/// What the controllers share: the store (through its protocols), the clock, the renderer
/// and the configuration. Built once by `buildApplication`.
struct WebServices: Sendable {
    let repository: any PaperRepository
    /// Accounts, votes, comments and subscriptions; `nil` when the store has none.
    let community: (any CommunityDatabase)?
    let mailer: (any Mailer)?
    let lookup: (any PaperLookup)?
    let clock: any WallClock
    let renderer: PageRenderer
    let configuration: WebConfiguration
    let site: SiteAddress
    let metrics: PrometheusCollectorRegistry
    let searcher: PaperSearcher
    let semanticOffReason: String
    let cache: ResponseCache
    let trending: TrendingFeed
    let passwords: Passwords
    let limiter: RateLimiter
    let logger: Logger

    /// `path` as an absolute URL under the site's address (never the request's `Host`).
    func absoluteURL(_ path: String) -> String {
        site.absolute(path)
    }

    /// Marks the cards of papers the visitor has upvoted.
    func markVotes(_ cards: inout [PaperCard], for visitor: Visitor) async throws {
        guard let user = visitor.user, let community, !cards.isEmpty else { return }
        let voted = try await community.votedPapers(userID: user.id, among: cards.map { PaperID(rawValue: $0.id) })
        for index in cards.indices { cards[index].voted = voted.contains(PaperID(rawValue: cards[index].id)) }
    }
}
