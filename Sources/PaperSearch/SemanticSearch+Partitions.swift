import Dispatch
import PaperCore

extension SemanticSearch {
    /// Trains the index's partitions when they are due (`VectorIndex.wantsPartitions`) and
    /// `load()` is not reading. The work runs on a dispatch thread, not the cooperative pool, and
    /// holds the index only to copy a sample and chunks of codes out of it and to put the result
    /// in place: searches and new vectors go on meanwhile (scoring every vector until then). One
    /// at a time; returns whether it partitioned.
    @discardableResult
    public func partitionIfDue() async -> Bool {
        guard native == nil, loading == nil, index.withLock({ $0.wantsPartitions }) else { return false }
        guard partitioning.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        defer { partitioning.store(false, ordering: .releasing) }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global(qos: .utility).async { [self] in
                let (sample, count, dimensions) = index.withLock { ($0.trainingSample(tracking: true), $0.count, $0.dimensions) }
                let fresh = VectorPartitions(trainedOn: sample, dimensions: dimensions, for: count)
                let assigned = fresh.assign(count: count) { range in index.withLock { $0.widenedCodes(range) } }
                index.withLock { $0.install(fresh, assigned: assigned) }
                // Training and assigning used hundreds of megabytes of short-lived buffers.
                FreedMemory.returnToSystem()
                done.resume()
            }
        }
        return true
    }

    /// Starts `partitionIfDue()` in the background when new vectors made partitions due.
    func partitionInBackgroundIfDue() {
        guard native == nil, loading == nil, !partitioning.load(ordering: .acquiring),
              index.withLock({ $0.wantsPartitions }) else { return }
        Task.detached(priority: .utility) { [self] in await partitionIfDue() }
    }
}
