import ArgumentParser
import Foundation
import PaperCore
import PaperSearch

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure search quality: nDCG@10, Recall@10 and MRR for keyword, semantic and hybrid.",
        discussion: """
            Queries are JSON lines {"query": "...", "relevant": ["<paper id>", ...]}. Without --queries, \
            the 296 bundled queries over the demo papers are used: 150 made from the papers' keywords and \
            summaries, and 146 questions, claims and topics written as people type them (--subset natural \
            scores those alone). Run on a store of the demo papers (import --demo brings their vectors).

            --beir DIR scores a public retrieval benchmark in BEIR's layout (corpus.jsonl, queries.jsonl, \
            qrels/test.tsv) on a store holding its corpus: `paperfeed import DIR/corpus.jsonl`, then \
            `paperfeed embed`, into a database of its own (scripts/eval-beir.sh does all three, on both engines). \
            Published BM25 and all-MiniLM-L6-v2 figures are printed beside the known sets.
            """)

    @Option(help: "A JSON-lines file of queries with their relevant paper ids.")
    var queries: String?

    @Option(help: "A BEIR-format dataset folder whose judged queries to score (its corpus imported into --db).")
    var beir: String?

    @Option(help: "The BEIR qrels split to score (qrels/<split>.tsv).")
    var split = "test"

    @Option(help: "Which queries: all, natural (questions, claims and topics as people type them) or made (from the papers).")
    var subset = "all"

    @Option(help: "The modes to score, comma-separated: keyword, semantic, hybrid.")
    var modes = "keyword,semantic,hybrid"

    @Flag(help: "Also score hybrid mode under each fusion (reciprocal rank, and convex combinations of normalised scores).")
    var compareFusion = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions

    func run() async throws {
        let settings = try await Settings.load(overrides: [:])
        let all = try loadJudgments()
        let judgments: [SearchEvaluation.Judgment]
        switch subset {
        case "all": judgments = all
        case "natural": judgments = all.filter { Self.naturalKinds.contains($0.kind ?? "") }
        case "made": judgments = all.filter { !Self.naturalKinds.contains($0.kind ?? "") }
        default: throw CommandFailure("--subset is all, natural or made, not '\(subset)'")
        }
        guard !judgments.isEmpty else { throw CommandFailure("No queries to evaluate.") }
        let scored = try modes.split(separator: ",").map { name in
            guard let mode = SearchMode(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw CommandFailure("--modes takes keyword, semantic and hybrid, not '\(name)'")
            }
            return mode
        }
        let embedder = try model.require(settings)
        try await store.withStore { database, _ in
            let semantic = SemanticSearch(embedder: embedder, vectors: database)
            let loaded = try await semantic.load()
            let coverage = try await database.vectorCoverage(model: embedder.modelName)
            if loaded < coverage.papers {
                print("Note: only \(loaded) of \(coverage.papers) papers have vectors; run `paperfeed embed` first.")
            }
            let searcher = PaperSearcher(repository: database, semantic: semantic)
            if beir != nil { try await requireCorpus(of: judgments, in: database) }
            let scores = try await SearchEvaluation(searcher: searcher).run(judgments, modes: scored)
            print("mode                    nDCG@10  Recall@10  MRR@10  (\(judgments.count) queries)")
            for row in scores { Self.printRow(row.mode.rawValue + (row.mode == .hybrid ? " (\(searcher.fusion))" : ""), row) }
            if let beir, let published = PublishedRetrievalScores.forDataset(at: beir) { print(published) }
            guard compareFusion else { return }
            for fusion in Self.fusions {
                var variant = searcher
                variant.fusion = fusion
                for row in try await SearchEvaluation(searcher: variant).run(judgments, modes: [.hybrid]) {
                    Self.printRow("  \(fusion)", row)
                }
            }
        }
    }

    private func loadJudgments() throws -> [SearchEvaluation.Judgment] {
        if let beir {
            guard queries == nil else { throw CommandFailure("Give --beir or --queries, not both.") }
            return try SearchEvaluation.beirJudgments(in: URL(fileURLWithPath: beir), split: split)
        }
        return try queries.map { try SearchEvaluation.judgments(from: Data(contentsOf: URL(fileURLWithPath: $0))) }
            ?? SearchEvaluation.bundledJudgments()
    }

    /// Refuses a store that lacks the judged documents: every query would score 0.
    private func requireCorpus(of judgments: [SearchEvaluation.Judgment], in database: any PaperRepository) async throws {
        let judged = Set(judgments.flatMap(\.relevant)).sorted().prefix(50).map { PaperID(rawValue: $0) }
        guard try await !database.papers(ids: judged).isEmpty else {
            throw CommandFailure("The database holds none of the judged documents: import the corpus first "
                + "(paperfeed import --db … \(beir ?? "DIR")/corpus.jsonl, then paperfeed embed --db …).")
        }
    }

    /// The kinds of the queries written as people type them; the others are made from the papers.
    static let naturalKinds: Set<String> = ["question", "claim", "topic"]

    /// The fusions `--compare-fusion` scores.
    static let fusions: [HybridFusion] = [.reciprocalRank(k: 60)] + [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map { .convex(keywordWeight: $0) }

    static func printRow(_ label: String, _ row: SearchEvaluation.Scores) {
        Swift.print(label.padding(toLength: 24, withPad: " ", startingAt: 0)
            + String(format: "%.3f    %.3f      %.3f", row.ndcg10, row.recall10, row.mrr))
    }
}
