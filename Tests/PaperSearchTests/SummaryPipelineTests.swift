import Foundation
import Logging
import PaperCore
@testable import PaperSearch
import PaperStore
import PaperSummaries
import Testing
import TestSupport

/// Generated summaries through the embedding service, with the real model.
@Suite struct SummaryPipelineTests {
    let abstract = "Robots drop objects in clutter. We propose GraspNet, a grasp planner trained in simulation. "
        + "It picks 95% of unseen objects."
    let ours = PaperID(rawValue: "2501.00001"), curated = PaperID(rawValue: "2501.00002")

    /// A paper without Hugging Face's fields and one with both, stored.
    func storePapers(_ store: any PaperDatabase) async throws {
        var theirs = Paper(id: curated, title: "Curated", abstract: abstract, authors: [], source: .huggingFace)
        theirs.aiSummary = "Theirs."
        theirs.aiKeywords = ["theirs"]
        _ = try await store.upsert([
            Paper(id: ours, title: "Robot grasping in clutter", abstract: abstract, authors: [], source: .oaiPMH), theirs,
        ])
    }

    func service(_ store: any PaperDatabase, summaries: Bool) throws -> EmbeddingService {
        let embedder = try MiniLM.shared.get()
        return EmbeddingService(pipeline: EmbeddingPipeline(papers: store, embedder: embedder, index: nil),
                                summaries: summaries ? SummaryPipeline(store: store, summarizer: PaperSummarizer(embedder: embedder)) : nil,
                                jobs: store, node: "node-\(UUID())", logger: Logger(label: "test"))
    }

    @Test func aPaperWithoutHuggingFaceFieldsGetsAGeneratedSummaryWithItsVector() async throws {
        try await withTemporaryStore { store in
            try await storePapers(store)
            try await service(store, summaries: true).runOnce()
            let model = try MiniLM.shared.get().modelName
            #expect(try await store.vectorCoverage(model: model).embedded == 2)
            let made = try await store.generatedSummaries(ids: [ours, curated])
            #expect(made.keys.map(\.rawValue) == ["2501.00001"])
            let generated = try #require(try await store.paper(ours)?.generated)
            #expect(generated.summary.map(abstract.contains) == true)
            #expect((5...8).contains(generated.keywords.count))
            #expect(try await store.paper(curated)?.generated == nil)
        }
    }

    @Test func summariesOffMakesNoneAndALaterRunBackfillsWithoutEmbeddingAgain() async throws {
        try await withTemporaryStore { store in
            try await storePapers(store)
            let model = try MiniLM.shared.get().modelName
            try await service(store, summaries: false).runOnce()
            #expect(try await store.vectorCoverage(model: model).embedded == 2)
            #expect(try await store.generatedSummaries(ids: [ours, curated]).isEmpty)
            #expect(try await store.paper(ours)?.generated == nil)

            // As on a database embedded before summaries existed: only the summaries are made.
            let vectors = try await store.vectors(ids: [ours, curated], model: model)
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 10).map(\.id) == [ours])
            try await service(store, summaries: true).runOnce()
            #expect(try await store.paper(ours)?.generated?.summary.map(abstract.contains) == true)
            #expect(try await store.vectors(ids: [ours, curated], model: model) == vectors)
            #expect(try await store.papersAwaitingSummaries(model: model, limit: 10).isEmpty)
        }
    }

    @Test func papersThatArriveWhileSummarizingAreEmbeddedBeforeTheNextBatch() async throws {
        try await withTemporaryStore { store in
            let embedder = try MiniLM.shared.get()
            let pipeline = EmbeddingPipeline(papers: store, embedder: embedder, index: nil)
            _ = try await store.upsert((1...2).map { index in
                Paper(id: PaperID(rawValue: "2501.0000\(index)"), title: "Paper \(index)", abstract: abstract, authors: [], source: .oaiPMH)
            })
            try await pipeline.run()
            var summaries = SummaryPipeline(store: store, summarizer: PaperSummarizer(embedder: embedder))
            summaries.batchSize = 1
            let late = Paper(id: PaperID(rawValue: "2501.00009"), title: "Late", abstract: abstract, authors: [], source: .oaiPMH)
            let summarized = try await summaries.run(between: {
                // A harvest lands after the first batch; the service embeds it here.
                if try await store.paper(late.id) == nil { _ = try await store.upsert([late]) }
                try await pipeline.run()
            })
            #expect(summarized == 3)
            #expect(try await store.generatedSummaries(ids: [late.id]).count == 1)
        }
    }
}
