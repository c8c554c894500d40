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
    static let jobKind = "embed"

    public init(pipeline: EmbeddingPipeline, jobs: any JobQueue, node: String = EmbeddingService.defaultNodeName,
                interval: Duration = .seconds(60), logger: Logger) {
        self.pipeline = pipeline
        self.jobs = jobs
        self.node = node
        self.interval = interval
        self.logger = logger
    }

    /// `host:pid`, unique among the nodes of one deployment.
    public static var defaultNodeName: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await runOnce()
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("embedding failed; will retry", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Embeds what is missing if this node wins the job; then takes in vectors other nodes stored.
    func runOnce() async throws {
        let model = pipeline.embedder.modelName
        try await jobs.enqueue(kind: Self.jobKind, key: model, payload: model, now: Date())
        if let job = try await jobs.claim(kind: Self.jobKind, node: node, lease: .seconds(600), now: Date()) {
            do {
                let embedded = try await pipeline.run()
                if embedded > 0 { logger.info("embedded papers", metadata: ["count": "\(embedded)"]) }
                try await jobs.complete(job, now: Date())
            } catch {
                try? await jobs.release(job, retryAt: Date().addingTimeInterval(60), error: "\(error)")
                throw error
            }
        }
        if let index = pipeline.index { try await index.refreshIfBehind() }
    }
}
