import PaperCore

/// How hybrid search merges the keyword and semantic rankings into one.
public enum HybridFusion: Sendable, Hashable, CustomStringConvertible {
    /// Reciprocal-rank fusion: each list gives `1 / (k + rank)`; only ranks count.
    case reciprocalRank(k: Double)
    /// A convex combination of scores normalised to 0…1 within each list (min–max; a paper
    /// missing from a list scores 0 there): `keywordWeight · words + (1 − keywordWeight) · meaning`.
    /// Unlike ranks, scores keep how far ahead a clear winner is.
    case convex(keywordWeight: Double)

    /// The fusion hybrid search uses, chosen by `paperfeed eval --compare-fusion` (README, "Search quality").
    public static let standard = HybridFusion.convex(keywordWeight: 0.5)

    public var description: String {
        switch self {
        case let .reciprocalRank(k): "rrf k=\(Int(k))"
        case let .convex(weight): "convex α=\(weight)"
        }
    }

    /// One ranking to fuse: ids best first, with their scores (higher is better).
    public typealias Ranking = [(id: PaperID, score: Double)]

    /// A fused result and the lists that found it (`nil` outside hybrid mode).
    public struct Fused: Sendable {
        public var id: PaperID
        public var score: Double
        public var match: SearchMatch?
    }

    /// Merges the keyword and semantic rankings, best first; ties go to the smaller id.
    public func fuse(keyword: Ranking, semantic: Ranking) -> [Fused] {
        let (words, meaning) = (contributions(keyword), contributions(semantic))
        var fused: [PaperID: Fused] = [:]
        for (id, value) in words { fused[id] = Fused(id: id, score: value * weights.keyword, match: SearchMatch(words: true, meaning: false)) }
        for (id, value) in meaning {
            fused[id, default: Fused(id: id, score: 0, match: SearchMatch(words: false, meaning: false))].score += value * weights.semantic
            fused[id]?.match?.meaning = true
        }
        return fused.values.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
    }

    private var weights: (keyword: Double, semantic: Double) {
        switch self {
        case .reciprocalRank: (1, 1)
        case let .convex(weight): (weight, 1 - weight)
        }
    }

    /// What each paper of `ranking` adds before weighting.
    private func contributions(_ ranking: Ranking) -> [(PaperID, Double)] {
        switch self {
        case let .reciprocalRank(k):
            return ranking.enumerated().map { ($1.id, 1 / (k + Double($0 + 1))) }
        case .convex:
            guard let top = ranking.map(\.score).max(), let bottom = ranking.map(\.score).min() else { return [] }
            let span = top - bottom
            // Never above the paper ranked before it: the keyword list puts papers with all the
            // words first whatever their BM25, and that order is kept.
            var ceiling = 1.0
            return ranking.map { item in
                ceiling = min(ceiling, span > 0 ? (item.score - bottom) / span : 1)
                return (item.id, ceiling)
            }
        }
    }
}
