import Foundation
import Logging
import PaperCore
import ServiceLifecycle

/// Runs the configured harvests inside `serve`: at start, then every `interval`, so new papers
/// arrive without anyone running `paperfeed harvest`. Each source's turn in each interval is a
/// job keyed by the source and the interval's start, so however many nodes share the database,
/// one of them harvests it (the others find the job done), with its lease renewed while it
/// runs. A source that fails is recorded in its harvest state (shown on `/health`) and tried
/// again in the next interval. Stops on graceful shutdown.
public struct HarvestService: Service {
    /// One source to harvest, by name (`arxiv`, `hf`).
    public struct Source: Sendable {
        public let name: String
        public let harvest: @Sendable () async throws -> [HarvestReport]

        public init(name: String, harvest: @escaping @Sendable () async throws -> [HarvestReport]) {
            self.name = name
            self.harvest = harvest
        }
    }

    let sources: [Source]
    let jobs: any JobQueue
    let node: String
    let interval: Duration
    let clock: any WallClock
    let logger: Logger
    /// How long a harvest is this node's without a renewal; renewed every third of it.
    let lease: Duration = .seconds(900)
    static let jobKind = "harvest"

    public init(sources: [Source], jobs: any JobQueue, node: String = JobNode.current, interval: Duration = .seconds(3600),
                clock: any WallClock = SystemClock(), logger: Logger) {
        self.sources = sources
        self.jobs = jobs
        self.node = node
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        // Every minute at most: a turn another node released (it failed) is taken up soon.
        await cancelWhenGracefulShutdown {
            await repeatTurns(every: min(interval, .seconds(60)), failed: {
                logger.error("harvest failed; will retry", metadata: ["error": "\($0)"])
            }) {
                try await runOnce()
            }
        }
    }

    /// Queues this interval's turn of every source and runs the turns no node has taken yet.
    /// The reports of the harvests this node ran.
    @discardableResult
    func runOnce() async throws -> [HarvestReport] {
        let length = max(interval.components.seconds, 1)
        let slot = Int64(clock.now().timeIntervalSince1970) / length
        // Queued as of the interval's start: a turn some node finished since then stays done.
        let start = Date(timeIntervalSince1970: Double(slot * length))
        for source in sources {
            try await jobs.enqueue(kind: Self.jobKind, key: "\(source.name)@\(slot)", payload: source.name, now: start)
        }
        // Turns of intervals before the last one never come again: one row per source is kept.
        try await jobs.removeFinished(kind: Self.jobKind, before: start.addingTimeInterval(-Double(length)))
        let byName = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var reports: [HarvestReport] = []
        while true {
            switch try await jobs.runNext(kind: Self.jobKind, node: node, lease: lease, clock: clock, { job in
                try await byName[job.payload]?.harvest() ?? []
            }) {
            case .nothingToDo:
                return reports
            case let .done(_, done):
                done.forEach(log)
                reports += done
            case let .leaseLost(job):
                logger.warning("stopped harvesting \(job.payload): its lease passed to another node")
            }
        }
    }

    private func log(_ report: HarvestReport) {
        let metadata: Logger.Metadata = [
            "source": "\(report.source)", "new": "\(report.counts.inserted)", "updated": "\(report.counts.updated)",
            "watermark": "\(report.watermark ?? "none")",
        ]
        if report.failed {
            logger.warning("harvest stopped: \(report.errors.last ?? "unknown error")", metadata: metadata)
        } else {
            logger.info("harvested", metadata: metadata)
        }
    }
}
