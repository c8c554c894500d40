import Embedding
import Foundation
import HummingbirdTesting
import PaperCore
import PaperIngest
import PaperSearch
import PaperStore
import Testing
import TestSupport

/// Semantic and hybrid search through the web application, with the real all-MiniLM-L6-v2 over
/// the 120 seed papers (scripts/install-model.sh puts the model in .models/).
@Suite struct SemanticSearchTests {
    /// The seed papers, every one embedded, built once.
    static let seeded: Task<(any PaperDatabase, SemanticSearch), any Error> = Task {
        let embedder = try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory)
        let store = try await PaperDatabases.openSQLite(path: TemporaryDatabase.sqlite().location)
        _ = try await Importer(repository: store).run(paths: [RepositoryPaths.seedPage.path])
        let semantic = SemanticSearch(embedder: embedder, vectors: store)
        try await EmbeddingPipeline(papers: store, embedder: embedder, index: semantic).run()
        return (store, semantic)
    }

    func withSemanticApp<T: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let (store, semantic) = try await Self.seeded.value
        return try await WebFixture.withApp(repository: store, semantic: semantic, test)
    }

    @Test func findsPapersByMeaningWithoutSharedWords() async throws {
        try await withSemanticApp { client in
            let uri = "/api/papers/search?q=making+image+transformers+work+on+video+clips&mode=semantic&limit=3"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[.init("X-Search-Mode")!] == "semantic")
                #expect(response.text.contains("UniFormerV2"), "\(response.text.prefix(300))")
            }
        }
    }

    @Test func hybridIsTheDefaultAndFiltersApplyInEveryMode() async throws {
        try await withSemanticApp { client in
            try await client.execute(uri: "/papers?q=person+re-identification", method: .get) { response in
                #expect(response.text.contains("<strong>Hybrid</strong>"))
                #expect(response.text.contains(">Camera-Driven "))
                #expect(!response.text.contains("<mark>Representation"))
            }
            try await client.execute(uri: "/api/papers/search?q=person+re-identification+-camera&mode=semantic", method: .get) { response in
                #expect(!response.text.contains("Camera-Driven Representation Learning"))
            }
        }
    }

    @Test func similarPapersComeByMeaning() async throws {
        try await withSemanticApp { client in
            let (store, _) = try await Self.seeded.value
            let uniformer = try #require(try await store.search(try QueryParser.parse("UniFormerV2"), limit: 1, offset: 0).hits.first)
            try await client.execute(uri: "/api/papers/\(uniformer.paper.id)/similar?limit=5", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("\"id\":\"\(uniformer.paper.id)\""))
                #expect(response.text.lowercased().contains("video"))
            }
        }
    }

    @Test func withoutTheModelTheSearchPageSaysHowToTurnItOn() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers?q=agent&mode=semantic", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Semantic search is off"))
            }
        }
    }
}
