import PaperCore

/// Training the index's partitions: in one call (`partition()`), or in steps that hold the
/// index only to copy from it and to put the result in place (`SemanticSearch.partitionIfDue()`).
extension VectorIndex {
    /// Whether partitions are due: the index holds at least `partitionThreshold` vectors and has
    /// at least doubled since they were last trained.
    public var wantsPartitions: Bool {
        dimensions % 2 == 0 && count >= max(16, partitionThreshold) && count >= 2 * partitionedAt
    }

    /// Whether searches read only some of the vectors (`partition()` has run).
    public var isPartitioned: Bool { partitions != nil }

    /// How many centroids the partitions have (0 before partitioning).
    public var partitionCount: Int { partitions?.count ?? 0 }

    /// Trains partitions on the vectors as they are and lists every vector, holding the index
    /// throughout: for tests and benchmarks.
    public mutating func partition() {
        guard dimensions % 2 == 0, count >= 16 else { return }
        let fresh = VectorPartitions(trainedOn: trainingSample(), dimensions: dimensions, for: count)
        let assigned = fresh.assign(count: count) { widenedCodes($0) }
        install(fresh, assigned: assigned)
    }

    /// Up to 32 vectors per centroid the index will have, spread evenly over it, as floats
    /// (rows of `dimensions`): what the centroids are trained on. `tracking`: from now until
    /// `install`, note the vectors that change (a training beside the index reads them before).
    mutating func trainingSample(tracking: Bool = false) -> [Float] {
        if tracking { replaced = [] }
        let rows = min(count, VectorPartitions.centroidCount(for: count) * 32)
        var sample = [Float]()
        sample.reserveCapacity(rows * dimensions)
        for row in 0..<rows {
            let index = row * count / rows
            let scale = scales[index]
            for d in 0..<dimensions { sample.append(Float(codes[index * dimensions + d]) * scale) }
        }
        return sample
    }

    /// The codes of the vectors at `range`, widened to 16 bits, with their scales: what
    /// `VectorPartitions.nearest` takes.
    func widenedCodes(_ range: Range<Int>) -> (codes: [Int16], scales: [Float]) {
        (codes[range.lowerBound * dimensions..<range.upperBound * dimensions].map(Int16.init), Array(scales[range]))
    }

    /// Puts in place partitions trained beside the index: `assigned[i]` is the list of the vector
    /// at position `i`, for the vectors there were then. Those vectors are moved so that each
    /// list's lie side by side (a query then reads a few runs of memory, not scattered rows);
    /// vectors added or replaced since are matched here.
    mutating func install(_ fresh: VectorPartitions, assigned: [Int32]) {
        var members = [[Int32]](repeating: [], count: fresh.count)
        for (position, list) in assigned.enumerated() { members[Int(list)].append(Int32(position)) }
        let order = members.flatMap { $0 } + (assigned.count..<count).map(Int32.init)
        var moved = [Int32](repeating: 0, count: count)
        for (new, old) in order.enumerated() { moved[Int(old)] = Int32(new) }
        reorder(order)
        var fresh = fresh
        var next: Int32 = 0
        for (list, run) in members.enumerated() {
            for _ in run {
                fresh.add(next, to: Int32(list))
                listOf[Int(next)] = Int32(list)
                next += 1
            }
        }
        for position in assigned.count..<count { listOf[position] = -1 }
        let missed = (replaced ?? []).filter { Int($0) < assigned.count }.map { moved[Int($0)] }
        partitions = fresh
        partitionedAt = assigned.count
        replaced = nil
        list(missed + (assigned.count..<count).map(Int32.init))
    }

    /// Lists each of `positions` under its nearest centroid, out of the list it was in.
    mutating func list(_ positions: [Int32]) {
        guard var partitions, !positions.isEmpty else { return }
        self.partitions = nil  // no second reference while the lists change
        let rows = positions.map { widenedCodes(Int($0)..<Int($0) + 1) }
        let nearest = partitions.nearest(codes: rows.flatMap(\.codes), scales: rows.flatMap(\.scales))
        for (position, list) in zip(positions, nearest) {
            let old = listOf[Int(position)]
            if old == list { continue }
            if old >= 0 { partitions.remove(position, from: old) }
            partitions.add(position, to: list)
            listOf[Int(position)] = list
        }
        self.partitions = partitions
    }
}

extension VectorPartitions {
    /// Vectors read at a time when matching a whole index.
    static let assignmentChunk = 4_096

    /// Partitions for an index of `vectors` vectors, trained on `sample` (at least 16 rows).
    init(trainedOn sample: [Float], dimensions: Int, for vectors: Int) {
        let rows = sample.count / dimensions
        let count = min(Self.centroidCount(for: vectors), rows / 16 * 16)
        self.init(centroids: Self.train(sample: sample, dimensions: dimensions, count: count), dimensions: dimensions)
    }

    /// The list of each of the first `count` vectors, read a chunk at a time through `rows`.
    func assign(count: Int, rows: (Range<Int>) -> (codes: [Int16], scales: [Float])) -> [Int32] {
        var assigned: [Int32] = []
        assigned.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: Self.assignmentChunk) {
            let chunk = rows(start..<min(start + Self.assignmentChunk, count))
            assigned += nearest(codes: chunk.codes, scales: chunk.scales)
        }
        return assigned
    }
}
