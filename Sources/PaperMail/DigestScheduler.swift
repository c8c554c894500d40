import Foundation
import Logging
import PaperCore
import ServiceLifecycle

/// Sends the digests inside `serve`: once a minute it checks whether today's send hour (UTC)
/// has come, queues the day's digest (and on Mondays the week's) and sends what is due,
/// retries included. Planning is idempotent, so any number of nodes can run it.
public struct DigestScheduler: Service {
    public let sender: DigestSender
    public let content: DigestSender.Content
    /// The hour of the day (UTC, 0–23) digests go out.
    public let hour: Int
    public let interval: Duration

    public init(sender: DigestSender, content: @escaping DigestSender.Content, hour: Int, interval: Duration = .seconds(60)) {
        self.sender = sender
        self.content = content
        self.hour = hour
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await tick()
            } catch {
                sender.logger.error("Digest run failed: \(error)")
            }
            // A shutdown ends the wait at once; a send in progress is finished first.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// One check: plan what is due by now, then send.
    public func tick() async throws {
        let now = sender.clock.now()
        let today = Day(now)
        guard now >= today.start.addingTimeInterval(Double(hour) * 3600) else { return }
        for frequency in DigestFrequency.due(on: today) {
            let planned = try await sender.plan(frequency, on: today)
            if planned.added > 0 { sender.logger.info("Queued \(planned.added) digests for \(planned.period)") }
        }
        let run = try await sender.sendDue(content: content)
        if run != DigestRun() {
            sender.logger.info("""
                Digests: \(run.sent) sent, \(run.skipped) skipped, \(run.retrying) to retry, \(run.failed) failed, \
                \(run.handedOver) left to another node
                """)
        }
    }
}
