import BenchmarkSupport
import Foundation
import PaperCore
import PaperSearch
import PaperStore

/// The recommendation request path at `size` papers, end to end in this process as
/// `GET /api/recommendations` runs it (`PersonalRecommender.signals`, then `recommend`), over a
/// real SQLite store: papers are the demo papers again and again under fresh ids (their title
/// and abstract as they are), published one after another over 1,000 days up to the clock; each
/// has its demo paper's vector plus noise. The user saves `saved` copies of one prolific
/// author's papers. Times: the first request (which trains the model), requests with the model
/// kept, the first request after each of a few library changes, and requests when the last 30
/// days hold nothing (every paper a candidate).
struct RequestLatency {
    let corpus: [Paper]
    let vectors: [PaperID: [Float]]
    let model: String
    let size: Int
    var saved = 20
    var limit = 20
    var requests = 200
    var changes = 10

    /// Only stored vectors are read: recommendations never embed text.
    struct StoredVectorsOnly: SentenceEmbedder {
        let modelName: String
        let dimensions = 384
        func embed(_ texts: [String]) async throws -> [[Float]] { throw CancellationError() }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recommend-latency-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await PaperDatabases.openSQLite(path: folder.appendingPathComponent("papers.sqlite").path)
        do {
            try await measure(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    private func measure(_ store: any PaperDatabase) async throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let filled = try await Recommendation.milliseconds { try await fill(store, now: now) }
        let semantic = SemanticSearch(embedder: StoredVectorsOnly(modelName: model), vectors: store)
        let loaded = try await Recommendation.milliseconds { try await semantic.load() }
        print("\nat \(size.formatted()) papers (SQLite store filled in \(Recommendation.format(filled.milliseconds / 1000, 0)) s, "
            + "\(loaded.value.formatted()) vectors loaded in \(Recommendation.format(loaded.milliseconds / 1000, 1)) s), "
            + "a user with \(saved) saved papers, \(limit) recommendations per request (signals + recommend):")
        let user = try await store.createUser(name: "reader", email: "reader@example.org", passwordHash: "-", isAdmin: false, now: now)
        let collection = try await store.defaultCollection(ownerID: user.id, now: now)
        let savedIDs = savedPapers()
        for id in savedIDs.dropLast() { _ = try await store.addItem(collectionID: collection.id, paper: id, note: nil, now: now) }
        let models = RecommenderCache()
        let current = PersonalRecommender(repository: store, library: store, semantic: semantic, models: models, clock: FixedClock(now))
        let later = PersonalRecommender(repository: store, library: store, semantic: semantic, models: models,
                                        clock: FixedClock(now.addingTimeInterval(400 * 86_400)))
        func request(_ recommender: PersonalRecommender) async throws -> Double {
            try await Recommendation.milliseconds {
                let signals = try await recommender.signals(userID: user.id)
                return try await recommender.recommend(userID: user.id, signals: signals, since: nil, limit: limit).items.count
            }.milliseconds
        }
        let first = try await request(current)
        let kept = try await (0..<requests).asyncMap { _ in try await request(current) }
        var afterChange: [Double] = []
        for change in 0..<changes {
            // Saving the last paper, then removing it again: a new library version each time.
            if change % 2 == 0 {
                _ = try await store.addItem(collectionID: collection.id, paper: savedIDs.last!, note: nil, now: now)
            } else if let item = try await store.items(collectionID: collection.id).first(where: { $0.paperID == savedIDs.last! }) {
                _ = try await store.removeItem(id: item.id, collectionID: collection.id, now: now)
            }
            afterChange.append(try await request(current))
        }
        let everyPaper = try await (0..<requests).asyncMap { _ in try await request(later) }
        print("- first request (trains the model): \(Recommendation.format(first, 1)) ms")
        print("- model kept, candidates the last 30 days' \((size * 30 / 1_000).formatted()) papers: \(Self.percentiles(kept))")
        print("- first request after a library change (retrains): \(Self.percentiles(afterChange)) over \(changes) changes")
        print("- model kept, the last 30 days empty so every paper is a candidate: \(Self.percentiles(everyPaper))")
    }

    /// Stores `size` papers and their vectors, newest first.
    private func fill(_ store: any PaperDatabase, now: Date) async throws {
        var random = SeededRandom(seed: 14)
        for start in stride(from: 0, to: size, by: 2_000) {
            var papers: [Paper] = [], items: [PaperVector] = []
            for index in start..<min(size, start + 2_000) {
                var paper = corpus[index % corpus.count]
                let source = vectors[paper.id]!
                paper.id = PaperID(rawValue: SnapshotRecords.id(index))
                paper.publishedAt = now.addingTimeInterval(-Double(index) / Double(size) * 1_000 * 86_400)
                paper.listedOn = nil
                papers.append(paper)
                items.append(PaperVector(id: paper.id, vector: Recommendation.unit(source.map { $0 + 0.02 * random.gaussian() })))
            }
            _ = try await store.upsert(papers)
            try await store.storeVectors(items, model: model)
        }
    }

    /// Copies of the papers of the author with the most: `saved` of them, in store ids.
    private func savedPapers() -> [PaperID] {
        var byAuthor: [String: [Int]] = [:]
        for (index, paper) in corpus.enumerated() { for author in Set(paper.authors.map(\.name)) { byAuthor[author, default: []].append(index) } }
        let own = byAuthor.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!.value
        return (0..<saved).map { PaperID(rawValue: SnapshotRecords.id(own[$0 % own.count] + ($0 / own.count) * corpus.count)) }
    }

    static func percentiles(_ times: [Double]) -> String {
        let sorted = times.sorted()
        func at(_ fraction: Double) -> String { Recommendation.format(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))], 1) }
        return "p50 \(at(0.5)) ms, p99 \(at(0.99)) ms"
    }
}

extension Range where Bound == Int {
    /// `transform` of each value, one after another.
    func asyncMap<T>(_ transform: (Int) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for value in self { results.append(try await transform(value)) }
        return results
    }
}
