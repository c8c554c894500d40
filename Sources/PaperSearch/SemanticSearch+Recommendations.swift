import PaperCore

/// What recommendations need of semantic search: stored vectors by id, a sample of other
/// papers' vectors to train against, and candidates ranked by a model's direction.
extension SemanticSearch {
    /// The stored vectors of `ids` (papers without one are left out), in the order of `ids`.
    public func storedVectors(_ ids: [PaperID]) async throws -> [PaperVector] {
        guard !ids.isEmpty else { return [] }
        let found = Dictionary(try await vectors.vectors(ids: ids, model: embedder.modelName).map { ($0.id, $0.vector) },
                               uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in found[id].map { PaperVector(id: id, vector: $0) } }
    }

    /// The stored vectors of up to `count` papers not in `excluded`, drawn by `seed` (the same
    /// papers for the same seed and index). A store that searches itself (pgvector) holds no ids
    /// here: it gives the first papers in id order instead.
    public func backgroundVectors(count: Int, seed: UInt64, excluding excluded: Set<PaperID>) async throws -> [PaperVector] {
        guard count > 0 else { return [] }
        if native != nil {
            return Array(try await vectors.vectors(model: embedder.modelName, after: nil, limit: count + excluded.count)
                .filter { !excluded.contains($0.id) }.prefix(count))
        }
        let ids = index.withLock { $0.ids }
        var chosen: [PaperID] = []
        if ids.count - excluded.count <= count {
            chosen = ids.filter { !excluded.contains($0) }
        } else {
            var state = seed, picked = Set<Int>()
            // Draws until enough distinct papers outside the library; bounded, since most of the index qualifies.
            for _ in 0..<(count * 4) where chosen.count < count {
                state = state &+ 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                let index = Int((z ^ (z >> 31)) % UInt64(ids.count))
                if !excluded.contains(ids[index]), picked.insert(index).inserted { chosen.append(ids[index]) }
            }
        }
        return try await storedVectors(chosen)
    }

    /// The papers best aligned with `direction` (a unit vector), best first, by approximate
    /// cosine: among `candidates` when given (each of them scored from the index's int8 codes),
    /// else among every paper, by the index's nearest-neighbour search. `excluded` never appear.
    public func ranked(by direction: [Float], among candidates: [PaperID]?, excluding excluded: Set<PaperID>,
                       limit: Int) async throws -> [PaperID] {
        guard let candidates else {
            return try await nearest(toVector: direction, limit: limit, where: { !excluded.contains($0) }).map(\.id)
        }
        let allowed = candidates.filter { !excluded.contains($0) }
        if native != nil {
            // No index in this process: the candidates' exact vectors, scored here.
            let scored = try await storedVectors(allowed).map { ($0.id, PlainVectorMath.dot($0.vector, direction)) }
            return scored.sorted { $0.1 > $1.1 }.prefix(limit).map(\.0)
        }
        // Under the lock, as `nearest(toVector:)` does and for the same reason.
        return index.withLock { $0.nearest(to: direction, limit: limit, among: allowed) }.map(\.id)
    }
}
