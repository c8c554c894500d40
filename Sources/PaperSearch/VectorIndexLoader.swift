import Logging
import ServiceLifecycle

/// Fills the in-memory vector index once `serve` is listening, so that start-up does not wait
/// for a read of every stored vector (minutes at millions of papers). Meanwhile semantic and
/// hybrid search answer from the vectors read so far, and the search page and `/health` say so
/// (`SemanticSearch.loading`). Then it partitions the index when it is large enough
/// (`SemanticSearch.partitionIfDue()`). Call `SemanticSearch.expectLoad(of:)` before the server starts,
/// so that the first request already knows the index is loading.
public struct VectorIndexLoader: Service {
    let semantic: SemanticSearch
    let logger: Logger

    public init(semantic: SemanticSearch, logger: Logger) {
        self.semantic = semantic
        self.logger = logger
    }

    public func run() async throws {
        let started = ContinuousClock.now
        do {
            let loaded = try await cancelWhenGracefulShutdown { try await semantic.load() }
            logger.info("vector index loaded", metadata: ["vectors": "\(loaded)", "seconds": "\((ContinuousClock.now - started).components.seconds)"])
            let partitioning = ContinuousClock.now
            if await semantic.partitionIfDue() {
                let lists = semantic.index.withLock { $0.partitionCount }
                logger.info("vector index partitioned", metadata: ["lists": "\(lists)", "seconds": "\((ContinuousClock.now - partitioning).components.seconds)"])
            }
        } catch is CancellationError {
            return
        } catch {
            // Search goes on with what was read; the embedding service's next turn reads the rest
            // (`refreshIfBehind`).
            logger.error("loading the vector index failed", metadata: ["error": "\(error)"])
        }
        // A service that returns stops the whole server: stay until shutdown.
        try? await gracefulShutdown()
    }
}
