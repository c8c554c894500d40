import Foundation
import PaperCore

/// Embeds the papers that have no vector from the current model, batch by batch, storing each
/// batch before the next so an interrupted run continues where it stopped.
public struct EmbeddingPipeline: Sendable {
    public let papers: any VectorRepository
    public let embedder: any SentenceEmbedder
    /// Where new vectors become searchable at once, when the service is running.
    public let index: SemanticSearch?
    public var batchSize = 32

    public init(papers: any VectorRepository, embedder: any SentenceEmbedder, index: SemanticSearch?) {
        self.papers = papers
        self.embedder = embedder
        self.index = index
    }

    /// Progress of a run: papers embedded so far, and how many there are to embed in all.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var elapsed: Duration
    }

    /// Embeds until every paper (with an id in `ids`, unless `nil`) has a vector, or the task is
    /// cancelled; returns how many it embedded.
    @discardableResult
    public func run(in ids: ClosedRange<PaperID>? = nil, progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Int {
        let started = ContinuousClock.now
        var total: Int?
        var done = 0
        while !Task.isCancelled {
            let batch = try await papers.papersWithoutVectors(model: embedder.modelName, in: ids, limit: batchSize)
            guard !batch.isEmpty else { break }
            // Counted only when there is work: `serve` runs this every minute, mostly to find none,
            // and at millions of papers the counts read hundreds of megabytes of index. A run over
            // some ids (a batch of the service's backlog) reports no total.
            if total == nil, ids == nil {
                let coverage = try await papers.vectorCoverage(model: embedder.modelName)
                total = coverage.papers - coverage.embedded
            }
            let vectors = try await embedder.embed(batch.map(\.embeddingText))
            let items = zip(batch, vectors).map { PaperVector(id: $0.id, vector: $1) }
            try await papers.storeVectors(items, model: embedder.modelName)
            index?.add(items)
            done += items.count
            progress(Progress(done: done, total: max(total ?? 0, done), elapsed: ContinuousClock.now - started))
        }
        return done
    }
}
