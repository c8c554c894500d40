import Embedding
import Foundation
import Logging
import PaperCore
@testable import PaperSearch
import PaperStore
import Testing
import TestSupport

/// The real model, loaded once.
enum MiniLM {
    static let shared: Result<MiniLMEmbedder, any Error> = Result { try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory) }
}

@Suite struct EmbeddingServiceTests {
    @Test func twoNodesEmbedEachPaperOnceAndBothFindIt() async throws {
        let embedder = try MiniLM.shared.get()
        try await withTemporaryStore { store in
            let topics = ["protein structure prediction", "speech recognition for low-resource languages", "robot grasping",
                          "image generation with diffusion", "graph neural networks for molecules", "code completion models"]
            _ = try await store.upsert(topics.enumerated().map { index, topic in
                Paper(id: PaperID(rawValue: "2501.0000\(index)"), title: "A study of \(topic)", abstract: "We study \(topic).",
                      authors: [Author(name: "A")], source: .huggingFace)
            })
            let nodes = (0..<2).map { index in
                let index = SemanticSearch(embedder: embedder, vectors: store)
                return (index, EmbeddingService(pipeline: EmbeddingPipeline(papers: store, embedder: embedder, index: index),
                                                jobs: store, node: "node-\(index.count)-\(UUID())", logger: Logger(label: "test")))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (_, service) in nodes { group.addTask { try await service.runOnce() } }
                try await group.waitForAll()
            }
            // The node that lost the job picks the vectors up on its next round.
            for (_, service) in nodes { try await service.runOnce() }
            #expect(try await store.vectorCoverage(model: embedder.modelName).embedded == topics.count)
            for (index, _) in nodes {
                let found = try await index.nearest(to: "folding of proteins", limit: 1)
                #expect(found.first?.id.rawValue == "2501.00000")
            }
        }
    }
}
