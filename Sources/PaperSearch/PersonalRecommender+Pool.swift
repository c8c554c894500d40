import PaperCore

/// A paper in a recommendation request's pool, with what the model reads of it.
struct PooledPaper {
    let id: PaperID
    let vector: [Float]
    let features: PaperFeatures
}

extension PersonalRecommender {
    /// The papers a request scores, none in `excluded` and, when `candidates` (none of them
    /// excluded) is given, only those: up to `size` best aligned with the vector model's direction (the vector index),
    /// and up to `size` that use the lexical model's most wanted words (`LexicalModel.topWords`).
    /// Among a period's `candidates` the latter are found in the candidates' kept term counts
    /// (`TermCountCache`) and ranked by the lexical model; among every paper, by a keyword search
    /// (the store's BM25). No paper row is read for papers already counted. Papers without a
    /// stored vector are left out.
    func pool(for model: BlendedModel, among candidates: [PaperID]?, excluding excluded: Set<PaperID>,
              size: Int) async throws -> [PooledPaper] {
        let aligned = try await semantic.ranked(by: model.vector.direction, among: candidates, excluding: excluded, limit: size)
        var counts: [PaperID: [UInt64: Float]]
        let ids: [PaperID]
        if let candidates {
            counts = try await models.termCounts.counts(of: candidates, read: read(knowing: []))
            ids = unique(aligned + model.lexical.mostWanted(among: counts, limit: size))
        } else {
            let found = try await keywordCandidates(for: model.lexical, size: size, excluded: excluded)
            ids = unique(aligned + found.map(\.id))
            counts = try await models.termCounts.counts(of: ids, read: read(knowing: found))
        }
        return try await semantic.storedVectors(ids).compactMap { item in
            counts[item.id].map { PooledPaper(id: item.id, vector: item.vector, features: PaperFeatures(vector: item.vector, terms: $0)) }
        }
    }

    /// Reads papers by id from the store, except those in `known`.
    private func read(knowing known: [Paper]) -> @Sendable ([PaperID]) async throws -> [Paper] {
        let known = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return { [repository] ids in
            let rest = ids.filter { known[$0] == nil }
            return ids.compactMap { known[$0] } + (rest.isEmpty ? [] : try await repository.papers(ids: rest))
        }
    }

    private func unique(_ ids: [PaperID]) -> [PaperID] {
        var seen = Set<PaperID>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// Up to `size` papers outside `excluded` that a keyword search for any of the model's most
    /// wanted words ranks best. The saved papers use those words most, so the search asks for
    /// as many more as are excluded (within a bound: a large library gives fewer).
    private func keywordCandidates(for model: LexicalModel, size: Int, excluded: Set<PaperID>) async throws -> [Paper] {
        guard !model.topWords.isEmpty else { return [] }
        let query = SearchQuery(text: .any(model.topWords.map { QueryNode.words($0, field: nil, prefix: false) }))
        let hits = try await repository.search(query, limit: size + min(excluded.count, 4 * size), offset: 0).hits
        return Array(hits.map(\.paper).filter { !excluded.contains($0.id) }.prefix(size))
    }
}
