import PaperCore

/// The term counts (`PaperTerms.counts`) of the papers recommendations are drawn from, kept
/// across requests and users. The last 30 days' papers are every user's candidates, so each is
/// read and counted once, when a request first asks for it, rather than on every request; a
/// request then finds its keyword candidates and scores its pool without reading paper rows.
/// Counts are not refreshed when a paper's title or abstract is edited later (a restart does).
///
/// Concurrency: an actor guards the table. Missing papers are read and counted outside it
/// (`counts(of:read:)` awaits the store between its two visits), so two requests that miss the
/// same paper at once may both count it; the counts are equal, and the second replaces the
/// first. At most `capacity` papers are kept: past that, those the latest call did not ask for go.
public actor TermCountCache {
    private var table: [PaperID: [UInt64: Float]] = [:]
    public let capacity: Int

    public init(capacity: Int = 8_000) {
        self.capacity = max(1, capacity)
    }

    /// How many papers' counts are kept.
    public var count: Int { table.count }

    /// The counts of those of `ids` that `read` gives (the store's visible papers), keyed by id;
    /// `read` is asked only for the papers not kept yet.
    public func counts(of ids: [PaperID], read: @Sendable ([PaperID]) async throws -> [Paper]) async throws -> [PaperID: [UInt64: Float]] {
        let missing = ids.filter { table[$0] == nil }
        if !missing.isEmpty {
            for paper in try await read(missing) { table[paper.id] = PaperTerms.counts(PaperTerms.text(of: paper)) }
        }
        var found: [PaperID: [UInt64: Float]] = [:]
        found.reserveCapacity(ids.count)
        for id in ids { if let counts = table[id] { found[id] = counts } }
        if table.count > capacity { table = found }
        return found
    }
}
