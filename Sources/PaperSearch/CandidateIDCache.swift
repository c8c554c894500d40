import PaperCore

/// The ids of the papers that appeared in a period (`PaperRepository.appearedPaperIDs`), kept
/// for `lifetime`: every user's recommendations for the last 30 days draw from the same papers,
/// so the store is asked once a minute rather than on every request. A paper that appears, or
/// is hidden, changes the candidates within a minute (a hidden one is never shown meanwhile:
/// recommendations read the papers they show, and hidden papers are not read).
///
/// Concurrency: an actor guards the table; the store is read outside it (`ids` awaits it
/// between its two visits), so two requests that find a period stale at once may both read it,
/// and the later answer is kept. Expiry is by the monotonic clock, not the service's wall
/// clock (which tests fix). At most `capacity` periods are kept; the least recently read goes.
public actor CandidateIDCache {
    private var entries: [ClosedRange<Day>: (ids: [PaperID], readAt: ContinuousClock.Instant)] = [:]
    public let lifetime: Duration
    public let capacity: Int

    public init(lifetime: Duration = .seconds(60), capacity: Int = 16) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
    }

    /// The ids of `days`: the kept ones while younger than `lifetime`, else what `read` gives.
    public func ids(days: ClosedRange<Day>, read: @Sendable (ClosedRange<Day>) async throws -> [PaperID]) async throws -> [PaperID] {
        if let entry = entries[days], entry.readAt.duration(to: .now) < lifetime { return entry.ids }
        let readAt = ContinuousClock.now
        let ids = try await read(days)
        entries[days] = (ids, readAt)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.readAt < $1.value.readAt })?.key {
            entries[oldest] = nil
        }
        return ids
    }
}
