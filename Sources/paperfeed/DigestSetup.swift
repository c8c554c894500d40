import Foundation
import Logging
import PaperCore
import PaperMail
import PaperSearch
import PaperStore

/// Builds the digest sender the same way for `serve` and `digest send`.
enum DigestSetup {
    /// Papers in a digest.
    static let papersPerDigest = 10

    /// The sender; subscribers with an account get personal digests, with recommendations
    /// when `semantic` is on (its models kept in `models`).
    static func sender(store: any PaperDatabase, settings: Settings, mailer: any Mailer, semantic: SemanticSearch?,
                       models: RecommenderCache = RecommenderCache(), clock: any WallClock, lease: Duration = .seconds(120),
                       logger: Logger) -> DigestSender {
        let renderer = DigestRenderer(siteName: "PaperFeed", siteURL: settings.siteURL(),
                                      from: MailAddress(settings.mailFrom, name: "PaperFeed"))
        let recommender = semantic.map {
            PersonalRecommender(repository: store, library: store, semantic: $0, models: models, clock: clock)
        }
        let personal = PersonalDigestContent(repository: store, follows: store, library: store,
                                             followed: FollowedPapers(searcher: PaperSearcher(repository: store, semantic: semantic)),
                                             accounts: AccountPapers(community: store, repository: store), recommender: recommender)
        return DigestSender(store: store, mailer: mailer, renderer: renderer, personal: personal, clock: clock,
                            node: JobNode.current, lease: lease, logger: logger)
    }

    /// What each digest lists: the papers trending when it is sent, of the subscriber's categories.
    static func content(store: any PaperDatabase, clock: any WallClock) -> DigestSender.Content {
        let trending = TrendingFeed(repository: store, clock: clock)
        return { _, categories in try await trending.papers(categories: categories, limit: papersPerDigest) }
    }
}
