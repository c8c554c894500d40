// Recommendation quality and speed (issue 14), in one run:
// - users built from real data: every author (name as written) with at least `--min-papers`
//   demo papers; each trains on all but their newest two papers, the rest of the corpus is
//   ranked, and where the two held-out papers land gives recall@50 and nDCG@50;
// - PaperFeed's `BlendedRecommender` (the product's: logistic regression on the shipped MiniLM
//   vectors plus the nearest saved paper, blended with logistic regression on tf-idf word 1-2-grams)
//   at a few blend weights and each of its parts, beside arxiv-sanity-lite's method on the same
//   splits (`baseline.py`: tf-idf + LinearSVC(C=0.01), scikit-learn);
// - a recommendation request end to end at `--size` papers in a real SQLite store (`RequestLatency`).
// Usage: recommend-bench --python PATH [--min-papers 6] [--users 500|all] [--background 2000] [--size 100000]
//        [--only quality|latency]
import BenchmarkSupport
import Foundation
import PaperCore
import PaperIngest
import PaperSearch

let minPapers = Bench.option("--min-papers").flatMap(Int.init) ?? 6
/// As many as the product trains against (`PersonalRecommender.backgroundSize`), unless given.
let backgroundSize = Bench.option("--background").flatMap(Int.init) ?? 2_000
let only = Bench.option("--only")
let indexSize = Bench.option("--size").flatMap(Int.init) ?? 100_000
let python = Bench.option("--python") ?? ".venv-bench/bin/python"
/// At most this many users, spread evenly over the authors in name order (`all` for every one).
let maxUsers = Bench.option("--users").map { $0 == "all" ? Int.max : Int($0) ?? 500 } ?? 500
let k = 50

// The corpus: demo papers (one record per id) that have a shipped vector.
let papersByID = Dictionary(try DemoDataset.papers().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
let vectorFile = try DemoVectors.decode(Data(contentsOf: DemoVectors.url!))
let vectors = Dictionary(vectorFile.entries.filter { papersByID[$0.id] != nil }.map { ($0.id, Recommendation.unit($0.vector)) },
                         uniquingKeysWith: { first, _ in first })
let corpus = papersByID.values.filter { vectors[$0.id] != nil }.sorted { $0.id.rawValue < $1.id.rawValue }
print("corpus: \(corpus.count) demo papers with vectors (\(vectorFile.header.model))")

// Users: authors with enough papers; the newest two (first arXiv version, then listing day) are held out.
struct User {
    let name: String
    let train: [PaperID]
    let test: [PaperID]
}
var byAuthor: [String: [Paper]] = [:]
for paper in corpus {
    for author in Set(paper.authors.map(\.name)) { byAuthor[author, default: []].append(paper) }
}
func age(_ paper: Paper) -> (Date, String) {
    (paper.publishedAt ?? paper.listedOn?.start ?? .distantPast, paper.id.rawValue)
}
let authors = byAuthor.filter { $0.value.count >= minPapers }.sorted { $0.key < $1.key }
let step = max(1, Int((Double(authors.count) / Double(min(maxUsers, authors.count))).rounded(.up)))
let users: [User] = stride(from: 0, to: authors.count, by: step).map { authors[$0] }.map { name, papers in
    let ordered = papers.sorted { age($0) < age($1) }
    return User(name: name, train: ordered.dropLast(2).map(\.id), test: ordered.suffix(2).map(\.id))
}
print("users: \(users.count) of the \(authors.count) authors with at least \(minPapers) papers (every \(step)th by name; "
    + "--users all for every one); each trains on all but their newest 2\n")

/// Recall@k and nDCG@k of `ranked` (best first) against the held-out papers.
func quality(_ ranked: [PaperID], _ user: User) -> (recall: Double, ndcg: Double) {
    let relevant = Set(user.test)
    var dcg = 0.0
    for (rank, id) in ranked.prefix(k).enumerated() where relevant.contains(id) { dcg += 1 / log2(Double(rank) + 2) }
    let ideal = (0..<min(relevant.count, k)).reduce(0.0) { $0 + 1 / log2(Double($1) + 2) }
    let found = ranked.prefix(k).filter(relevant.contains).count
    return (Double(found) / Double(relevant.count), ideal > 0 ? dcg / ideal : 0)
}

struct Row {
    let method: String
    var recall = 0.0
    var ndcg = 0.0
    /// Train + rank, per user; `nil` for a part of a model trained for another row.
    var milliseconds: Double?
}

// Every paper's features, read by the same code as the product's (`PaperFeatures`, `PaperTerms`).
let position = Dictionary(uniqueKeysWithValues: corpus.enumerated().map { ($1.id, $0) })
let features = corpus.map { PaperFeatures(paper: $0, vector: vectors[$0.id]!) }

/// `count` corpus positions outside the user's training papers, drawn the same way in every run for `user`.
func background(for user: User, count: Int) -> [Int] {
    var random = SeededRandom(seed: fnv1a64(user.name))
    let training = Set(user.train.map { position[$0]! })
    let pool = corpus.indices.filter { !training.contains($0) }
    return (0..<min(count, pool.count)).map { _ in pool.randomElement(using: &random)! }
}

/// The corpus outside `user`'s training papers, best first by `score`, the first k.
func ranking(_ user: User, _ score: (Int) -> Float) -> [PaperID] {
    let training = Set(user.train.map { position[$0]! })
    let scored = corpus.indices.filter { !training.contains($0) }.map { ($0, score($0)) }
    return scored.sorted { $0.1 > $1.1 }.prefix(k).map { corpus[$0.0].id }
}

/// One blended model per user (the product's `BlendedRecommender`); each row ranks by it at a
/// blend weight or by one of its parts.
func blendedRows() async -> [Row] {
    let weights: [Float] = [0.5, 1, 1.5, 2, 3]
    let defaults = BlendedRecommender.Options()
    var blendRows = weights.map { Row(method: "PaperFeed blend, lexical weight \($0)\($0 == defaults.lexicalWeight ? " (default)" : "")") }
    var rows = [
        Row(method: "  its lexical half alone: logistic regression on tf-idf 1-2-grams"),
        Row(method: "  its vector half alone: logistic regression on MiniLM + nearest saved paper (before)"),
        Row(method: "    logistic regression on MiniLM alone"),
        Row(method: "    nearest saved paper alone"),
        Row(method: "  centroid of the saved papers (cosine)"),
    ]
    var trainingMilliseconds = 0.0, rankingMilliseconds = 0.0
    for user in users {
        let started = ContinuousClock.now
        let wanted = user.train.map { features[position[$0]!] }
        var words: [UInt64: String] = [:]
        for id in user.train { words.merge(PaperTerms.words(PaperTerms.text(of: corpus[position[id]!]))) { first, _ in first } }
        var model = BlendedRecommender().train(wanted: wanted, background: background(for: user, count: backgroundSize).map { features[$0] },
                                               words: words)!
        trainingMilliseconds += Recommendation.milliseconds(since: started)
        let centroid = Recommendation.unit(wanted.reduce(into: [Float](repeating: 0, count: 384)) {
            for d in 0..<$0.count { $0[d] += $1.vector[d] }
        })
        let parts: [(Int) -> Float] = [
            { model.lexical.score(features[$0].terms) },
            { model.vector.score(features[$0].vector) },
            { Recommendation.dot(model.vector.weights, features[$0].vector) },
            { model.vector.nearestWanted(features[$0].vector).similarity },
            { Recommendation.dot(centroid, features[$0].vector) },
        ]
        for (index, weight) in weights.enumerated() {
            model.lexicalWeight = weight
            let ranked = await Recommendation.milliseconds { ranking(user) { model.score(features[$0]) } }
            if weight == defaults.lexicalWeight { rankingMilliseconds += ranked.milliseconds }
            blendRows[index].add(quality(ranked.value, user), of: users.count)
        }
        for (index, score) in parts.enumerated() { rows[index].add(quality(ranking(user, score), user), of: users.count) }
    }
    if let chosen = weights.firstIndex(of: defaults.lexicalWeight) {
        blendRows[chosen].milliseconds = (trainingMilliseconds + rankingMilliseconds) / Double(users.count)
    }
    print("blended model: training \(Recommendation.format(trainingMilliseconds / Double(users.count), 1)) ms per user "
        + "(\(backgroundSize) background papers), ranking \(corpus.count) papers "
        + "\(Recommendation.format(rankingMilliseconds / Double(users.count), 1)) ms")
    return blendRows + rows
}

/// arxiv-sanity-lite's method on the same splits, or `nil` when `baseline.py` fails.
func baselineRow() throws -> Row? {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recommend-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let splitsFile = folder.appendingPathComponent("splits.json"), rankingsFile = folder.appendingPathComponent("rankings.json")
    let splits: [String: Any] = [
        "k": k,
        "corpus": corpus.map { ["id": $0.id.rawValue, "text": $0.title + " " + $0.abstract] },
        "users": users.map { ["name": $0.name, "train": $0.train.map(\.rawValue), "test": $0.test.map(\.rawValue)] },
    ]
    try JSONSerialization.data(withJSONObject: splits).write(to: splitsFile)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("baseline.py").path,
                         splitsFile.path, rankingsFile.path]
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus == 0,
       let rankings = try JSONSerialization.jsonObject(with: Data(contentsOf: rankingsFile)) as? [String: Any] {
        var row = Row(method: "arxiv-sanity-lite: tf-idf + LinearSVC(C=0.01), same splits")
        for user in users { row.add(quality(((rankings[user.name] as? [String]) ?? []).map(PaperID.init(rawValue:)), user), of: users.count) }
        row.milliseconds = ((rankings["_seconds"] as? Double) ?? 0) * 1000 / Double(users.count)
        return row
    }
    print("baseline.py failed (status \(process.terminationStatus)); is scikit-learn installed for \(python)?")
    return nil
}

if only != "latency" {
    let blended = await blendedRows()
    let rows = try blended + (baselineRow().map { [$0] } ?? [])
    print("| method | recall@\(k) | nDCG@\(k) | ms per user (train + rank \(corpus.count)) |")
    print("|---|---|---|---|")
    for row in rows {
        let milliseconds = row.milliseconds.map { Recommendation.format($0, 1) } ?? "(same training)"
        print("| \(row.method) | \(Recommendation.format(row.recall, 3)) | \(Recommendation.format(row.ndcg, 3)) | \(milliseconds) |")
    }
}

// The request path at `indexSize` papers, through a real store.
if only != "quality" {
    try await RequestLatency(corpus: corpus, vectors: vectors, model: vectorFile.header.model, size: indexSize).run()
}
