import Foundation
import PaperCore

/// What one harvest of one source did, so far or in all.
public struct HarvestReport: Sendable {
    /// The source's name in the harvest state (`arxiv:cs`, `hf`).
    public var source: String
    /// Pages (OAI-PMH) or days (Hugging Face) fetched and committed.
    public var pages = 0
    /// Papers read from the source, before the category filter.
    public var records = 0
    /// What the store did with the papers kept.
    public var counts = UpsertCounts()
    /// Papers left out because none of their categories was asked for.
    public var filtered = 0
    /// Records the source marked deleted (counted, not stored).
    public var deleted = 0
    /// Records that could not be read, and why.
    public var skipped: [SkippedRecord] = []
    /// Problems reported while the harvest carried on (a malformed day, a refused resumption
    /// token), and the one that stopped it when `failed`.
    public var errors: [String] = []
    /// The harvest stopped on the last of `errors`; the next run resumes where it stopped.
    public var failed = false
    /// The source's watermark after the run.
    public var watermark: String?

    public init(source: String) {
        self.source = source
    }
}

/// The harvest of a source stopped: it could not be reached, answered with an error status,
/// or sent something that is not the expected document.
struct HarvestStopped: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension HarvestStateStore {
    /// Records `error` as the reason `report`'s source stopped, in the report and the store.
    func recordStop(_ error: any Error, in report: inout HarvestReport, at date: @autoclosure () -> Date) async throws {
        let message = "\(error)"
        report.errors.append(message)
        report.failed = true
        try await recordHarvestFailure(source: report.source, message: message, at: date())
    }
}
