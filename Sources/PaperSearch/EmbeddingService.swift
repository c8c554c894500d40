import Foundation
import Logging
import PaperCore
import ServiceLifecycle

/// Runs the embedding pipeline inside `serve`, at start and then every `interval`, so imported
/// papers become findable by meaning without a restart. With several nodes on one database,
/// they share the work through the job queue: the node that claims the turn's job lists the
/// papers without a vector as batch jobs of `batchPapers` each, and every node embeds batches
/// until none is left (two nodes embed about twice as fast as one); each node also picks up the
/// vectors the others stored into its in-memory index. Generated summaries, when on, are the
/// turn job's lower-priority work: made only for papers whose vector is stored, and only while
/// no paper waits for a vector (see `runOnce`). Stops on graceful shutdown.
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
    /// Papers per batch job: about a minute of one core's work at the quantized model's pace, so
    /// that nodes finish a backlog close together.
    var batchPapers = 1_000
    static let jobKind = "embed"
    static let batchKind = "embed-batch"

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

    /// Lists what is missing as batch jobs if this node wins the turn's job, and embeds batches
    /// (every node does, whether it won or not) while renewing its leases; the winner then
    /// summarizes the papers that wait for a generated summary. Then takes in vectors other nodes
    /// stored.
    ///
    /// Summaries share the turn's job (and the one core `serve` gives the model) rather than
    /// running as a job of their own, so they never compete with vectors: every vector missing
    /// at the start is stored before the first summary, and papers that arrive while summaries
    /// are made (a harvest, an import) are embedded before the next batch of summaries.
    func runOnce() async throws {
        let model = pipeline.embedder.modelName
        try await jobs.enqueue(kind: Self.jobKind, key: model, payload: model, now: clock.now())
        let (summaries, service) = (self.summaries, self)
        let outcome = try await jobs.runNext(kind: Self.jobKind, node: node, lease: lease, clock: clock) { _ in
            var embedded = try await service.embedBacklog()
            let summarized = try await summaries?.run(between: { embedded += try await service.embedBacklog() }) ?? 0
            try await service.jobs.removeFinished(kind: Self.batchKind, before: service.clock.now())
            return Turn(embedded: embedded, summarized: summarized)
        }
        switch outcome {
        case .nothingToDo:
            // Another node holds the turn: help with its batches.
            let embedded = try await embedBatches()
            if embedded > 0 { logger.info("embedded papers", metadata: ["count": "\(embedded)"]) }
        case let .done(_, done):
            if done.embedded > 0 { logger.info("embedded papers", metadata: ["count": "\(done.embedded)"]) }
            if done.summarized > 0 { logger.info("summarized papers", metadata: ["count": "\(done.summarized)"]) }
        case .leaseLost:
            // The vectors stored so far stay; the node holding the job now embeds the rest.
            logger.warning("stopped embedding: the job's lease passed to another node")
        }
        if let index = pipeline.index { try await index.refreshIfBehind() }
    }

    /// Queues the papers without a vector as batch jobs, then embeds batches until none is left.
    func embedBacklog() async throws -> Int {
        try await queueBatches()
        return try await embedBatches()
    }

    /// Lists the papers without a vector, in id order, as jobs of `batchPapers` papers each
    /// (their first and last id). A batch still queued or running keeps its key and is not
    /// queued twice; one listed again with other bounds (some of its papers were embedded
    /// meanwhile) overlaps it, and whichever node comes second skips what the first stored.
    func queueBatches() async throws {
        let model = pipeline.embedder.modelName
        var after: PaperID?
        while !Task.isCancelled {
            let ids = try await pipeline.papers.idsWithoutVectors(model: model, after: after, limit: batchPapers)
            guard let first = ids.first, let last = ids.last else { return }
            try await jobs.enqueue(kind: Self.batchKind, key: "\(model) \(first.rawValue)-\(last.rawValue)",
                                   payload: "\(first.rawValue)\n\(last.rawValue)", now: clock.now())
            after = last
        }
    }

    /// Claims batch jobs one after another and embeds each; returns how many papers it embedded.
    func embedBatches() async throws -> Int {
        var embedded = 0
        let pipeline = self.pipeline
        while !Task.isCancelled {
            let outcome = try await jobs.runNext(kind: Self.batchKind, node: node, lease: lease, clock: clock) { job in
                try await pipeline.run(in: Self.ids(of: job))
            }
            switch outcome {
            case .nothingToDo: return embedded
            case let .done(_, count): embedded += count
            case .leaseLost: logger.warning("stopped a batch of embedding: its lease passed to another node")
            }
        }
        return embedded
    }

    /// The ids a batch job covers, from its payload (`nil`, all papers, for a malformed one).
    static func ids(of job: Job) -> ClosedRange<PaperID>? {
        let bounds = job.payload.split(separator: "\n").map { PaperID(rawValue: String($0)) }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { return nil }
        return bounds[0]...bounds[1]
    }
}

extension EmbeddingService {
    /// What one turn of the job did.
    struct Turn: Sendable {
        var embedded: Int
        var summarized: Int
    }
}
