import Embedding
import Foundation
import Logging
import Synchronization
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

    @Test(arguments: DatabaseEngine.available) func twoNodesShareABacklogBatchByBatch(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store in
            let ids = (10..<22).map { PaperID(rawValue: "2501.000\($0)") }
            _ = try await store.upsert(ids.map { Paper(id: $0, title: "Paper \($0.rawValue)", abstract: "About \($0.rawValue).",
                                                       authors: [Author(name: "A")], source: .huggingFace) })
            let meeting = Meeting(nodes: 2)
            let nodes = ["a", "b"].map { name in
                var service = EmbeddingService(pipeline: EmbeddingPipeline(papers: store, embedder: MeetingEmbedder(node: name, meeting: meeting), index: nil),
                                               jobs: store, node: name, logger: Logger(label: "test"))
                service.batchPapers = 3
                return service
            }
            try await nodes[0].queueBatches()
            // Each node's first batch waits until the other has one too: they embed at once.
            async let first = nodes[0].embedBatches()
            async let second = nodes[1].embedBatches()
            let counts = try await [first, second]
            #expect(meeting.met)
            #expect(counts.allSatisfy { $0 >= 3 } && counts.reduce(0, +) == ids.count)
            // Batches are disjoint: no paper was embedded twice.
            #expect(meeting.embedded.sorted() == ids.map { "Paper \($0.rawValue). About \($0.rawValue)." })
            #expect(try await store.vectorCoverage(model: MeetingEmbedder.model).embedded == ids.count)
            #expect(try await store.papersWithoutVectors(model: MeetingEmbedder.model, limit: 1).isEmpty)
        }
    }
}

/// Where two nodes' embedders meet: each node's first call waits (up to a minute) until every
/// node has made one, and every text embedded is recorded.
final class Meeting: Sendable {
    private struct State {
        var arrived: Set<String> = []
        var embedded: [String] = []
    }
    private let nodes: Int
    private let state = Mutex(State())
    init(nodes: Int) { self.nodes = nodes }

    var met: Bool { state.withLock { $0.arrived.count == nodes } }
    var embedded: [String] { state.withLock { $0.embedded } }

    func arrive(_ node: String, embedding texts: [String]) async {
        let first = state.withLock { state in
            state.embedded += texts
            return state.arrived.insert(node).inserted
        }
        guard first else { return }
        let deadline = ContinuousClock.now + .seconds(60)
        while !met, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
    }
}

/// A node's embedder for `Meeting`: a fixed vector per text, recorded.
struct MeetingEmbedder: SentenceEmbedder {
    static let model = "meeting"
    let node: String
    let meeting: Meeting
    var modelName: String { Self.model }
    var dimensions: Int { 2 }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        await meeting.arrive(node, embedding: texts)
        return texts.map { _ in [1, 0] }
    }
}
