import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperAccounts
import PaperCore
import PaperIngest
import PaperSearch
import PaperStore
import PaperWeb
import Testing
import TestSupport

/// `/papers/for-you` and `/api/recommendations` over 600 demo papers and their shipped
/// all-MiniLM-L6-v2 vectors (real vectors, no model run). One paper and nine others appeared
/// five days before the clock, the rest 400 days before; the user saves the target's three
/// nearest older papers.
@Suite struct ForYouWebTests {
    struct Fixture: Sendable {
        let papers: [Paper]
        let vectors: [PaperID: [Float]]
        let model: String
        let target: Paper
        let saved: [PaperID]
        /// The saved paper closest to the target, and the terms they share.
        let nearest: PaperID
        let terms: [String]
    }

    static let fixture: Task<Fixture, any Error> = Task {
        guard let url = DemoVectors.url else { throw CancellationError() }
        let file = try DemoVectors.decode(Data(contentsOf: url))
        let vectors = Dictionary(file.entries.map { ($0.id, $0.vector) }, uniquingKeysWith: { a, _ in a })
        let all = Dictionary(try DemoDataset.papers().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var corpus = all.values.filter { vectors[$0.id] != nil }.sorted { $0.id.rawValue < $1.id.rawValue }.prefix(600).map { $0 }
        let recent = WebFixture.now.addingTimeInterval(-5 * 86_400), old = WebFixture.now.addingTimeInterval(-400 * 86_400)
        func dot(_ a: PaperID, _ b: PaperID) -> Float { zip(vectors[a]!, vectors[b]!).reduce(0) { $0 + $1.0 * $1.1 } }
        // The first paper whose nearest neighbour shares terms with it, so the reason has some.
        let found = corpus.indices.lazy.compactMap { index -> (Int, [PaperID])? in
            let id = corpus[index].id
            let nearest = corpus.filter { $0.id != id }.sorted { dot(id, $0.id) > dot(id, $1.id) }.prefix(3).map(\.id)
            let first = corpus.first { $0.id == nearest[0] }!
            return SharedTerms.between(corpus[index], first).isEmpty ? nil : (index, nearest)
        }.first
        guard let (targetIndex, neighbours) = found else { throw CancellationError() }
        let targetID = corpus[targetIndex].id
        let newcomers = Set([targetID] + corpus.indices.filter { $0 % 50 == 7 }.map { corpus[$0].id }
            .filter { !neighbours.contains($0) && $0 != targetID }.prefix(9))
        for index in corpus.indices {
            corpus[index].publishedAt = newcomers.contains(corpus[index].id) ? recent : old
            // The demo papers carry no arXiv categories: a few get one for the category picker.
            if index % 40 == 3 { corpus[index].categories = ["cs.CL"] }
        }
        let target = corpus[targetIndex]
        let nearest = neighbours.max { dot(target.id, $0) < dot(target.id, $1) }!
        return Fixture(papers: corpus, vectors: vectors, model: file.header.model, target: target, saved: neighbours,
                       nearest: nearest, terms: SharedTerms.between(target, corpus.first { $0.id == nearest }!))
    }

    /// Only stored vectors are searched: recommendations never embed text.
    struct StoredVectorsOnly: SentenceEmbedder {
        let modelName: String
        let dimensions = 384
        func embed(_ texts: [String]) async throws -> [[Float]] { throw CancellationError() }
    }

    /// A store of the fixture's papers and vectors, the application over it, and its model cache.
    func withApp(semantic on: Bool = true,
                         _ test: @Sendable (any TestClientProtocol, any PaperDatabase, RecommenderCache, Fixture) async throws -> Void)
        async throws {
        let fixture = try await Self.fixture.value
        try await withStore(fixture.papers) { store in
            try await store.storeVectors(fixture.papers.map { PaperVector(id: $0.id, vector: fixture.vectors[$0.id]!) },
                                         model: fixture.model)
            let semantic = SemanticSearch(embedder: StoredVectorsOnly(modelName: fixture.model), vectors: store)
            try await semantic.load()
            let models = RecommenderCache()
            let dependencies = WebDependencies(repository: store, community: store, semantic: on ? semantic : nil,
                                               recommenderModels: models, clock: FixedClock(WebFixture.now))
            let app = try await buildApplication(configuration: CommunityFixture.configuration, dependencies: dependencies)
            try await app.test(.router) { client in try await test(client, store, models, fixture) }
        }
    }

    func token(for name: String, in store: any PaperDatabase) async throws -> HTTPFields {
        let user = try #require(try await store.user(named: name))
        let made = try await PersonalTokens(tokens: store, clock: FixedClock(WebFixture.now)).issue(for: user, name: "test")
        return [.authorization: "Bearer \(made.secret)"]
    }

    func entries(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]], "\(response.text.prefix(300))")
    }

    @Test func ranksThePaperClosestToTheSavedOnesFirstAndSaysWhy() async throws {
        try await withApp { client, store, models, fixture in
            var ada = Browser(client)
            try await ada.signUp("ada")
            for id in fixture.saved { #expect(try await ada.post("/papers/\(id)/save").status == .seeOther) }
            let auth = try await token(for: "ada", in: store)

            let answer = try await client.executeRequest(uri: "/api/recommendations?limit=5", method: .get, headers: auth, body: nil)
            #expect(answer.status == .ok)
            #expect(answer.headers[HTTPField.Name("X-Recommendations-Since")!]?.hasPrefix("2026-07-23") == true)
            let list = try entries(answer)
            #expect(list.count == 5, "the ten recent papers are the candidates")
            let first = try #require(list.first)
            #expect((first["paper"] as? [String: Any])?["id"] as? String == fixture.target.id.rawValue)
            #expect(first["title"] as? String == fixture.target.title && first["numComments"] != nil)
            let reason = try #require(first["reason"] as? [String: Any])
            #expect((reason["nearestSaved"] as? [String: Any])?["id"] as? String == fixture.nearest.rawValue)
            #expect(reason["terms"] as? [String] == fixture.terms && !fixture.terms.isEmpty)
            let ids = list.compactMap { ($0["paper"] as? [String: Any])?["id"] as? String }
            #expect(Set(ids).isDisjoint(with: fixture.saved.map(\.rawValue)), "saved papers are not recommended")
            #expect(await models.trainings == 1)

            // The page (30 asked for, more than the period holds, so every paper is a candidate and
            // the blend puts papers sharing rarer words with the saved ones beside the target): the
            // target's card with its reason, and the navigation link.
            let page = try await ada.get("/papers/for-you").text
            #expect(page.contains("href=\"/papers/for-you\""))
            let cards = page.components(separatedBy: "<article class=\"card\">").dropFirst()
            let targetCard = try #require(cards.firstIndex { $0.contains("href=\"/papers/\(fixture.target.id)\"") })
            #expect(cards[targetCard].contains("Because you saved <a href=\"/papers/\(fixture.nearest)\">"))
            #expect(await models.trainings == 1, "nothing changed: the kept model answers")

            // A save retrains; so does "not interested", which also removes the paper.
            #expect(try await ada.post("/papers/\(fixture.target.id)/not-interested").status == .seeOther)
            let after = try entries(try await client.executeRequest(uri: "/api/recommendations?limit=5", method: .get, headers: auth, body: nil))
            #expect(!after.contains { ($0["paper"] as? [String: Any])?["id"] as? String == fixture.target.id.rawValue })
            #expect(await models.trainings == 2)
            let another = try #require(after.first.flatMap { ($0["paper"] as? [String: Any])?["id"] as? String })
            #expect(try await ada.post("/papers/\(another)/save").status == .seeOther)
            _ = try await client.executeRequest(uri: "/api/recommendations", method: .get, headers: auth, body: nil)
            #expect(await models.trainings == 3)
        }
    }

    @Test func theAPINeedsAUserAndGoodParameters() async throws {
        try await withApp { client, store, _, fixture in
            var ada = Browser(client)
            try await ada.signUp("ada")
            let anonymous = try await client.executeRequest(uri: "/api/recommendations", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized && anonymous.text.contains("\"error\""))
            let wrong = try await client.executeRequest(uri: "/api/recommendations", method: .get,
                                                        headers: [.authorization: "Bearer pf_nonsense"], body: nil)
            #expect(wrong.status == .unauthorized)
            let auth = try await token(for: "ada", in: store)
            for query in ["limit=0", "limit=101", "limit=many", "since=yesterday", "since=2026-13-01", "since=1e9", "since=2026-08-01T12:00", "since=2026-08-01T25:00:00Z"] {
                let answer = try await client.executeRequest(uri: "/api/recommendations?\(query)", method: .get, headers: auth, body: nil)
                #expect(answer.status == .badRequest && answer.text.contains("\"error\""), "\(query): \(answer.text)")
            }
            let none = try await client.executeRequest(uri: "/api/recommendations", method: .get, headers: auth, body: nil)
            #expect(none.status == .ok && none.text == "[]", "nothing saved, nothing to go on")
            for id in fixture.saved { _ = try await ada.post("/papers/\(id)/save") }
            let future = try await client.executeRequest(uri: "/api/recommendations?since=2030-01-01", method: .get, headers: auth, body: nil)
            #expect(future.status == .ok && future.text == "[]")
            let time = try await client.executeRequest(uri: "/api/recommendations?since=2026-08-01T14:00:00%2B02:00", method: .get,
                                                       headers: auth, body: nil)
            #expect(time.status == .ok && time.headers[HTTPField.Name("X-Recommendations-Since")!] == "2026-08-01T12:00:00.000Z")
            let widened = try await client.executeRequest(uri: "/api/recommendations?limit=50", method: .get, headers: auth, body: nil)
            #expect(try entries(widened).count == 50, "too few new papers: every paper is a candidate")
            #expect(widened.headers[HTTPField.Name("X-Recommendations-Since")!] == "any")
            let explicit = try await client.executeRequest(uri: "/api/recommendations?limit=50&since=2026-08-01", method: .get,
                                                           headers: auth, body: nil)
            #expect(try entries(explicit).count == 10, "a period asked for is kept to")
            // A logged-in browser's session works as well as a token.
            #expect(try await ada.get("/api/recommendations?limit=3").status == .ok)
        }
    }

    @Test func withFewSavedPapersThePageOffersPapersToSave() async throws {
        try await withApp { client, _, _, fixture in
            var ada = Browser(client)
            #expect(try await ada.get("/papers/for-you").headers[.location] == "/login?next=%2Fpapers%2Ffor%2Dyou")
            try await ada.signUp("ada")
            _ = try await ada.post("/papers/\(fixture.saved[0])/save")
            let page = try await ada.get("/papers/for-you")
            #expect(page.status == .ok && page.text.contains("Save a few papers to start"))
            #expect(page.text.contains("you have saved 1"))
            #expect(page.text.contains("action=\"/papers/") && page.text.contains("/save\""))
            let picked = try await ada.get("/papers/for-you?cat=cs.CL").text
            #expect(picked.contains("Top papers of a category") && picked.contains("value=\"cs.CL\""))
            let inCategory = fixture.papers.filter { $0.categories == ["cs.CL"] }.map(\.id.rawValue)
            let section = try #require(picked.range(of: "class=\"pick\"")).upperBound
            #expect(inCategory.contains { picked[section...].contains("href=\"/papers/\($0)\"") })
            #expect(try await ada.get("/papers/for-you?cat=cs.RO").text.contains("No papers of cs.RO here yet."))
            #expect(try await ada.get("/papers/for-you?cat=NOT%20A%20CATEGORY").status == .badRequest)
        }
    }

    @Test func withoutTheModelThePageAndAPISaySo() async throws {
        try await withApp(semantic: false) { client, store, _, _ in
            var ada = Browser(client)
            try await ada.signUp("ada")
            let page = try await ada.get("/papers/for-you")
            #expect(page.status == .ok && page.text.contains("Recommendations need the embedding model"))
            let auth = try await token(for: "ada", in: store)
            let answer = try await client.executeRequest(uri: "/api/recommendations", method: .get, headers: auth, body: nil)
            #expect(answer.status == .serviceUnavailable && answer.text.contains("embedding model"))
        }
    }
}
