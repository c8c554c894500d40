import ArgumentParser
import Configuration
import Foundation
import Logging
import Metrics
import PaperCore
import PaperIngest
import PaperMail
import PaperSearch
import PaperSummaries
import PaperStore
import PaperWeb
import Prometheus
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web application and API.",
        discussion: """
            Settings come from these options, else the environment, else a .env file in the current folder \
            (`paperfeed settings` shows their values here). Stops gracefully on SIGTERM or Ctrl-C.

            Environment variables:

            """ + Setting.helpList
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions

    @Option(help: "Interface to listen on (default: 127.0.0.1; 0.0.0.0 for every interface).")
    var host: String?

    @Option(help: "Port to listen on (default: 8080; 0 picks a free one).")
    var port: Int?

    @Option(name: .customLong("public-url"), help: "Address people use to reach the service, for links in feeds.")
    var publicURL: String?

    func run() async throws {
        let settings = try await Settings.load(overrides: [
            Setting.db.rawValue: store.db.map(ConfigContent.string), Setting.host.rawValue: host.map(ConfigContent.string),
            Setting.port.rawValue: port.map(ConfigContent.int), Setting.publicURL.rawValue: publicURL.map(ConfigContent.string),
        ])
        var logger = Logger(label: "paperfeed")
        logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        try await StoreOptions.withStore(settings.database) { repository in
            try await serve(repository, settings: settings, registry: registry, logger: logger)
        }
    }

    private func serve(_ repository: any PaperDatabase, settings: Settings, registry: PrometheusCollectorRegistry,
                       logger: Logger) async throws {
        StandardOutput.line("Store: \(repository.summary)")
        if repository.migratedNow.isEmpty { StandardOutput.line(StoreOptions.migrationLine([])) }
        let clock = SystemClock()

        try await loadDemoIfEmpty(repository, settings: settings)
        let (semantic, embedding, offReason) = try await semanticSearch(repository, settings: settings, clock: clock, logger: logger)
        let configuration = WebConfiguration(host: settings.host, port: settings.port, publicURL: settings.publicURL,
                                             passwordCost: UInt8(clamping: settings.passwordCost), mailFrom: settings.mailFrom,
                                             trustedProxies: settings.trustedProxies)
        let smtp = try settings.smtp()
        let mailer = Settings.mailer(smtp, logger: logger)
        StandardOutput.line(smtp.map { "Email: SMTP \($0.host):\($0.port); digests go out daily at \(settings.digestHour):00 UTC." }
            ?? "Email: no SMTP server configured (PAPERFEED_SMTP_HOST); emails are written to the log.")
        let lookup = ArxivAPIClient(configuration: .init(baseURL: settings.arxivURL))
        let dependencies = WebDependencies(repository: repository, community: repository, mailer: mailer, lookup: lookup,
                                           harvests: repository, semantic: semantic,
                                           semanticOffReason: offReason, clock: clock,
                                           databaseEngine: repository.engineName, metrics: registry, logger: logger)
        let digests = DigestScheduler(sender: DigestSetup.sender(store: repository, settings: settings, mailer: mailer,
                                                                 semantic: semantic, models: dependencies.recommenderModels,
                                                                 clock: clock, logger: logger),
                                      content: DigestSetup.content(store: repository, clock: clock), hour: settings.digestHour)
        let harvest = try HarvestSetup(settings: settings).service(store: repository, clock: clock, logger: logger)
        StandardOutput.line(harvest == nil ? "Harvesting: off (PAPERFEED_HARVEST=arxiv,hf turns it on)."
            : "Harvesting: \(settings.harvestSources.joined(separator: " and ")) every \(settings.harvestMinutes) minutes.")
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies,
                                             services: embedding + [digests] + (harvest.map { [$0] } ?? [])) { port in
            let url = configuration.publicURL ?? "http://\(settings.host):\(port)"
            if configuration.publicURL == nil {
                StandardOutput.line("Links in emails and feeds point to \(url) (the address listened on); "
                    + "set PAPERFEED_PUBLIC_URL to the address people use.")
            }
            StandardOutput.line("PaperFeed is running at \(url)/")
        }
        try await app.runService()
    }

    /// Semantic search with the vectors already stored, and the service that embeds the rest;
    /// without the model, keyword search only and the reason why.
    private func semanticSearch(_ database: any PaperDatabase, settings: Settings, clock: any WallClock,
                                logger: Logger) async throws
        -> (SemanticSearch?, [any Service], String) {
        switch ModelOptions.load(model.directory(settings), precision: try settings.embeddingPrecision(), workers: 1) {
        case let .failure(unavailable):
            StandardOutput.line(unavailable.reason)
            return (nil, [], unavailable.reason)
        case let .success(embedder):
            let semantic = SemanticSearch(embedder: embedder, vectors: database)
            // Counted in the background: from a cold disk at millions of papers the counts take
            // longer than start-up may (15 s at 2.7 million); `/health` has them once done.
            let coverage = try await semantic.counts.value(waitingAtMost: .seconds(1))
            // Read in the background (VectorIndexLoader): at millions of papers that takes minutes.
            semantic.expectLoad(of: coverage?.embedded)
            let counted = coverage.map { coverage in
                ", \(coverage.embedded.formatted()) of \(coverage.papers.formatted()) papers embedded"
                    + (coverage.embedded < coverage.papers ? "; embedding the rest in the background." : ".")
            } ?? "; counting the papers embedded in the background (see /health)."
            StandardOutput.line("Semantic search on: \(embedder.modelName)" + counted
                + (semantic.searchesInStore ? "" : " Loading their vectors into memory in the background; until then searches by meaning see those loaded so far."))
            let pipeline = EmbeddingPipeline(papers: database, embedder: embedder, index: semantic)
            let summaries = try settings.generatesSummaries()
                ? SummaryPipeline(store: database, summarizer: PaperSummarizer(embedder: embedder)) : nil
            StandardOutput.line(summaries == nil ? "Generated summaries: off (PAPERFEED_SUMMARIES)."
                : "Generated summaries: on, for papers without Hugging Face's, after their vectors (PAPERFEED_SUMMARIES=off turns them off).")
            return (semantic, [VectorIndexLoader(semantic: semantic, logger: logger),
                               EmbeddingService(pipeline: pipeline, summaries: summaries, jobs: database, logger: logger, clock: clock)], "")
        }
    }

    private func loadDemoIfEmpty(_ store: any PaperDatabase, settings: Settings) async throws {
        guard settings.loadsDemo, try await store.isEmpty() else { return }
        StandardOutput.line("The database is empty: loading the bundled demo papers…")
        let (report, vectors) = try await DemoDataset.load(into: store)
        StandardOutput.line("Loaded \(report.counts.inserted.formatted()) demo papers and \(vectors.formatted()) of their vectors.")
    }
}
