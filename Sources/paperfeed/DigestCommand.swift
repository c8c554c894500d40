import ArgumentParser
import Configuration
import Foundation
import Logging
import PaperCore
import PaperMail
import PaperSearch
import PaperStore

struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Email digests of trending papers: send them, or show where they stand.",
        subcommands: [Send.self, Status.self]
    )

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue today's digest for every confirmed subscriber and send what is due.",
            discussion: """
                Each subscriber gets each period's digest once: the outbox in the database remembers what was sent, \
                so running this again (or on several nodes, or after a crash) sends only what is missing. \
                Subscribers with an account get a personal digest: new papers of the authors and searches they follow \
                and recommendations from their library (with the embedding model) above the trending ones, each paper \
                once per person ever. \
                SMTP settings: PAPERFEED_SMTP_HOST, _PORT, _SECURITY (plain, starttls, tls), _USERNAME, _PASSWORD, \
                PAPERFEED_MAIL_FROM; links point to PAPERFEED_PUBLIC_URL. Without an SMTP host the emails go to the log.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var model: ModelOptions

        @Option(help: "Which digest: daily or weekly (default: both that are due today: daily, and weekly on Mondays).")
        var period: DigestFrequency?

        @Option(help: "The day to send for, YYYY-MM-DD (default: today, UTC); each digest covers the period before it.")
        var day: String?

        @Flag(help: "Show who would get what, without queueing or sending anything.")
        var dryRun = false

        @Option(help: .hidden)
        var leaseSeconds: Int = 120

        func run() async throws {
            let settings = try await Settings.load(overrides: [Setting.db.rawValue: store.db.map(ConfigContent.string)])
            var logger = Logger(label: "paperfeed.digest")
            logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
            let mailer = Settings.mailer(try settings.smtp(), logger: logger)
            let clock = SystemClock()
            let today = try DigestCommand.day(day, clock: clock)
            try await store.withStore { database, _ in
                let due = period.map { [$0] } ?? DigestFrequency.due(on: today)
                let content = DigestSetup.content(store: database, clock: clock)
                if dryRun { return try await preview(due, on: today, store: database, content: content) }
                let sender = DigestSetup.sender(store: database, settings: settings, mailer: mailer,
                                                semantic: try await semanticSearch(database, settings: settings), clock: clock,
                                                lease: .seconds(leaseSeconds), logger: logger)
                for frequency in due {
                    let planned = try await sender.plan(frequency, on: today)
                    StandardOutput.line("\(planned.period): \(planned.added) new deliveries queued")
                }
                let run = try await sender.sendDue(content: content)
                StandardOutput.line("Sent \(run.sent), skipped \(run.skipped) (unsubscribed), \(run.retrying) to retry, \(run.failed) failed.")
                if run.retrying > 0 { throw ExitCode(2) }
            }
        }

        /// Semantic search over the stored vectors, for recommendations in personal digests and
        /// saved searches in semantic or hybrid mode; `nil` (keyword search only) without the model.
        private func semanticSearch(_ database: any PaperDatabase, settings: Settings) async throws -> SemanticSearch? {
            guard case let .success(embedder) = ModelOptions.load(
                model.directory(settings), precision: try settings.embeddingPrecision(), workers: 1) else { return nil }
            let semantic = SemanticSearch(embedder: embedder, vectors: database)
            _ = try await semantic.load()
            return semantic
        }

        /// `--dry-run`: who would get which papers, with nothing queued or sent.
        private func preview(_ due: [DigestFrequency], on today: Day, store: any PaperDatabase,
                             content: DigestSender.Content) async throws {
            for frequency in due {
                let key = DigestPeriodKey(frequency: frequency, sending: today)
                let count = try await store.subscriberCount(frequency: frequency, state: .confirmed)
                StandardOutput.line("\(key): \(count) confirmed subscriber\(count == 1 ? "" : "s"); it would list (those who follow categories get theirs among the trending papers):")
                for (index, item) in try await content(key, []).enumerated() {
                    StandardOutput.line("  \(index + 1). \(item.paper.title) (\(item.reasons))")
                }
            }
        }
    }
}

extension DigestCommand {
    /// The `--day` option's day, else today.
    static func day(_ option: String?, clock: any WallClock) throws -> Day {
        guard let option else { return Day(clock.now()) }
        guard let parsed = Day(option) else { throw CommandFailure("--day must be a date like 2026-08-22, not \(option)") }
        return parsed
    }
}

extension DigestFrequency: ExpressibleByArgument {}
