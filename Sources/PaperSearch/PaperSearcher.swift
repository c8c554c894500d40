import PaperCore

/// How a search ranks papers.
public enum SearchMode: String, CaseIterable, Sendable {
    /// BM25 over title, authors and abstract.
    case keyword
    /// Nearest in meaning, by the embedding model.
    case semantic
    /// Both, fused (`HybridFusion`; the default).
    case hybrid
}

/// Search in every mode, with fielded filters honoured in each. Without a model (`semantic`
/// is `nil`) every mode answers by keyword and says so in `SearchOutcome.mode`.
public struct PaperSearcher: Sendable {
    public let repository: any PaperRepository
    public let semantic: SemanticSearch?
    /// How many results semantic and hybrid rankings consider.
    public var depth = 100
    /// How hybrid mode merges the two rankings.
    public var fusion = HybridFusion.standard

    public init(repository: any PaperRepository, semantic: SemanticSearch?) {
        self.repository = repository
        self.semantic = semantic
    }

    public func search(_ query: SearchQuery, mode requested: SearchMode, limit: Int, offset: Int) async throws -> SearchOutcome {
        let meaning = SemanticQuery(query)
        let named = requested == .semantic && semantic != nil ? nil : ExactHit(query)
        guard requested != .keyword, let semantic, meaning.hasText else {
            guard let named else {
                return SearchOutcome(page: try await repository.search(query, limit: limit, offset: offset), mode: .keyword)
            }
            return SearchOutcome(page: try await keywordPage(query, naming: named, limit: limit, offset: offset), mode: .keyword)
        }
        let nearest = try await semanticRanking(meaning, semantic)
        var ranked: [HybridFusion.Fused]
        let known: [PaperID: Paper]
        if requested == .semantic {
            ranked = nearest.map { HybridFusion.Fused(id: $0.id, score: Double($0.score), match: nil) }
            known = [:]
        } else {
            let keyword = try await repository.search(query, limit: depth, offset: 0)
            let namedPaper = try await named?.paper(in: repository, among: keyword.hits)
            ranked = fusion.fuse(keyword: keyword.hits.map { ($0.paper.id, $0.score) },
                                 semantic: nearest.map { ($0.id, Double($0.score)) })
            if let namedPaper {
                let match = ranked.first { $0.id == namedPaper.id }?.match ?? SearchMatch(words: false, meaning: false)
                ranked = [HybridFusion.Fused(id: namedPaper.id, score: (ranked.first?.score ?? 0) + 1, match: match)]
                    + ranked.filter { $0.id != namedPaper.id }
            }
            let papers = keyword.hits.map(\.paper) + (namedPaper.map { [$0] } ?? [])
            known = Dictionary(papers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let window = Array(ranked.dropFirst(offset).prefix(limit))
        let missing = window.map(\.id).filter { known[$0] == nil }
        let fetched = Dictionary(try await repository.papers(ids: missing).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let hits = window.compactMap { item in
            (known[item.id] ?? fetched[item.id]).map { SearchHit(paper: $0, score: item.score, match: item.match) }
        }
        return SearchOutcome(page: SearchPage(hits: hits, total: ranked.count), mode: requested)
    }

    /// A keyword page with the paper the query names (an arXiv id, a quoted title) first.
    private func keywordPage(_ query: SearchQuery, naming named: ExactHit, limit: Int, offset: Int) async throws -> SearchPage {
        let page = try await repository.search(query, limit: max(offset + limit, depth), offset: 0)
        guard let paper = try await named.paper(in: repository, among: page.hits) else {
            return SearchPage(hits: Array(page.hits.dropFirst(offset).prefix(limit)), total: page.total,
                              totalWithAllWords: page.totalWithAllWords, moreThanTotal: page.moreThanTotal)
        }
        let others = page.hits.filter { $0.paper.id != paper.id }
        let wasMatched = others.count < page.hits.count
        let ranked = [SearchHit(paper: paper, score: (page.hits.first?.score ?? 0) + 1)] + others
        return SearchPage(hits: Array(ranked.dropFirst(offset).prefix(limit)), total: page.total + (wasMatched || page.moreThanTotal ? 0 : 1),
                          totalWithAllWords: page.totalWithAllWords, moreThanTotal: page.moreThanTotal)
    }

    /// The `depth` nearest papers that pass the query's filters.
    private func semanticRanking(_ meaning: SemanticQuery, _ semantic: SemanticSearch) async throws -> [(id: PaperID, score: Float)] {
        guard meaning.filters else { return try await semantic.nearest(to: meaning.text, limit: depth) }
        // Filters need the papers: look further, then keep those that pass.
        let candidates = try await semantic.nearest(to: meaning.text, limit: depth * 5)
        let papers = try await repository.papers(ids: candidates.map(\.id))
        let passing = Set(papers.filter(meaning.admits).map(\.id))
        return Array(candidates.filter { passing.contains($0.id) }.prefix(depth))
    }

    /// Papers like `paper`: by meaning when its vector is known, else by its distinctive words.
    public func similar(to paper: Paper, limit: Int) async throws -> [Paper] {
        if let semantic {
            let nearest = try await semantic.similar(to: paper.id, limit: limit)
            if !nearest.isEmpty { return try await repository.papers(ids: nearest.map(\.id)) }
        }
        return try await SimilarPapers.find(like: paper, in: repository, limit: limit)
    }
}

/// A page of results and the mode that produced it.
public struct SearchOutcome: Sendable {
    public var page: SearchPage
    public var mode: SearchMode
}
