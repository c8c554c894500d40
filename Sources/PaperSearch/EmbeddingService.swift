import Logging
import ServiceLifecycle

/// Runs the embedding pipeline inside `serve`: at start, then every `interval`, so imported
/// papers become findable by meaning without a restart. Stops on graceful shutdown.
public struct EmbeddingService: Service {
    let pipeline: EmbeddingPipeline
    let interval: Duration
    let logger: Logger

    public init(pipeline: EmbeddingPipeline, interval: Duration = .seconds(60), logger: Logger) {
        self.pipeline = pipeline
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let embedded = try await pipeline.run()
                    if embedded > 0 { logger.info("embedded papers", metadata: ["count": "\(embedded)"]) }
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("embedding failed; will retry", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
