// Recommendation quality and speed (issue 14), in one run:
// - users built from real data: every author (name as written) with at least `--min-papers`
//   demo papers; each trains on all but their newest two papers, the rest of the corpus is
//   ranked, and where the two held-out papers land gives recall@50 and nDCG@50;
// - PaperFeed's `Recommender` (logistic regression on the shipped MiniLM vectors, plus the
//   nearest saved paper) and its parts, beside arxiv-sanity-lite's method on the same splits
//   (`baseline.py`: tf-idf + LinearSVC(C=0.01), scikit-learn);
// - the time to train a model and to rank `--size` papers with it through the vector index.
// Usage: recommend-bench --python PATH [--min-papers 6] [--users 500|all] [--background 2000] [--size 100000]
import BenchmarkSupport
import Foundation
import PaperCore
import PaperIngest
import PaperSearch

let minPapers = Bench.option("--min-papers").flatMap(Int.init) ?? 6
let backgroundSize = Bench.option("--background").flatMap(Int.init) ?? 2_000
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
    var milliseconds = 0.0
}

/// Ranks the corpus for every user with `score` (built per user by `model`) and averages the quality.
func evaluate(_ method: String, _ model: (User) -> ((PaperID) -> Float)) -> Row {
    var row = Row(method: method)
    let started = ContinuousClock.now
    for user in users {
        let score = model(user)
        let training = Set(user.train)
        let ranked = corpus.lazy.map(\.id).filter { !training.contains($0) }
            .map { ($0, score($0)) }.sorted { $0.1 > $1.1 }.prefix(k).map(\.0)
        let (recall, ndcg) = quality(Array(ranked), user)
        row.recall += recall
        row.ndcg += ndcg
    }
    row.milliseconds = Recommendation.milliseconds(since: started) / Double(users.count)
    row.recall /= Double(users.count)
    row.ndcg /= Double(users.count)
    return row
}

/// `count` papers not in `excluded`, drawn the same way in every run for `user`.
func background(for user: User, count: Int) -> [[Float]] {
    var random = SeededRandom(seed: fnv1a64(user.name))
    let training = Set(user.train)
    let pool = corpus.filter { !training.contains($0.id) }
    return (0..<min(count, pool.count)).map { _ in vectors[pool.randomElement(using: &random)!.id]! }
}

func recommender(_ options: Recommender.Options) -> (User) -> ((PaperID) -> Float) {
    { user in
        let model = Recommender(options: options)
            .train(wanted: user.train.map { vectors[$0]! }, background: background(for: user, count: backgroundSize))!
        return { model.score(vectors[$0]!) }
    }
}

var rows: [Row] = []
rows.append(evaluate("PaperFeed: logistic regression + nearest saved paper (default)", recommender(Recommender.Options())))
var linearOnly = Recommender.Options()
linearOnly.nearestWeight = 0
rows.append(evaluate("  its logistic regression alone", recommender(linearOnly)))
rows.append(evaluate("  its nearest saved paper alone") { user in
    let wanted = user.train.map { vectors[$0]! }
    return { id in wanted.map { Recommendation.dot($0, vectors[id]!) }.max() ?? 0 }
})
rows.append(evaluate("  centroid of the saved papers (cosine)") { user in
    let centroid = Recommendation.unit(user.train.map { vectors[$0]! }.reduce(into: [Float](repeating: 0, count: 384)) {
        for d in 0..<$0.count { $0[d] += $1[d] }
    })
    return { Recommendation.dot(centroid, vectors[$0]!) }
})

// arxiv-sanity-lite's method on the same splits.
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
    for user in users {
        let (recall, ndcg) = quality(((rankings[user.name] as? [String]) ?? []).map(PaperID.init(rawValue:)), user)
        row.recall += recall / Double(users.count)
        row.ndcg += ndcg / Double(users.count)
    }
    row.milliseconds = ((rankings["_seconds"] as? Double) ?? 0) * 1000 / Double(users.count)
    rows.append(row)
} else {
    print("baseline.py failed (status \(process.terminationStatus)); is scikit-learn installed for \(python)?")
}

print("| method | recall@\(k) | nDCG@\(k) | ms per user (train + rank \(corpus.count)) |")
print("|---|---|---|---|")
for row in rows {
    print("| \(row.method) | \(Recommendation.format(row.recall, 3)) | \(Recommendation.format(row.ndcg, 3)) | \(Recommendation.format(row.milliseconds, 1)) |")
}

// Speed at `indexSize` papers: train once (20 saved papers), then rank through the vector index.
var random = SeededRandom(seed: 14)
var index = VectorIndex(dimensions: 384)
var synthetic: [PaperVector] = []
for i in 0..<indexSize {
    let vector = Recommendation.unit((0..<384).map { _ in Float.random(in: -1...1, using: &random) })
    synthetic.append(PaperVector(id: PaperID(rawValue: "s\(i)"), vector: vector))
}
index.insert(synthetic)
let wanted = (0..<20).map { synthetic[($0 * 97) % indexSize].vector }
let trainingStarted = ContinuousClock.now
let model = Recommender().train(wanted: wanted, background: (0..<backgroundSize).map { synthetic[($0 * 31 + 7) % indexSize].vector })!
let trainingMilliseconds = Recommendation.milliseconds(since: trainingStarted)
var times: [Double] = []
for _ in 0..<200 {
    let started = ContinuousClock.now
    let candidates = index.nearest(to: model.direction, limit: 200)
    _ = candidates.map { ($0.id, model.score(synthetic[Int($0.id.rawValue.dropFirst())!].vector)) }.sorted { $0.1 > $1.1 }.prefix(50)
    times.append(Recommendation.milliseconds(since: started))
}
times.sort()
print("\nat \(indexSize.formatted()) papers: training \(Recommendation.format(trainingMilliseconds, 1)) ms (20 saved, \(backgroundSize) background); "
    + "a recommendation request (index top 200, re-scored, best 50): p50 \(Recommendation.format(times[100], 2)) ms, "
    + "p99 \(Recommendation.format(times[197], 2)) ms")
