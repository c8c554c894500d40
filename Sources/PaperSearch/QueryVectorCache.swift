/// The vectors of recently searched query texts, so that the same text asked again (the next
/// page, another mode, a popular query) is not run through the model again. Holds at most
/// `capacity` vectors; the one used longest ago leaves first.
struct QueryVectorCache {
    let capacity: Int
    private var entries: [String: (vector: [Float], lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a cache needs room for one vector")
        self.capacity = capacity
    }

    var count: Int { entries.count }

    /// The vector stored for `text`, now counted as the most recently used.
    mutating func vector(for text: String) -> [Float]? {
        guard let entry = entries[text] else { return nil }
        clock += 1
        entries[text] = (entry.vector, clock)
        return entry.vector
    }

    /// Stores `vector` for `text`, dropping the least recently used vector when full.
    mutating func insert(_ vector: [Float], for text: String) {
        clock += 1
        if entries[text] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        entries[text] = (vector, clock)
    }
}
