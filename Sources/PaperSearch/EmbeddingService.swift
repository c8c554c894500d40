import Foundation
import Logging
import PaperCore
import ServiceLifecycle

/// Runs the embedding pipeline inside `serve`, at start and then every `interval`, so imported
/// papers become findable by meaning without a restart. With several nodes on one database,
/// the work is a job claimed with a lease: one node embeds, and the others pick up the new
/// vectors into their in-memory index. Generated summaries, when on, are the same job's
/// lower-priority work: made only for papers whose vector is stored, and only while no paper
/// waits for a vector (see `runOnce`). Stops on graceful shutdown.
public struct EmbeddingService: Service {
    let pipeline: EmbeddingPipeline
    /// `nil` when generated summaries are off.
    let summaries: SummaryPipeline?
    let jobs: any JobQueue
    let node: String
    let interval: Duration
    let logger: Logger
    let clock: any WallClock
    /// How long the embedding job is this node's without a renewal; renewed every third of it.
    let lease: Duration = .seconds(600)
    static let jobKind = "embed"

    public init(pipeline: EmbeddingPipeline, summaries: SummaryPipeline? = nil, jobs: any JobQueue, node: String = JobNode.current,
                interval: Duration = .seconds(60), logger: Logger, clock: any WallClock = SystemClock()) {
        self.pipeline = pipeline
        self.summaries = summaries
        self.jobs = jobs
        self.node = node
        self.interval = interval
        self.logger = logger
        self.clock = clock
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            // The first turn waits for the vector index to load: at millions of papers that reads
            // the disk for minutes, and the turn's look for papers without vectors (two indexes'
            // worth) would compete with it and with the first pages served.
            await pipeline.index?.untilLoaded()
            await repeatTurns(every: interval, failed: { logger.error("embedding failed; will retry", metadata: ["error": "\($0)"]) }) {
                try await runOnce()
            }
        }
    }

    /// Embeds what is missing if this node wins the job, renewing its lease while it works (a
    /// large backlog takes longer than one lease), then summarizes the papers that wait for a
    /// generated summary; then takes in vectors other nodes stored.
    ///
    /// Summaries share the job (and the one core `serve` gives the model) rather than running
    /// as a job of their own, so they never compete with vectors: every vector missing at the
    /// start is stored before the first summary, and papers that arrive while summaries are made
    /// (a harvest, an import) are embedded before the next batch of summaries.
    func runOnce() async throws {
        let model = pipeline.embedder.modelName
        try await jobs.enqueue(kind: Self.jobKind, key: model, payload: model, now: clock.now())
        let (pipeline, summaries) = (self.pipeline, self.summaries)
        let outcome = try await jobs.runNext(kind: Self.jobKind, node: node, lease: lease, clock: clock) { _ in
            var embedded = try await pipeline.run()
            let summarized = try await summaries?.run(between: { embedded += try await pipeline.run() }) ?? 0
            return Turn(embedded: embedded, summarized: summarized)
        }
        switch outcome {
        case .nothingToDo:
            break
        case let .done(_, done):
            if done.embedded > 0 { logger.info("embedded papers", metadata: ["count": "\(done.embedded)"]) }
            if done.summarized > 0 { logger.info("summarized papers", metadata: ["count": "\(done.summarized)"]) }
        case .leaseLost:
            // The vectors stored so far stay; the node holding the job now embeds the rest.
            logger.warning("stopped embedding: the job's lease passed to another node")
        }
        if let index = pipeline.index { try await index.refreshIfBehind() }
    }
}

extension EmbeddingService {
    /// What one turn of the job did.
    struct Turn: Sendable {
        var embedded: Int
        var summarized: Int
    }
}
