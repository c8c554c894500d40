import Hummingbird
import Logging
import NIOCore
import PaperCore
import Prometheus

/// Everything `buildApplication` needs besides the configuration; the CLI and the tests pass
/// real implementations of each.
public struct WebDependencies: Sendable {
    public var repository: any PaperRepository
    public var clock: any WallClock
    /// The registry `/metrics` shows; bootstrap swift-metrics with the same one to see request metrics.
    public var metrics: PrometheusCollectorRegistry
    public var logger: Logger

    public init(repository: any PaperRepository, clock: any WallClock = SystemClock(),
                metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
                logger: Logger = Logger(label: "paperfeed.web")) {
        self.repository = repository
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
    }
}

/// The PaperFeed web application: used by `paperfeed serve` and by the tests.
/// `onRunning` is told the port the server listens on (useful with port 0).
public func buildApplication(
    configuration: WebConfiguration, dependencies: WebDependencies,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(configuration: configuration, dependencies: dependencies)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.siteName),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: dependencies.logger
    )
}

/// The routes and middleware of the application.
func buildRouter(configuration: WebConfiguration, dependencies: WebDependencies) async throws -> Router<BasicRequestContext> {
    let renderer = try await PageRenderer.load(siteName: configuration.siteName)
    let services = WebServices(repository: dependencies.repository, clock: dependencies.clock, renderer: renderer,
                               configuration: configuration, metrics: dependencies.metrics)
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware(renderer: renderer))
    router.add(middleware: HeadMiddleware())
    router.add(middleware: ConditionalGETMiddleware())
    ListingPagesController(services: services).register(on: router)
    PaperPageController(services: services).register(on: router)
    SearchPageController(services: services).register(on: router)
    DailyPapersAPIController(services: services).register(on: router)
    PapersAPIController(services: services).register(on: router)
    FeedsController(services: services).register(on: router)
    OperationsController(services: services, assets: try StaticAssets.load()).register(on: router)
    return router
}
