import Foundation

/// Published nDCG@10 on BEIR's test sets, to print beside PaperFeed's own: BM25 from the BEIR
/// paper (Thakur et al., NeurIPS 2021, table 2) and all-MiniLM-L6-v2 from the MTEB leaderboard
/// (Muennighoff et al., 2023). Matched by the dataset folder's name.
enum PublishedRetrievalScores {
    static let bm25: [String: Double] = [
        "trec-covid": 0.656, "nfcorpus": 0.325, "nq": 0.329, "hotpotqa": 0.603, "fiqa": 0.236,
        "arguana": 0.315, "webis-touche2020": 0.367, "cqadupstack": 0.299, "quora": 0.789,
        "dbpedia-entity": 0.313, "scidocs": 0.158, "fever": 0.753, "climate-fever": 0.213, "scifact": 0.665,
    ]

    static let miniLM: [String: Double] = [
        "trec-covid": 0.473, "nfcorpus": 0.316, "nq": 0.439, "hotpotqa": 0.465, "fiqa": 0.369,
        "arguana": 0.502, "webis-touche2020": 0.169, "cqadupstack": 0.413, "quora": 0.876,
        "dbpedia-entity": 0.323, "scidocs": 0.216, "fever": 0.519, "climate-fever": 0.203, "scifact": 0.645,
    ]

    /// A line naming both figures for the set in `folder`, or `nil` for a set not listed.
    static func forDataset(at folder: String) -> String? {
        let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent.lowercased()
        guard let bm25 = bm25[name], let miniLM = miniLM[name] else { return nil }
        return "published nDCG@10 on \(name): BM25 " + String(format: "%.3f", bm25)
            + " (BEIR paper), all-MiniLM-L6-v2 " + String(format: "%.3f", miniLM) + " (MTEB)"
    }
}
