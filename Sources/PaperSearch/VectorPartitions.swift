import CEmbeddingKernels

/// An inverted file over unit vectors: centroids found by spherical k-means on a sample of the
/// vectors, and under each centroid the positions of the vectors nearest to it. A search scores
/// the centroids, then only the vectors listed under the nearest few (`VectorIndex`), so its
/// cost grows with the lists it reads rather than with the whole index.
///
/// Vectors are matched to centroids with the embedder's integer product (`pf_qgemm`, AVX2
/// where the CPU has it, chosen at run time): the index's int8 codes widen to its 16-bit
/// operands exactly, so a million vectors against a thousand centroids take seconds, not minutes.
struct VectorPartitions: Sendable {
    let dimensions: Int
    /// `count` rows of `dimensions` values, each of unit length.
    let centroids: [Float]
    private let packed: [Int16]
    private let packedScales: [Float]
    /// For each centroid, the positions (in the index) of the vectors listed under it.
    private(set) var lists: [[Int32]]

    static let kernel = pf_best_kernel_path()

    /// How many centroids suit `vectors` vectors: lists of about 2,000, a multiple of 16 (the
    /// product's block), from 16 to 2,048.
    static func centroidCount(for vectors: Int) -> Int {
        min(2_048, max(16, (vectors / 2_000 + 15) / 16 * 16))
    }

    /// `dimensions` must be even and the centroid count a multiple of 16 (the product's layout).
    init(centroids: [Float], dimensions: Int) {
        let count = centroids.count / dimensions
        precondition(dimensions % 2 == 0 && count % 16 == 0 && count > 0)
        self.dimensions = dimensions
        self.centroids = centroids
        var packed = [Int16](repeating: 0, count: centroids.count)
        var scales = [Float](repeating: 0, count: count)
        pf_pack_weights(centroids, Int32(count), Int32(dimensions), &packed, &scales)
        self.packed = packed
        packedScales = scales
        lists = Array(repeating: [], count: count)
    }

    var count: Int { lists.count }

    /// The centroids by similarity to `query`, nearest first.
    func ranked(_ query: [Float]) -> [Int] {
        let scores = centroids.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                (0..<count).map { c in
                    PlainVectorMath.dot(UnsafeBufferPointer(rebasing: all[c * dimensions..<(c + 1) * dimensions]), q)
                }
            }
        }
        return scores.indices.sorted { scores[$0] > scores[$1] }
    }

    /// The nearest centroid of each of `rows` vectors, given as 16-bit codes (`rows` ×
    /// `dimensions`) with a scale per row.
    func nearest(codes: [Int16], scales: [Float]) -> [Int32] {
        let rows = scales.count
        guard rows > 0 else { return [] }
        var products = [Float](repeating: 0, count: rows * count)
        pf_qgemm(Self.kernel, Int32(rows), Int32(count), Int32(dimensions), codes, scales, packed, packedScales,
                 &products, Int32(count), 0)
        return products.withUnsafeBufferPointer { all in
            (0..<rows).map { row in
                let base = row * count
                var best = 0
                for c in 1..<count where all[base + c] > all[base + best] { best = c }
                return Int32(best)
            }
        }
    }

    mutating func add(_ position: Int32, to list: Int32) {
        lists[Int(list)].append(position)
    }

    mutating func remove(_ position: Int32, from list: Int32) {
        if let slot = lists[Int(list)].firstIndex(of: position) { lists[Int(list)].remove(at: slot) }
    }

    /// Centroids for `sample` (rows of `dimensions` unit-length values, at least `count` of
    /// them) by spherical k-means: seeds spread evenly over the sample, then `iterations` rounds
    /// of matching each row to its nearest centroid and moving each centroid to its rows' mean
    /// direction. A centroid left with no rows starts again from a sample row.
    static func train(sample: [Float], dimensions: Int, count: Int, iterations: Int = 6) -> [Float] {
        let rows = sample.count / dimensions
        precondition(rows >= count)
        var codes = [Int16](repeating: 0, count: rows * dimensions)
        var scales = [Float](repeating: 0, count: rows)
        pf_quantize_rows(kernel, sample, Int32(rows), Int32(dimensions), Int32(dimensions), &codes, &scales)
        var centroids = [Float](repeating: 0, count: count * dimensions)
        for c in 0..<count {
            let row = c * rows / count
            centroids.replaceSubrange(c * dimensions..<(c + 1) * dimensions, with: sample[row * dimensions..<(row + 1) * dimensions])
        }
        for _ in 0..<iterations {
            let assigned = VectorPartitions(centroids: centroids, dimensions: dimensions).nearest(codes: codes, scales: scales)
            var sums = [Float](repeating: 0, count: count * dimensions)
            var members = [Int](repeating: 0, count: count)
            sums.withUnsafeMutableBufferPointer { sums in
                sample.withUnsafeBufferPointer { sample in
                    for row in 0..<rows {
                        let c = Int(assigned[row])
                        members[c] += 1
                        for d in 0..<dimensions { sums[c * dimensions + d] += sample[row * dimensions + d] }
                    }
                    for c in 0..<count {
                        let seed = (c * 7_919 + 13) % rows
                        if members[c] == 0 {
                            for d in 0..<dimensions { sums[c * dimensions + d] = sample[seed * dimensions + d] }
                        }
                        var norm: Float = 0
                        for d in 0..<dimensions { norm += sums[c * dimensions + d] * sums[c * dimensions + d] }
                        let inverse = norm > 0 ? 1 / norm.squareRoot() : 0
                        for d in 0..<dimensions { sums[c * dimensions + d] *= inverse }
                    }
                }
            }
            centroids = sums
        }
        return centroids
    }
}
