import Foundation

public func normalise(_ v: inout [Float]) {
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    if norm > 0 { for i in v.indices { v[i] /= norm } }
}

/// Unit vectors clustered like sentence embeddings, in two levels: `topics` real embeddings as
/// centres; `subtopics` around them (cosine about 0.8 to their topic); each vector around its
/// subtopic (cosine about 0.8, with the spread varying ±40% between vectors). Vector `i` depends
/// only on the seed and `i`, so any slice can be regenerated, and queries drawn with indexes past
/// the data set are fresh vectors from the same distribution.
public struct ClusteredVectors: Sendable {
    public let dimensions: Int
    public let subtopicCentres: [[Float]]
    let seed: UInt64
    /// Noise per dimension for cosine c to the centre: 1/sqrt(1 + d·σ²) = c.
    let sigma: Float

    public init(topics: [[Float]], subtopics: Int, seed: UInt64, cosine: Float = 0.8) {
        dimensions = topics[0].count
        self.seed = seed
        sigma = ((1 / (cosine * cosine) - 1) / Float(topics[0].count)).squareRoot()
        var random = SeededRandom(seed: seed)
        let sigma = self.sigma
        subtopicCentres = (0..<subtopics).map { s in
            var v = topics[s % topics.count].map { $0 + sigma * random.gaussian() }
            normalise(&v)
            return v
        }
    }

    /// Writes vector `i` into `out` (`dimensions` floats).
    public func vector(_ i: Int, into out: UnsafeMutableBufferPointer<Float>) {
        var random = SeededRandom(seed: seed &+ UInt64(i) &* 0xD1B5_4A32_D192_ED03)
        let centre = subtopicCentres[Int(random.next() % UInt64(subtopicCentres.count))]
        let spread = sigma * (0.6 + 0.8 * random.uniform())
        var norm: Float = 0
        for d in 0..<dimensions {
            let value = centre[d] + spread * random.gaussian()
            out[d] = value
            norm += value * value
        }
        let inverse = 1 / norm.squareRoot()
        for d in 0..<dimensions { out[d] *= inverse }
    }

    public func vector(_ i: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: dimensions) { buffer, count in
            vector(i, into: buffer)
            count = dimensions
        }
    }

    /// Vectors `0..<count`, one after the other in one array, made on all cores.
    public func flat(count: Int) -> [Float] {
        let dimensions = self.dimensions
        var all = [Float](repeating: 0, count: count * dimensions)
        let chunks = 64
        all.withUnsafeMutableBufferPointer { buffer in
            // Workers write disjoint rows; the address travels as an integer to stay Sendable.
            let base = Int(bitPattern: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = UnsafeMutablePointer<Float>(bitPattern: base)!
                for i in stride(from: chunk, to: count, by: chunks) {
                    vector(i, into: UnsafeMutableBufferPointer(start: start + i * dimensions, count: dimensions))
                }
            }
        }
        return all
    }
}
