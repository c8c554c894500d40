import AsyncHTTPClient
import Foundation
import PaperCore

/// Harvests Hugging Face's daily papers: `GET {site}/api/daily_papers?date=YYYY-MM-DD` for
/// each day from the last one harvested through today, one day at a time.
///
/// The last `refreshDays` days up to the watermark are fetched again, so that their upvotes,
/// comment counts and GitHub stars follow Hugging Face's (imported counts only: local votes
/// are kept apart by the store). Each day's papers are committed with the watermark that
/// follows them, so a harvest killed mid-way resumes at the first day not committed.
///
/// A day whose answer is not a daily-papers document (Hugging Face's dumps have some of
/// Python repr strings) is reported and passed over; a day that cannot be fetched (no
/// answer, an error status) stops the harvest there, recorded as the source's last error.
public struct HFDailyHarvester: Sendable {
    /// Where to harvest and how politely.
    public struct Configuration: Sendable, Hashable {
        /// The site root (`https://huggingface.co`; a local server in tests).
        public var siteURL: String
        /// Days up to the watermark fetched again to refresh their counts (1: the watermark's
        /// day only); a first harvest without `from` starts this many days before today.
        public var refreshDays: Int
        /// How politely to ask.
        public var politeness: HTTPPoliteness

        public init(
            siteURL: String = "https://huggingface.co", refreshDays: Int = 3,
            politeness: HTTPPoliteness = HTTPPoliteness(
                minimumInterval: .seconds(1), requestTimeout: .seconds(60),
                userAgent: "PaperFeed/1.0 (self-hosted paper feed; daily papers harvest)")
        ) {
            self.siteURL = siteURL
            self.refreshDays = refreshDays
            self.politeness = politeness
        }
    }

    /// The source's name in the harvest state.
    public static let source = "hf"

    public let configuration: Configuration
    let store: any HarvestStateStore
    let clock: any WallClock
    let http: PoliteHTTPClient

    /// A harvester writing to `store`; "today" is the UTC day of `clock`.
    public init(configuration: Configuration, store: any HarvestStateStore, clock: any WallClock = SystemClock(),
                httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.http = PoliteHTTPClient(settings: configuration.politeness, maximumBodyBytes: Self.maximumDayBytes,
                                     httpClient: httpClient)
    }

    /// The days a run fetches: from `from` (else `refreshDays` before the watermark's day
    /// inclusive, else before today) through `until` (else today); empty when they cross.
    public func days(from: Day?, until: Day?, watermark: Day?) -> [Day] {
        let today = Day(clock.now())
        let back = max(1, configuration.refreshDays) - 1
        let first = from ?? (watermark ?? today).adding(days: -back)
        let last = until ?? today
        guard first <= last else { return [] }
        var days: [Day] = []
        var day = first
        while day <= last {
            days.append(day)
            day = day.adding(days: 1)
        }
        return days
    }

    /// Harvests the days `days(from:until:watermark:)` names, one commit each.
    ///
    /// - Throws: only when the store fails (or the task is cancelled); source problems are in
    ///   the report.
    public func run(from: Day? = nil, until: Day? = nil,
                    progress: @Sendable (HarvestReport) -> Void = { _ in }) async throws -> HarvestReport {
        var report = HarvestReport(source: Self.source)
        var state = try await store.harvestState(Self.source) ?? HarvestState(source: Self.source)
        report.watermark = state.watermark
        let days = days(from: from, until: until, watermark: state.watermark.flatMap { Day($0) })
        for (index, day) in days.enumerated() {
            let records: [ParsedRecord]
            do {
                records = try await fetch(day)
            } catch let error as DocumentError {
                report.errors.append("\(day): \(error.reason)")
                records = []
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await store.recordStop(error, in: &report, at: clock.now())
                return report
            }
            var papers: [Paper] = []
            for record in records {
                switch record {
                case let .paper(paper): papers.append(paper)
                case let .skipped(skip): report.skipped.append(SkippedRecord(location: "\(day) \(skip.location)", reason: skip.reason))
                }
            }
            report.records += papers.count
            if day.description > (state.watermark ?? "") { state.watermark = day.description }
            if index == days.count - 1 {
                state.lastSuccessAt = clock.now()
                state.lastError = report.errors.last
                state.lastErrorAt = report.errors.isEmpty ? nil : clock.now()
            }
            report.counts += try await store.commitHarvestPage(papers, state: state)
            report.pages += 1
            report.watermark = state.watermark
            progress(report)
        }
        if days.isEmpty {
            state.lastSuccessAt = clock.now()
            _ = try await store.commitHarvestPage([], state: state)
        }
        return report
    }

    /// The records of `day`, every page of them: Hugging Face answers 50 papers at most, and
    /// a busy day has more, so a full page is followed by the next (`&p=1`, …) until a page
    /// is short or brings no paper not seen (a server that ignores `p`). `DocumentError` when
    /// an answer is not a daily-papers document, `HarvestStopped` when there is none to read.
    private func fetch(_ day: Day) async throws -> [ParsedRecord] {
        var site = configuration.siteURL
        while site.hasSuffix("/") { site.removeLast() }
        var records: [ParsedRecord] = []
        var seen = Set<PaperID>()
        for page in 0..<Self.maximumPagesPerDay {
            let answer = try await fetch("\(site)/api/daily_papers?date=\(day)" + (page == 0 ? "" : "&p=\(page)"), day)
            let new = answer.filter { record in
                guard case let .paper(paper) = record else { return true }
                return seen.insert(paper.id).inserted
            }
            records += new
            guard answer.count >= Self.pageSize, new.contains(where: { if case .paper = $0 { true } else { false } }) else { break }
        }
        return records
    }

    /// Hugging Face's page of daily papers, and the most pages read for one day.
    static let pageSize = 50
    static let maximumPagesPerDay = 20

    /// The records of one page.
    private func fetch(_ url: String, _ day: Day) async throws -> [ParsedRecord] {
        let answer: HTTPAnswer
        do {
            answer = try await http.get(url, accept: "application/json")
        } catch let failure as PoliteHTTPClient.Failure {
            throw HarvestStopped("\(url): \(failure)")
        }
        guard (200..<300).contains(answer.status) else { throw HarvestStopped("\(url): HTTP \(answer.status)") }
        return try HFDailyPapersParser.parse(answer.body, listedOn: day)
    }

    /// The largest day read; a day of 50 papers is about 200 KB.
    static let maximumDayBytes = 16 << 20
}
