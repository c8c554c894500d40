import PaperCore
import PaperSearch
import Testing

/// How hybrid search merges the keyword and semantic rankings, and says which found each paper.
@Suite struct HybridFusionTests {
    static func ranking(_ items: [(String, Double)]) -> HybridFusion.Ranking {
        items.map { (PaperID(rawValue: $0.0), $0.1) }
    }

    static func ids(_ fused: [HybridFusion.Fused]) -> [String] { fused.map(\.id.rawValue) }

    @Test func reciprocalRankFusionRewardsPapersBothListsFind() {
        let fused = HybridFusion.reciprocalRank(k: 60).fuse(keyword: Self.ranking([("a", 9), ("b", 8), ("c", 7)]),
                                                           semantic: Self.ranking([("c", 0.9), ("d", 0.8), ("a", 0.7)]))
        #expect(Self.ids(fused).prefix(2) == ["a", "c"])
        #expect(Set(Self.ids(fused)) == ["a", "b", "c", "d"])
    }

    /// Scores, not only ranks: a paper far ahead by its words stays ahead of one the meaning
    /// ranks first by a hair.
    @Test func aConvexCombinationKeepsAClearWinnersLead() {
        let keyword = Self.ranking([("exact", 30), ("near", 4), ("far", 3)])
        let semantic = Self.ranking([("near", 0.62), ("exact", 0.61), ("other", 0.30)])
        #expect(Self.ids(HybridFusion.convex(keywordWeight: 0.5).fuse(keyword: keyword, semantic: semantic)).first == "exact")
        // Weighted all to meaning, the semantic order stands.
        #expect(Self.ids(HybridFusion.convex(keywordWeight: 0).fuse(keyword: keyword, semantic: semantic)).prefix(2) == ["near", "exact"])
    }

    /// The keyword list puts papers with every word first whatever their BM25: normalising
    /// keeps that order instead of letting a higher-scoring partial match jump ahead.
    @Test func theKeywordListsOrderIsKept() {
        let keyword = Self.ranking([("all-words", 5), ("some-words", 9), ("few-words", 1)])
        let fused = HybridFusion.convex(keywordWeight: 1).fuse(keyword: keyword, semantic: [])
        #expect(Self.ids(fused) == ["all-words", "some-words", "few-words"])
    }

    @Test func eachResultSaysWhichRankingFoundIt() {
        let fused = HybridFusion.standard.fuse(keyword: Self.ranking([("a", 2), ("b", 1)]), semantic: Self.ranking([("b", 0.9), ("c", 0.5)]))
        let matches = Dictionary(uniqueKeysWithValues: fused.map { ($0.id.rawValue, $0.match?.description ?? "") })
        #expect(matches == ["a": "words", "b": "words and meaning", "c": "meaning"])
    }
}
