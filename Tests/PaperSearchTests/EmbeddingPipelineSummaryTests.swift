import PaperCore
import PaperSearch
import PaperStore
import PaperSummaries
import Testing
import TestSupport

@Suite struct EmbeddingPipelineSummaryTests {
    @Test func embeddingSummarizesOnlyPapersWithoutHuggingFaceFields() async throws {
        let embedder = try MiniLM.shared.get()
        try await withTemporaryStore { store in
            let abstract = "Robots drop objects in clutter. We propose GraspNet, a grasp planner trained in simulation. "
                + "It picks 95% of unseen objects."
            var curated = Paper(id: PaperID(rawValue: "2501.00002"), title: "Curated", abstract: abstract, authors: [], source: .huggingFace)
            curated.aiSummary = "Theirs."
            curated.aiKeywords = ["theirs"]
            _ = try await store.upsert([
                Paper(id: PaperID(rawValue: "2501.00001"), title: "Robot grasping in clutter", abstract: abstract, authors: [],
                      source: .oaiPMH),
                curated,
            ])
            let pipeline = EmbeddingPipeline(papers: store, embedder: embedder, index: nil, summaries: store,
                                             summarizer: PaperSummarizer(embedder: embedder))
            #expect(try await pipeline.run() == 2)
            let made = try await store.generatedSummaries(ids: [PaperID(rawValue: "2501.00001"), PaperID(rawValue: "2501.00002")])
            #expect(made.keys.map(\.rawValue) == ["2501.00001"])
            let ours = try #require(made[PaperID(rawValue: "2501.00001")])
            #expect(ours.summary.map(abstract.contains) == true)
            #expect((5...8).contains(ours.keywords.count))
        }
    }
}
