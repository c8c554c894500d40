import Embedding
import Foundation
import HummingbirdTesting
import PaperCore
import PaperIngest
import PaperSearch
import PaperWeb
import Testing
import TestSupport

/// `serve` listens before the vector index is read (`VectorIndexLoader`): meanwhile the site
/// answers, says the index is loading, and searches by meaning see only what is loaded; once
/// loaded, they find papers. The read is held at a gate so that "meanwhile" is certain.
@Suite struct VectorIndexLoadingTests {
    @Test(.hangGuard) func answersWhileTheIndexLoadsAndFindsByMeaningOnceLoaded() async throws {
        try await withTemporaryStore { store in
            _ = try await Importer(repository: store).run(paths: [RepositoryPaths.seedPage.path])
            let all = try await store.papers(after: nil, limit: 200)
            let target = try #require(all.first { $0.title.contains("UniFormerV2") })
            // 40 titles: short and few, so quick to embed; enough to find a paper by its own title.
            var chosen = [target]
            for paper in all.prefix(39) where paper.id != target.id { chosen.append(paper) }
            let papers = chosen
            let embedder = try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory)
            let vectors = try await embedder.embed(papers.map(\.title))
            try await store.storeVectors(zip(papers, vectors).map { PaperVector(id: $0.id, vector: $1) }, model: embedder.modelName)
            // Letters and digits only, so no character of the title reads as query syntax.
            let words = target.title.filter { $0.isLetter || $0.isNumber || $0 == " " }
            let query = words.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

            let gate = Gate()
            let semantic = SemanticSearch(embedder: embedder, vectors: GatedVectors(store: store, gate: gate))
            semantic.expectLoad(of: papers.count)
            let dependencies = WebDependencies(repository: store, community: store, semantic: semantic, clock: FixedClock(WebFixture.now))
            let app = try await buildApplication(configuration: CommunityFixture.configuration, dependencies: dependencies,
                                                 services: [VectorIndexLoader(semantic: semantic, logger: dependencies.logger)])
            try await app.test(.router) { client in
                let loading = "vector index loading: 0 of \(papers.count)"
                #expect(try await indexLoading(client) == loading)
                try await client.execute(uri: "/papers?q=\(query)&mode=hybrid", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("The vector index is still loading (0 of \(papers.count) papers)"))
                    #expect(response.text.contains("UniFormerV2"), "keyword results are complete meanwhile")
                }
                try await client.execute(uri: "/api/papers/search?q=\(query)&mode=semantic&limit=3", method: .get) { response in
                    #expect(response.headers[.init("X-Vector-Index-Loading")!] == "0 of \(papers.count)")
                    #expect(response.text == "[]", "nothing loaded, nothing found by meaning yet")
                }

                await gate.open()
                while try await indexLoading(client) != nil { try await Task.sleep(for: .milliseconds(20)) }
                try await client.execute(uri: "/api/papers/search?q=\(query)&mode=semantic&limit=1", method: .get) { response in
                    #expect(response.headers[.init("X-Vector-Index-Loading")!] == nil)
                    #expect(response.text.contains("\"id\":\"\(target.id)\""), "\(response.text.prefix(300))")
                }
                try await client.execute(uri: "/papers?q=\(query)&mode=semantic", method: .get) { response in
                    #expect(!response.text.contains("still loading"))
                }
            }
        }
    }

    /// `/health`'s `semanticSearch.indexLoading.message`, or `nil` when it has none.
    private func indexLoading(_ client: any TestClientProtocol) async throws -> String? {
        try await client.execute(uri: "/health", method: .get) { response in
            let health = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
            let semantic = health?["semanticSearch"] as? [String: Any]
            #expect(semantic != nil)
            return (semantic?["indexLoading"] as? [String: Any])?["message"] as? String
        }
    }
}

/// Opens once; until then `wait()` suspends.
private actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        waiting.forEach { $0.resume() }
        waiting = []
    }
}

/// The store's vectors, with the full read `SemanticSearch.load()` makes held until the gate opens.
private struct GatedVectors: VectorRepository {
    let store: any VectorRepository
    let gate: Gate

    func storeVectors(_ vectors: [PaperVector], model: String) async throws { try await store.storeVectors(vectors, model: model) }
    func papersWithoutVectors(model: String, in ids: ClosedRange<PaperID>?, limit: Int) async throws -> [Paper] {
        try await store.papersWithoutVectors(model: model, in: ids, limit: limit)
    }
    func idsWithoutVectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperID] {
        try await store.idsWithoutVectors(model: model, after: id, limit: limit)
    }
    func vectors(ids: [PaperID], model: String) async throws -> [PaperVector] { try await store.vectors(ids: ids, model: model) }
    func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int) { try await store.vectorCoverage(model: model) }
    func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector] {
        await gate.wait()
        return try await store.vectors(model: model, after: id, limit: limit)
    }
}
