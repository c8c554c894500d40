import Foundation
import PaperCore
import PaperSummaries

/// Makes generated summaries and keyphrases for the papers that wait for them
/// (``GeneratedSummaryRepository/papersAwaitingSummaries(model:limit:)``): papers that already
/// have a vector and lack Hugging Face's `ai_summary` or `ai_keywords`, newly embedded ones and
/// those embedded before summaries existed alike. Each paper's stored vector stands for the
/// whole paper, so only its sentences and candidate phrases are embedded. Batch by batch, each
/// stored before the next, so an interrupted run continues where it stopped.
public struct SummaryPipeline: Sendable {
    public typealias Store = GeneratedSummaryRepository & VectorRepository
    public let store: any Store
    /// Its embedder must be the one the stored vectors came from; its model names them.
    public let summarizer: PaperSummarizer
    /// Papers per batch: each brings some twenty sentences and phrases to embed.
    public var batchSize = 8

    public init(store: any Store, summarizer: PaperSummarizer) {
        self.store = store
        self.summarizer = summarizer
    }

    /// Summarizes one batch of the papers waiting; returns how many it took (0 when none waits).
    /// Every paper of the batch gets a row, an empty one when there is nothing worth showing,
    /// so that none is taken again.
    public func runBatch() async throws -> Int {
        let model = summarizer.embedder.modelName
        let batch = try await store.papersAwaitingSummaries(model: model, limit: batchSize)
        guard !batch.isEmpty else { return 0 }
        let vectors = Dictionary(try await store.vectors(ids: batch.map(\.id), model: model).map { ($0.id, $0.vector) },
                                 uniquingKeysWith: { first, _ in first })
        // Papers listed a moment ago have their vector; one forgotten since (new text) waits for the next.
        let ready = batch.filter { vectors[$0.id] != nil }
        guard !ready.isEmpty else { return 0 }
        let made = try await summarizer.summarize(ready, documentVectors: ready.map { vectors[$0.id] ?? [] })
        try await store.storeGeneratedSummaries(Dictionary(zip(ready.map(\.id), made), uniquingKeysWith: { first, _ in first }),
                                                model: model)
        return ready.count
    }

    /// Summarizes until no paper waits (or the task is cancelled); returns how many it summarized.
    /// `between` runs before each batch after the first: the embedding service embeds papers
    /// that arrived meanwhile there, so that their vectors never wait behind summaries.
    @discardableResult
    public func run(between: () async throws -> Void = {}, progress: (Int) -> Void = { _ in }) async throws -> Int {
        var done = 0
        while !Task.isCancelled {
            if done > 0 { try await between() }
            let made = try await runBatch()
            guard made > 0 else { break }
            done += made
            progress(done)
        }
        return done
    }
}
