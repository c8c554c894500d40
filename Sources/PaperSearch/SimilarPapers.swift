import PaperCore

/// "More like this" by keywords: the distinctive words of a paper's title and keywords, any of
/// which may match, ranked by BM25. Semantic similarity can replace it behind the same call.
public enum SimilarPapers {
    /// Up to `limit` papers like `paper`, never `paper` itself.
    public static func find(like paper: Paper, in repository: any PaperRepository, limit: Int = 5) async throws -> [Paper] {
        guard let query = query(for: paper) else { return [] }
        let page = try await repository.search(query, limit: limit + 1, offset: 0)
        return Array(page.hits.map(\.paper).filter { $0.id != paper.id }.prefix(limit))
    }

    static func query(for paper: Paper) -> SearchQuery? {
        var seen: Set<String> = []
        let words = (paper.title + " " + paper.aiKeywords.joined(separator: " "))
            .split { !$0.isLetter && !$0.isNumber }
            .map { $0.lowercased() }
            .filter { $0.count >= 4 && !stopWords.contains($0) && seen.insert($0).inserted }
            .prefix(10)
        guard !words.isEmpty else { return nil }
        return SearchQuery(text: .any(words.map { .words($0, field: nil, prefix: false) }))
    }

    private static let stopWords: Set<String> = [
        "with", "from", "into", "that", "this", "towards", "toward", "using", "via", "their", "what", "when",
        "where", "which", "through", "based", "learning", "model", "models", "approach", "method", "methods",
        "large", "language", "paper", "study", "analysis", "data", "deep", "neural", "network", "networks",
    ]
}
