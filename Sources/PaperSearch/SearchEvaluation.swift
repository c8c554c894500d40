import Foundation
import PaperCore

/// Measures ranking quality on queries with known answers: nDCG@10, Recall@10 and MRR for each
/// search mode, side by side.
public struct SearchEvaluation: Sendable {
    /// One query and the ids of the papers that answer it.
    public struct Judgment: Codable, Sendable {
        public var query: String
        public var relevant: [String]
        public var kind: String?
        /// How relevant each paper is (1, 2, …) where judges graded them, as TREC and BEIR do;
        /// without grades every relevant paper counts 1.
        public var grades: [String: Int]?

        public init(query: String, relevant: [String], kind: String? = nil, grades: [String: Int]? = nil) {
            self.query = query
            self.relevant = relevant
            self.kind = kind
            self.grades = grades
        }

        /// The gain of a paper at a rank: its grade, 1 when ungraded, 0 when not relevant.
        func gain(_ id: String) -> Double {
            guard relevant.contains(id) else { return 0 }
            return Double(grades?[id] ?? 1)
        }
    }

    public struct Scores: Sendable {
        public var mode: SearchMode
        public var ndcg10: Double
        public var recall10: Double
        public var mrr: Double
        public var queries: Int
    }

    public let searcher: PaperSearcher
    public let cutoff = 10

    public init(searcher: PaperSearcher) {
        self.searcher = searcher
    }

    /// The judgments shipped with PaperFeed: 150 queries built from the demo papers (two of a
    /// paper's AI keywords, or its one-sentence summary without the method's name), and 146
    /// questions, claims and short topics written as people type them (`kind` "question",
    /// "claim" or "topic"), paraphrased rather than copied, each judged by reading titles and
    /// abstracts (the 110 written last were chosen and judged without running any search).
    public static func bundledJudgments() throws -> [Judgment] {
        guard let url = Bundle.module.url(forResource: "eval-queries", withExtension: "jsonl") else { return [] }
        return try judgments(from: Data(contentsOf: url))
    }

    public static func judgments(from data: Data) throws -> [Judgment] {
        try data.split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }.map {
            try JSONDecoder().decode(Judgment.self, from: $0)
        }
    }

    public func run(_ judgments: [Judgment], modes: [SearchMode]) async throws -> [Scores] {
        var results: [Scores] = []
        for mode in modes {
            var ndcg = 0.0, recall = 0.0, mrr = 0.0, count = 0
            for judgment in judgments {
                guard let query = try? QueryParser.parseLeniently(judgment.query).query else { continue }
                let ranked = try await searcher.search(query, mode: mode, limit: cutoff, offset: 0).page.hits.map(\.paper.id.rawValue)
                let relevant = Set(judgment.relevant)
                ndcg += Self.ndcg(ranked, judgment)
                recall += Double(ranked.filter(relevant.contains).count) / Double(max(relevant.count, 1))
                mrr += ranked.firstIndex(where: relevant.contains).map { 1 / Double($0 + 1) } ?? 0
                count += 1
            }
            let n = Double(max(count, 1))
            results.append(Scores(mode: mode, ndcg10: ndcg / n, recall10: recall / n, mrr: mrr / n, queries: count))
        }
        return results
    }

    /// nDCG of a ranked list with linear gains (each paper's grade), as `trec_eval` and BEIR
    /// compute it; with no grades, binary relevance.
    static func ndcg(_ ranked: [String], _ judgment: Judgment) -> Double {
        let dcg = ranked.enumerated().reduce(0.0) { sum, item in
            sum + judgment.gain(item.element) / log2(Double(item.offset + 2))
        }
        let best = judgment.relevant.map(judgment.gain).sorted(by: >).prefix(10)
        let ideal = best.enumerated().reduce(0.0) { $0 + $1.element / log2(Double($1.offset + 2)) }
        return ideal > 0 ? dcg / ideal : 0
    }
}
