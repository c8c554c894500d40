/// The few vector operations the summarizer needs, on unit-length embeddings.
enum VectorMath {
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for index in 0..<min(a.count, b.count) { sum += a[index] * b[index] }
        return sum
    }

    /// The unit vector along the sum of `vectors` (their centroid's direction); empty for none.
    static func meanDirection(_ vectors: [[Float]]) -> [Float] {
        guard let first = vectors.first else { return [] }
        var sum = [Float](repeating: 0, count: first.count)
        for vector in vectors { for index in sum.indices { sum[index] += vector[index] } }
        let norm = dot(sum, sum).squareRoot()
        return norm > 0 ? sum.map { $0 / norm } : sum
    }

    /// Maximal Marginal Relevance: `count` items picked one by one, each maximising
    /// `(1 − diversity) · relevance − diversity · (highest similarity to an item already picked)`.
    static func maximalMarginalRelevance(
        relevance: [Float], vectors: [[Float]], count: Int, diversity: Float
    ) -> [Int] {
        var picked: [Int] = []
        var closest = [Float](repeating: -1, count: relevance.count)
        var remaining = Set(relevance.indices)
        while picked.count < count, !remaining.isEmpty {
            let best = remaining.max { a, b in
                let scoreA = (1 - diversity) * relevance[a] - diversity * (picked.isEmpty ? 0 : closest[a])
                let scoreB = (1 - diversity) * relevance[b] - diversity * (picked.isEmpty ? 0 : closest[b])
                return scoreA < scoreB || (scoreA == scoreB && a > b)
            }!
            picked.append(best)
            remaining.remove(best)
            for index in remaining { closest[index] = max(closest[index], dot(vectors[index], vectors[best])) }
        }
        return picked
    }
}
