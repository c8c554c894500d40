import Foundation
import PaperCore
import PaperMail
import PaperStore
import Synchronization
import Testing
import TestSupport

/// The scheduler inside `serve`, against a real store and a real SMTP server.
@Suite struct DigestSchedulerTests {
    /// A clock the test moves.
    final class ManualClock: WallClock {
        private let date: Mutex<Date>
        init(_ date: Date) { self.date = Mutex(date) }
        func now() -> Date { date.withLock { $0 } }
        func set(_ new: Date) { date.withLock { $0 = new } }
    }

    static let paper = Paper(id: PaperID(rawValue: "2608.00001"), title: "Trending Platypus", abstract: "About platypuses.",
                             authors: [Author(name: "Ada")], listedOn: Day("2026-11-29"), upvotes: 3, source: .huggingFace)

    func scheduler(store: any PaperDatabase, port: Int, clock: ManualClock) -> DigestScheduler {
        let mailer = SMTPMailer(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, security: .plain, timeout: .seconds(60)))
        let renderer = DigestRenderer(siteName: "PaperFeed", siteURL: "http://papers.test", from: MailAddress("digest@papers.test"))
        let sender = DigestSender(store: store, mailer: mailer, renderer: renderer, clock: clock, node: "test")
        let trending = TrendingRanker().score(Self.paper, at: clock.now())
        return DigestScheduler(sender: sender, content: { _, _ in [trending] }, hour: 7)
    }

    func withSubscribers(_ emails: [String], _ body: (any PaperDatabase) async throws -> Void) async throws {
        try await withTemporaryStore { store in
            for email in emails {
                _ = try await store.subscribe(email: email, frequency: .daily, userID: nil, confirmed: true, token: UUID().uuidString, now: Date())
            }
            try await body(store)
        }
    }

    @Test func digestsGoOutOnceTheSendHourHasCome() async throws {
        let server = try await SMTPTestServer()
        try await withSubscribers(["a@example.org", "b@example.org"]) { store in
            // Sunday 2026-11-29: the daily digest only.
            let clock = ManualClock(Day("2026-11-29")!.start.addingTimeInterval(6 * 3600 + 59 * 60))
            let scheduler = scheduler(store: store, port: server.port, clock: clock)
            try await scheduler.tick()
            #expect(try await store.deliveryCounts(period: "daily/2026-11-29").isEmpty)
            clock.set(Day("2026-11-29")!.start.addingTimeInterval(7 * 3600 + 60))
            try await scheduler.tick()
            try await scheduler.tick()
            #expect(try await store.deliveryCounts(period: "daily/2026-11-29") == ["sent": 2])
            #expect(try await store.deliveryCounts(period: "weekly/2026-W48").isEmpty)
            let mail = try await server.messages(count: 3, timeout: .milliseconds(500))
            #expect(mail.count == 2)
            #expect(mail.first?.decodedHeader("Subject")?.contains("PaperFeed") == true)
            #expect(mail.first?.text?.contains("Trending Platypus") == true)
        }
    }

    @Test func anUnreachableServerMeansRetriesWithBackoffNotLoss() async throws {
        try await withSubscribers(["a@example.org"]) { store in
            let monday = Day("2026-11-30")!.start.addingTimeInterval(8 * 3600)
            let clock = ManualClock(monday)
            // Nothing listens on port 1: the server is down.
            try await scheduler(store: store, port: 1, clock: clock).tick()
            #expect(try await store.deliveryCounts(period: "daily/2026-11-30") == ["queued": 1])
            #expect(try await store.deliveryCounts(period: "weekly/2026-W49").isEmpty, "not subscribed weekly")
            // Within the first minute of backoff nothing is tried; after it, the mail goes out.
            let server = try await SMTPTestServer()
            clock.set(monday.addingTimeInterval(30))
            try await scheduler(store: store, port: server.port, clock: clock).tick()
            #expect(try await server.messages(count: 1, timeout: .milliseconds(300)).isEmpty)
            clock.set(monday.addingTimeInterval(61))
            try await scheduler(store: store, port: server.port, clock: clock).tick()
            #expect(try await server.messages(count: 1).count == 1)
            #expect(try await store.deliveryCounts(period: "daily/2026-11-30") == ["sent": 1])
        }
    }
}
