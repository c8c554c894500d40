import Foundation
import Logging
import PaperCore
import ServiceLifecycle

/// Runs the embedding pipeline inside `serve`, at start and then every `interval`, so imported
/// papers become findable by meaning without a restart. With several nodes on one database,
/// the work is a job claimed with a lease: one node embeds, and the others pick up the new
/// vectors into their in-memory index. Stops on graceful shutdown.
public struct EmbeddingService: Service {
    let pipeline: EmbeddingPipeline
    let jobs: any JobQueue
    let node: String
    let interval: Duration
    let logger: Logger
    let clock: any WallClock
    /// How long the embedding job is this node's without a renewal; renewed every third of it.
    let lease: Duration = .seconds(600)
    static let jobKind = "embed"

    public init(pipeline: EmbeddingPipeline, jobs: any JobQueue, node: String = JobNode.current,
                interval: Duration = .seconds(60), logger: Logger, clock: any WallClock = SystemClock()) {
        self.pipeline = pipeline
        self.jobs = jobs
        self.node = node
        self.interval = interval
        self.logger = logger
        self.clock = clock
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await repeatTurns(every: interval, failed: { logger.error("embedding failed; will retry", metadata: ["error": "\($0)"]) }) {
                try await runOnce()
            }
        }
    }

    /// Embeds what is missing if this node wins the job, renewing its lease while it works (a
    /// large backlog takes longer than one lease); then takes in vectors other nodes stored.
    func runOnce() async throws {
        let model = pipeline.embedder.modelName
        try await jobs.enqueue(kind: Self.jobKind, key: model, payload: model, now: clock.now())
        let pipeline = self.pipeline
        switch try await jobs.runNext(kind: Self.jobKind, node: node, lease: lease, clock: clock, { _ in try await pipeline.run() }) {
        case .nothingToDo:
            break
        case let .done(_, embedded):
            if embedded > 0 { logger.info("embedded papers", metadata: ["count": "\(embedded)"]) }
        case .leaseLost:
            // The vectors stored so far stay; the node holding the job now embeds the rest.
            logger.warning("stopped embedding: the job's lease passed to another node")
        }
        if let index = pipeline.index { try await index.refreshIfBehind() }
    }
}
