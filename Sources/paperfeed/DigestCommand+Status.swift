import ArgumentParser
import Foundation
import PaperCore
import PaperMail

extension DigestCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show digest subscribers and the outbox: what was sent, what waits, what failed.",
            discussion: """
                Subscribers are counted by frequency and state (pending: not confirmed yet). The outbox is shown for \
                the current daily and weekly periods and for every period that still has deliveries not sent. Delivery \
                states: sent; skipped (the subscriber left before it went out); queued (waiting, or to be retried after \
                a failure); sending (claimed by a node now); failed (given up after repeated failures).
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The day whose periods count as current, YYYY-MM-DD (default: today, UTC).")
        var day: String?

        static let deliveryStates = ["sent", "skipped", "queued", "sending", "failed"]

        func run() async throws {
            let today = try DigestCommand.day(day, clock: SystemClock())
            try await store.withStore { database, _ in
                StandardOutput.line("Subscribers:")
                for frequency in DigestFrequency.allCases {
                    var counts: [String] = []
                    for state in [Subscriber.State.confirmed, .pending, .unsubscribed] {
                        counts.append("\(try await database.subscriberCount(frequency: frequency, state: state)) \(state.rawValue)")
                    }
                    StandardOutput.line("  \(frequency.rawValue): \(counts.joined(separator: ", "))")
                }
                let current = DigestFrequency.allCases.map { DigestPeriodKey(frequency: $0, sending: today).description }
                let unsent = try await database.periodsWithUnsentDeliveries()
                StandardOutput.line("Outbox:")
                for period in current + unsent.filter({ !current.contains($0) }) {
                    let counts = try await database.deliveryCounts(period: period)
                    let line = counts.isEmpty ? "nothing queued" : Self.deliveryStates.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
                    StandardOutput.line("  \(period): \(line)")
                }
            }
        }
    }
}
