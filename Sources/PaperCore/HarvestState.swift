import Foundation

/// Where one harvested source stands: the port a store provides so that harvests resume.
///
/// A source is a name the harvester chooses (`arxiv:cs`, `arxiv:physics:hep-th`, `hf`); each has
/// one row of state. A page of papers and the state that follows it are written together by
/// `commitHarvestPage`, in one transaction, so a harvester killed at any point (SIGKILL
/// included) restarts from the last committed page: nothing committed is lost, and nothing is
/// committed twice (a page fetched again is merged by `PaperRepository.upsert`'s rules, which
/// leave an identical record unchanged).
///
/// One harvester per source at a time: two writers of the same source would each overwrite the
/// other's state (the last commit wins); splitting a source's pages between nodes is a job
/// for the job queue, not for this port.
public protocol HarvestStateStore: Sendable {
    /// The stored state of `source`, or `nil` when it has never been harvested or failed.
    func harvestState(_ source: String) async throws -> HarvestState?

    /// The state of every source ever harvested, by source name.
    func harvestStates() async throws -> [HarvestState]

    /// Writes `papers` exactly as `PaperRepository.upsert` does, and `state` for its source,
    /// in one transaction: after a crash either both are stored or neither is.
    ///
    /// `state` replaces the stored state of `state.source` whole (the caller reads, changes and
    /// hands back); an empty `papers` only writes the state.
    func commitHarvestPage(_ papers: [Paper], state: HarvestState) async throws -> UpsertCounts

    /// Records that harvesting `source` failed at `at` with `message`, keeping its watermark
    /// and pending resumption token (the next run resumes from them); creates the source's
    /// state when it has none.
    func recordHarvestFailure(source: String, message: String, at: Date) async throws
}

/// The resumable position of one harvested source, and how its last runs went.
public struct HarvestState: Hashable, Sendable, Codable {
    /// The source's name (`arxiv:cs`, `hf`).
    public var source: String
    /// Where the next harvest starts: for OAI-PMH the newest record datestamp of the last
    /// complete list (`YYYY-MM-DD` or a UTC time, as the repository's granularity gives it); for
    /// Hugging Face the last day fetched. `nil` before the first complete harvest.
    public var watermark: String?
    /// The OAI-PMH resumption token of the next page of a list that is not finished: set after
    /// each page is committed, cleared with the list's last page.
    public var resumptionToken: String?
    /// The newest datestamp seen so far in the unfinished list; it becomes `watermark` when the
    /// list ends, so a list cut short never moves the watermark past records not yet fetched.
    public var pendingWatermark: String?
    /// When a harvest of this source last finished without error.
    public var lastSuccessAt: Date?
    /// The last failure, kept until a later success clears it.
    public var lastError: String?
    /// When `lastError` happened.
    public var lastErrorAt: Date?

    public init(
        source: String, watermark: String? = nil, resumptionToken: String? = nil, pendingWatermark: String? = nil,
        lastSuccessAt: Date? = nil, lastError: String? = nil, lastErrorAt: Date? = nil
    ) {
        self.source = source
        self.watermark = watermark
        self.resumptionToken = resumptionToken
        self.pendingWatermark = pendingWatermark
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }

    /// Whether an operator should look: the last harvest failed (its error is newer than its
    /// last success), or none succeeded within `staleAfter` (a day) before `now`.
    public func isFailing(now: Date, staleAfter: TimeInterval = 86_400) -> Bool {
        let failedLast = lastErrorAt.map { error in lastSuccessAt.map { error > $0 } ?? true } ?? false
        let stale = lastSuccessAt.map { now.timeIntervalSince($0) > staleAfter } ?? true
        return failedLast || stale
    }
}
