import Hummingbird
import Logging
import NIOCore
import PaperAccounts
import PaperCore
import PaperMail
import PaperSearch
import ServiceLifecycle
import Prometheus

/// Everything `buildApplication` needs besides the configuration; the CLI and the tests pass
/// real implementations of each.
public struct WebDependencies: Sendable {
    public var repository: any PaperRepository
    /// Accounts, votes, comments, submissions and digest subscriptions; `nil` turns the
    /// community off: those pages are not offered.
    public var community: (any CommunityDatabase)?
    /// Sends confirmation and password-reset emails; `nil` means they cannot be sent.
    public var mailer: (any Mailer)?
    /// Fetches submitted papers the store does not hold (the arXiv API).
    public var lookup: (any PaperLookup)?
    /// Where harvested sources stand, for `/health`; `nil` when the store keeps none.
    public var harvests: (any HarvestStateStore)?
    /// Semantic search, or `nil` when the model is not installed (keyword search still works).
    public var semantic: SemanticSearch?
    /// What to tell people when `semantic` is `nil`: how to turn it on.
    public var semanticOffReason: String
    /// Each user's trained recommender, kept until their library changes.
    public var recommenderModels: RecommenderCache
    public var clock: any WallClock
    /// The database engine's name (`sqlite`, `postgresql`) for `/health` and `/metrics`.
    public var databaseEngine: String?
    /// The registry `/metrics` shows; bootstrap swift-metrics with the same one to see request metrics.
    public var metrics: PrometheusCollectorRegistry
    public var logger: Logger

    public init(repository: any PaperRepository, community: (any CommunityDatabase)? = nil, mailer: (any Mailer)? = nil,
                lookup: (any PaperLookup)? = nil, harvests: (any HarvestStateStore)? = nil, semantic: SemanticSearch? = nil,
                semanticOffReason: String = "Semantic search is off: no embedding model is configured.",
                recommenderModels: RecommenderCache = RecommenderCache(), clock: any WallClock = SystemClock(), databaseEngine: String? = nil,
                metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
                logger: Logger = Logger(label: "paperfeed.web")) {
        self.repository = repository
        self.community = community
        self.mailer = mailer
        self.lookup = lookup
        self.harvests = harvests
        self.semantic = semantic
        self.semanticOffReason = semanticOffReason
        self.recommenderModels = recommenderModels
        self.clock = clock
        self.databaseEngine = databaseEngine
        self.metrics = metrics
        self.logger = logger
    }
}

/// The PaperFeed web application: used by `paperfeed serve` and by the tests.
/// `onRunning` is told the port the server listens on (useful with port 0).
public func buildApplication(
    configuration: WebConfiguration, dependencies: WebDependencies,
    services: [any Service] = [],
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let site = SiteAddress(configuration: configuration)
    let router = try await buildRouter(configuration: configuration, dependencies: dependencies, site: site)
    return Application(
        router: router,
        // A connection that sends no complete request for this long (a slow or stalled client)
        // is closed, so a few thousand idle sockets cannot hold the server.
        server: .http1(configuration: .init(idleTimeout: TimeAmount(configuration.idleTimeout))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.siteName),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            site.listening(on: port)
            await onRunning(port)
        },
        logger: dependencies.logger
    )
}

/// The routes and middleware of the application.
func buildRouter(configuration: WebConfiguration, dependencies: WebDependencies,
                 site: SiteAddress) async throws -> Router<AppRequestContext> {
    let renderer = try await PageRenderer.load(siteName: configuration.siteName)
    let cache = ResponseCache(lifetime: .seconds(configuration.cacheSeconds), maxBytes: configuration.cacheBytes)
    // HEAD is answered like GET without the body, for feed readers and link checkers.
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: ForwardedClientMiddleware(trusted: configuration.trustedProxies))
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: configuration.secureCookies))
    router.add(middleware: AllowedMethodsMiddleware())
    router.add(middleware: ErrorMiddleware(renderer: renderer))
    router.add(middleware: ConditionalGETMiddleware())
    router.add(middleware: SessionMiddleware(accounts: dependencies.community, clock: dependencies.clock,
                                             secureCookies: configuration.secureCookies))
    // Again inside the session, so that an error page knows the visitor (their name, their CSRF
    // token, a first visit's new cookie); the outer one answers failures of the session itself.
    router.add(middleware: ErrorMiddleware(renderer: renderer))
    router.add(middleware: ClearCacheAfterWritesMiddleware(cache: cache))

    let (repository, clock) = (dependencies.repository, dependencies.clock)
    let searcher = PaperSearcher(repository: repository, semantic: dependencies.semantic)
    let trending = TrendingFeed(repository: repository, clock: clock)
    let marks = CardMarks(community: dependencies.community)
    ListingPagesController(repository: repository, trending: trending, clock: clock, renderer: renderer, marks: marks,
                           cache: cache).register(on: router)
    PaperPageController(repository: repository, searcher: searcher, community: dependencies.community, marks: marks,
                        library: dependencies.community, follows: dependencies.community, renderer: renderer, cache: cache)
        .register(on: router)
    SearchPageController(searcher: searcher, semanticOffReason: dependencies.semanticOffReason, renderer: renderer,
                         marks: marks, cache: cache).register(on: router)
    SearchExportController(searcher: searcher).register(on: router)
    DailyPapersAPIController(repository: repository, trending: trending, site: site, cache: cache).register(on: router)
    PapersAPIController(repository: repository, searcher: searcher, site: site, cache: cache).register(on: router)
    FeedsController(repository: repository, trending: trending, searcher: searcher, siteName: configuration.siteName,
                    site: site, cache: cache).register(on: router)
    let status = ServiceStatus.Sources(repository: repository, harvests: dependencies.harvests, semantic: dependencies.semantic,
                                       subscriptions: dependencies.community, databaseEngine: dependencies.databaseEngine,
                                       clock: clock)
    OperationsController(status: status, metrics: dependencies.metrics, assets: try StaticAssets.load()).register(on: router)
    if let community = dependencies.community {
        let limiter = RateLimiter()
        registerCommunity(community, on: router, configuration: configuration, dependencies: dependencies, site: site,
                          renderer: renderer, limiter: limiter)
        let upload = BibliographyUpload(repository: repository, library: community, limiter: limiter, limits: configuration.rateLimits,
                                        clock: clock)
        registerForYou(community, on: router, dependencies: dependencies, trending: trending, marks: marks, renderer: renderer,
                       upload: upload)
        registerFollows(community, on: router, dependencies: dependencies, searcher: searcher, siteName: configuration.siteName,
                        site: site, renderer: renderer)
    }
    return router
}

/// Accounts, votes and comments, submissions, digests, moderation, profiles and the collections API.
private func registerCommunity(_ community: any CommunityDatabase, on router: Router<AppRequestContext>,
                               configuration: WebConfiguration, dependencies: WebDependencies, site: SiteAddress,
                               renderer: PageRenderer, limiter: RateLimiter) {
    let (repository, clock, limits) = (dependencies.repository, dependencies.clock, configuration.rateLimits)
    let passwords = Passwords(cost: configuration.passwordCost)
    let emails = AccountEmails(siteName: configuration.siteName, from: MailAddress(configuration.mailFrom, name: configuration.siteName))
    let mail = SiteMail(mailer: dependencies.mailer, logger: dependencies.logger)
    AccountController(accounts: community,
                      registration: AccountRegistration(accounts: community, passwords: passwords, clock: clock),
                      passwords: passwords, emails: emails, mail: mail, site: site, renderer: renderer, limiter: limiter,
                      limits: limits, secureCookies: configuration.secureCookies, clock: clock).register(on: router)
    CommunityController(repository: repository, community: community, limiter: limiter, limits: limits, clock: clock)
        .register(on: router)
    SubmissionController(repository: repository, community: community, lookup: dependencies.lookup, renderer: renderer,
                         limiter: limiter, limits: limits, clock: clock).register(on: router)
    DigestController(subscriptions: community, emails: emails, mail: mail, site: site, renderer: renderer, limiter: limiter,
                     limits: limits, clock: clock).register(on: router)
    AdminController(community: community, harvests: dependencies.harvests, clock: clock, renderer: renderer).register(on: router)
    ProfileController(community: community, renderer: renderer).register(on: router)
    CollectionsAPIController(repository: repository, library: community, accounts: community, clock: clock).register(on: router)
    TokensController(tokens: community, renderer: renderer, clock: clock).register(on: router)
    registerLibrary(community, on: router, configuration: configuration, dependencies: dependencies, site: site, renderer: renderer,
                    passwords: passwords, limiter: limiter)
}

/// Collection pages with their feeds and downloads, the account page with data export and deletion.
private func registerLibrary(_ community: any CommunityDatabase, on router: Router<AppRequestContext>,
                             configuration: WebConfiguration, dependencies: WebDependencies, site: SiteAddress,
                             renderer: PageRenderer, passwords: Passwords, limiter: RateLimiter) {
    let (repository, clock) = (dependencies.repository, dependencies.clock)
    AccountCollectionsController(repository: repository, library: community, renderer: renderer, clock: clock).register(on: router)
    CollectionPageController(repository: repository, library: community, accounts: community, renderer: renderer,
                             marks: CardMarks(community: community), siteName: configuration.siteName, site: site, limiter: limiter,
                             limits: configuration.rateLimits, clock: clock)
        .register(on: router)
    AccountDataController(community: community, passwords: passwords, renderer: renderer, limiter: limiter,
                          limits: configuration.rateLimits, secureCookies: configuration.secureCookies, clock: clock).register(on: router)
}

/// Save and "not interested", `/papers/for-you` and `/api/recommendations`.
private func registerForYou(_ library: any LibraryStore, on router: Router<AppRequestContext>, dependencies: WebDependencies,
                             trending: TrendingFeed, marks: CardMarks, renderer: PageRenderer, upload: BibliographyUpload) {
    let (repository, clock) = (dependencies.repository, dependencies.clock)
    LibraryController(repository: repository, library: library, renderer: renderer, clock: clock).register(on: router)
    let recommender = dependencies.semantic.map {
        PersonalRecommender(repository: repository, library: library, semantic: $0, models: dependencies.recommenderModels, clock: clock)
    }
    ForYouPageController(repository: repository, library: library, upload: upload, recommender: recommender, trending: trending,
                         marks: marks, renderer: renderer, semanticOffReason: dependencies.semanticOffReason).register(on: router)
    RecommendationsAPIController(recommender: recommender, semanticOffReason: dependencies.semanticOffReason).register(on: router)
}

/// Followed authors and saved searches, `/account/follows`, and the private feeds.
private func registerFollows(_ community: any CommunityDatabase, on router: Router<AppRequestContext>, dependencies: WebDependencies,
                             searcher: PaperSearcher, siteName: String, site: SiteAddress, renderer: PageRenderer) {
    let papers = FollowedPapers(searcher: searcher)
    let accountPapers = AccountPapers(community: community, repository: dependencies.repository)
    FollowsController(follows: community, accounts: community, papers: papers, accountPapers: accountPapers, renderer: renderer, site: site,
                      clock: dependencies.clock).register(on: router)
    let recommender = dependencies.semantic.map {
        PersonalRecommender(repository: dependencies.repository, library: community, semantic: $0, models: dependencies.recommenderModels,
                            clock: dependencies.clock)
    }
    PrivateFeedsController(follows: community, papers: papers, accountPapers: accountPapers,
                           followingCache: FollowingFeedCache(lifetime: .seconds(60)), recommender: recommender, siteName: siteName,
                           site: site).register(on: router)
}
