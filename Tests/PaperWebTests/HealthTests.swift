import Embedding
import Foundation
import HummingbirdTesting
import PaperCore
import PaperSearch
import PaperStore
import PaperWeb
import Testing
import TestSupport

/// `/health` and `/metrics` tell a monitor what it needs: papers and how many are embedded by
/// which model, the digest outbox's backlog, each harvested source's state, engine and version.
@Suite struct HealthTests {
    let now = WebFixture.now

    /// A store with the community papers, two of them embedded, three digest deliveries (one
    /// failed), a harvest source that succeeded an hour ago and one failing since yesterday.
    func withBusyInstance(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withTemporaryStore { store in
            _ = try await store.upsert(CommunityFixture.papers)
            let embedder = try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory)
            let two = Array(CommunityFixture.papers.prefix(2))
            let vectors = try await embedder.embed(two.map(\.title))
            try await store.storeVectors(zip(two, vectors).map { PaperVector(id: $0.id, vector: $1) }, model: embedder.modelName)
            for email in ["a@x.org", "b@x.org", "c@x.org"] {
                _ = try await store.subscribe(email: email, frequency: .daily, userID: nil, confirmed: true, token: email, now: now)
            }
            _ = try await store.planDigest(frequency: .daily, period: "daily/2026-08-21", now: now)
            let claimed = try #require(try await store.claimDelivery(node: "n", lease: .seconds(60), now: now))
            #expect(try await store.failDelivery(claimed, error: "550 no such user"))
            _ = try await store.commitHarvestPage([], state: HarvestState(source: "hf", watermark: "2026-08-21",
                                                                         lastSuccessAt: now.addingTimeInterval(-3_600)))
            try await store.recordHarvestFailure(source: "arxiv:cs", message: "HTTP 503", at: now.addingTimeInterval(-86_400))

            let dependencies = WebDependencies(repository: store, community: store, harvests: store,
                                               semantic: SemanticSearch(embedder: embedder, vectors: store),
                                               clock: FixedClock(now), databaseEngine: store.engineName)
            let app = try await buildApplication(configuration: CommunityFixture.configuration, dependencies: dependencies)
            try await app.test(.router, test)
        }
    }

    @Test func healthReportsWhatAMonitorNeeds() async throws {
        try await withBusyInstance { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let health = try JSONDecoder().decode(Health.self, from: Data(response.text.utf8))
                #expect(health.status == "ok")
                #expect(health.version == PaperFeedVersion.current)
                #expect(health.database == "sqlite")
                #expect(health.papers == 4)
                #expect(health.semanticSearch?.embedded == 2)
                #expect(health.semanticSearch?.model.isEmpty == false)
                #expect(health.outbox == DeliveryBacklog(queued: 2, sending: 0, failed: 1))
                #expect(health.harvest.map(\.source) == ["arxiv:cs", "hf"])
                #expect(health.harvest.map(\.failing) == [true, false])
                #expect(health.harvest.first?.lastError == "HTTP 503")
            }
        }
    }

    @Test func metricsCarryTheSameFiguresAsGauges() async throws {
        try await withBusyInstance { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = Set(response.text.split(separator: "\n").map(String.init))
                #expect(lines.contains("paperfeed_papers 4.0"))
                #expect(lines.contains("paperfeed_papers_embedded 2.0"))
                #expect(lines.contains(#"paperfeed_digest_outbox{state="queued"} 2.0"#))
                #expect(lines.contains(#"paperfeed_digest_outbox{state="failed"} 1.0"#))
                #expect(lines.contains(#"paperfeed_harvest_failing{source="arxiv:cs"} 1.0"#))
                #expect(lines.contains(#"paperfeed_harvest_failing{source="hf"} 0.0"#))
                let hf = "paperfeed_harvest_last_success_seconds{source=\"hf\"} \(now.addingTimeInterval(-3_600).timeIntervalSince1970)"
                #expect(lines.contains(hf), "\(response.text)")
                #expect(response.text.contains(#"paperfeed_info{version="\#(PaperFeedVersion.current)",database="sqlite""#))
            }
        }
    }

    struct Health: Decodable {
        struct Semantic: Decodable { let model: String; let embedded: Int }
        struct Source: Decodable { let source: String; let failing: Bool; let lastError: String? }
        let status: String
        let version: String
        let database: String?
        let papers: Int
        let semanticSearch: Semantic?
        let outbox: DeliveryBacklog?
        let harvest: [Source]
    }
}
