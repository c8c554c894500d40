import AsyncHTTPClient
import Foundation
import PaperCore

/// Harvests arXiv's OAI-PMH interface incrementally: `ListRecords` for each set, from the
/// set's watermark (the newest datestamp of its last complete list), following resumption
/// tokens to the end of the list.
///
/// Each page's papers and the state after it (the next token, the newest datestamp so far) are
/// committed together (`HarvestStateStore.commitHarvestPage`), so a harvest killed between
/// pages resumes with the stored token and loses and repeats nothing. The watermark moves only
/// when a list is complete. `from=` is inclusive, so the next harvest fetches the watermark's
/// day again: records arXiv stamps later that day are not missed, and those seen already are
/// merged as unchanged.
///
/// Errors: `noRecordsMatch` is an empty, successful list; `badResumptionToken` (a token that
/// expired while the harvest was stopped) restarts the list from the watermark once; anything
/// else stops the set, is recorded as its last error, and the next run resumes from the state.
public struct ArxivHarvester: Sendable {
    /// Where to harvest, what, and how politely.
    public struct Configuration: Sendable, Hashable {
        /// The OAI-PMH endpoint itself (`https://oaipmh.arxiv.org/oai`; a local server in tests).
        public var endpoint: String
        /// `arXiv` (current metadata) or `arXivRaw` (with the version history).
        public var metadataPrefix: String
        /// The sets to harvest (`cs`, `math`, `physics:hep-th`), each with its own state; none
        /// harvests the whole repository.
        public var sets: [String]
        /// Only papers with one of these categories are stored (`cs.CL`; an archive such as `cs`
        /// takes all of its categories); none keeps every paper of the set.
        public var categories: [String]
        /// How politely to ask: arXiv wants one request at a time, a few seconds apart.
        public var politeness: HTTPPoliteness
        /// How many days back a set never harvested starts (its first list is `from=` that day);
        /// `nil` takes the whole set, e.g. all of `cs` since 1993, several hundred thousand records.
        public var firstDays: Int?

        public init(
            endpoint: String = "https://oaipmh.arxiv.org/oai", metadataPrefix: String = "arXiv",
            sets: [String] = ["cs"], categories: [String] = [],
            politeness: HTTPPoliteness = HTTPPoliteness(
                minimumInterval: .seconds(3), requestTimeout: .seconds(180),
                userAgent: "PaperFeed/1.0 (self-hosted paper feed; OAI-PMH harvest)"),
            firstDays: Int? = 3
        ) {
            self.endpoint = endpoint
            self.metadataPrefix = metadataPrefix
            self.sets = sets
            self.categories = categories
            self.politeness = politeness
            self.firstDays = firstDays
        }
    }

    public let configuration: Configuration
    let store: any HarvestStateStore
    let clock: any WallClock
    let http: PoliteHTTPClient

    /// A harvester writing to `store`, with times from `clock`.
    public init(configuration: Configuration, store: any HarvestStateStore, clock: any WallClock = SystemClock(),
                httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.http = PoliteHTTPClient(settings: configuration.politeness, maximumBodyBytes: Self.maximumPageBytes,
                                     httpClient: httpClient)
    }

    /// The state name of `set`: `arxiv:cs`, or `arxiv` for the whole repository.
    public static func source(set: String?) -> String {
        set.map { "arxiv:\($0)" } ?? "arxiv"
    }

    /// Harvests every configured set in turn, one report each. A set that fails is reported
    /// and recorded, and the next set is still harvested.
    ///
    /// - Parameters:
    ///   - from: start a new list here (`YYYY-MM-DD`) instead of resuming the stored token or
    ///     starting from the watermark; the watermark never moves back because of it.
    ///   - until: the last datestamp of a new list (a resumed list keeps its own).
    /// - Throws: only when the store fails (or the task is cancelled); source problems are in
    ///   the reports.
    public func run(from: String? = nil, until: String? = nil,
                    progress: @Sendable (HarvestReport) -> Void = { _ in }) async throws -> [HarvestReport] {
        var reports: [HarvestReport] = []
        let sets: [String?] = configuration.sets.isEmpty ? [nil] : configuration.sets.map { $0 }
        for set in sets {
            reports.append(try await harvest(set: set, from: from, until: until, progress: progress))
        }
        return reports
    }

    /// Harvests one set to the end of its list, or until something stops it.
    func harvest(set: String?, from: String?, until: String?,
                 progress: @Sendable (HarvestReport) -> Void) async throws -> HarvestReport {
        let source = Self.source(set: set)
        var report = HarvestReport(source: source)
        var state = try await store.harvestState(source) ?? HarvestState(source: source)
        report.watermark = state.watermark
        if from != nil { (state.resumptionToken, state.pendingWatermark) = (nil, nil) }
        let start = from ?? state.watermark ?? configuration.firstDays.map { Day(clock.now()).adding(days: -$0).description }
        var restarted = false
        while true {
            let resuming = state.resumptionToken
            let url = resuming.map(resumeURL) ?? listURL(set: set, from: start, until: until)
            let page: OAIPage
            do {
                page = try await fetchPage(url)
            } catch let error as OAIError where error.code == "badResumptionToken" && resuming != nil && !restarted {
                report.errors.append("\(error); the list starts again from the watermark")
                (state.resumptionToken, state.pendingWatermark, restarted) = (nil, nil, true)
                continue
            } catch let error as OAIError where error.code == "noRecordsMatch" {
                page = OAIPage()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await store.recordStop(error, in: &report, at: clock.now())
                return report
            }
            try await commit(page, into: &state, report: &report)
            progress(report)
            if state.resumptionToken == nil { return report }
        }
    }

    /// Writes the page's papers (those in the chosen categories) with the state that follows it.
    private func commit(_ page: OAIPage, into state: inout HarvestState, report: inout HarvestReport) async throws {
        var papers: [Paper] = []
        for record in page.records {
            switch record {
            case let .paper(paper):
                report.records += 1
                if keeps(paper) { papers.append(paper) } else { report.filtered += 1 }
            case let .skipped(skip):
                report.skipped.append(skip)
            }
        }
        report.deleted += page.deletedCount
        if let stamp = page.latestDatestamp.flatMap(Self.datestamp), stamp > (state.pendingWatermark ?? "") {
            state.pendingWatermark = stamp
        }
        state.resumptionToken = page.resumptionToken
        if page.resumptionToken == nil {
            if let newest = state.pendingWatermark, newest > (state.watermark ?? "") { state.watermark = newest }
            state.pendingWatermark = nil
            state.lastSuccessAt = clock.now()
            (state.lastError, state.lastErrorAt) = (nil, nil)
        }
        report.counts += try await store.commitHarvestPage(papers, state: state)
        report.pages += 1
        report.watermark = state.watermark
    }

    /// Whether `paper` is in one of the chosen categories (all are when none is chosen).
    func keeps(_ paper: Paper) -> Bool {
        guard !configuration.categories.isEmpty else { return true }
        let wanted = configuration.categories.map { $0.lowercased() }
        return paper.categories.contains { category in
            let category = category.lowercased()
            return wanted.contains { $0 == category || (!$0.contains(".") && category.hasPrefix($0 + ".")) }
        }
    }

    /// The largest page read; arXiv's pages of 1,000 records in `arXivRaw` are a few megabytes.
    static let maximumPageBytes = 64 << 20
}
