import Foundation
import PaperCore
import PaperStore
import Testing
import TestSupport

/// `paperfeed digest send` against a real SMTP server (aiosmtpd) and a real store.
@Suite(.serialized) struct DigestCommandTests {
    /// A CLI whose database holds one real day of papers and `confirmed` subscribers, mailing `server`.
    func digestCLI(server: SMTPTestServer, database: String? = nil, confirmed: Int, pending: Int = 0) async throws -> (CLI, [Subscriber]) {
        var cli = CLI()
        cli.environment = ["PAPERFEED_SMTP_HOST": "127.0.0.1", "PAPERFEED_SMTP_PORT": String(server.port),
                           "PAPERFEED_SMTP_SECURITY": "plain", "PAPERFEED_PUBLIC_URL": "http://papers.test",
                           "PAPERFEED_MAIL_FROM": "digest@papers.test"]
        let location = database ?? cli.database
        let day = RepositoryPaths.hfDays.appendingPathComponent("2026-08-21.json").path
        #expect(try await cli.run("import", day, "--db", location).status == 0)
        let subscribers = try await PaperDatabases.withStore(location) { store in
            var subscribers: [Subscriber] = []
            for index in 0..<(confirmed + pending) {
                subscribers.append(try await store.subscribe(
                    email: "reader\(index)-\(UUID().uuidString.prefix(8))@example.org", frequency: .daily, userID: nil,
                    confirmed: index < confirmed, token: UUID().uuidString, now: Date()))
            }
            return subscribers
        }
        return (cli, subscribers)
    }

    @Test func eachConfirmedSubscriberGetsOneDigestPerPeriodWithAWorkingUnsubscribe() async throws {
        let server = try await SMTPTestServer()
        let (cli, subscribers) = try await digestCLI(server: server, confirmed: 3, pending: 1)
        defer { cli.removeDatabase() }
        let first = try await cli.run("digest", "send", "--day", "2026-08-22", "--period", "daily")
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("3 new deliveries queued"), "\(first.output)")
        #expect(first.output.contains("Sent 3"), "\(first.output)")
        let mail = try await server.messages(count: 3)
        #expect(Set(mail.flatMap(\.envelopeTo)) == Set(subscribers.prefix(3).map(\.email)))
        for message in mail {
            let recipient = try #require(subscribers.first { message.envelopeTo == [$0.email] })
            #expect(message.header("List-Unsubscribe") == "<http://papers.test/digest/unsubscribe/\(recipient.token)>")
            #expect(message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
            #expect(message.text?.contains("http://papers.test/papers/") == true)
            #expect(message.html?.contains("<a href=\"http://papers.test/digest/unsubscribe/\(recipient.token)\"") == true)
        }
        // The same period again: nothing new, nothing sent twice.
        let again = try await cli.run("digest", "send", "--day", "2026-08-22", "--period", "daily")
        #expect(again.output.contains("0 new deliveries queued"), "\(again.output)")
        #expect(try await server.messages(count: 4, timeout: .milliseconds(500)).count == 3)

        // Unsubscribed: the next digest (the weekly one here) leaves that address out.
        try await PaperDatabases.withStore(cli.database) { store in
            for subscriber in subscribers.prefix(3) {
                _ = try await store.changeFrequency(token: subscriber.token, to: .weekly, now: Date())
            }
            _ = try await store.setSubscriberState(token: subscribers[0].token, to: .unsubscribed, now: Date())
        }
        let weekly = try await cli.run("digest", "send", "--day", "2026-08-22", "--period", "weekly")
        #expect(weekly.output.contains("Sent 2"), "\(weekly.output)")
        let all = try await server.messages(count: 5)
        #expect(!all.dropFirst(3).contains { $0.envelopeTo == [subscribers[0].email] })
    }

    @Test func statusCountsSubscribersAndShowsTheCurrentPeriodsAndEveryPeriodNotFullySent() async throws {
        let server = try await SMTPTestServer()
        let (cli, subscribers) = try await digestCLI(server: server, confirmed: 3, pending: 1)
        defer { cli.removeDatabase() }
        let before = try await cli.run("digest", "status", "--day", "2026-08-22")
        #expect(before.status == 0, "\(before.errors)")
        #expect(before.output == """
            Subscribers:
              daily: 3 confirmed, 1 pending, 0 unsubscribed
              weekly: 0 confirmed, 0 pending, 0 unsubscribed
            Outbox:
              daily/2026-08-22: nothing queued
              weekly/2026-W34: nothing queued

            """)
        #expect(try await cli.run("digest", "send", "--day", "2026-08-22", "--period", "daily").status == 0)
        // An older period that is still going out: one delivery failed, the rest wait.
        try await PaperDatabases.withStore(cli.database) { store in
            _ = try await store.setSubscriberState(token: subscribers[0].token, to: .unsubscribed, now: Date())
            #expect(try await store.planDigest(frequency: .daily, period: "daily/2026-08-20", now: Date()) == 2)
            let claimed = try #require(try await store.claimDelivery(node: "test", lease: .seconds(60), now: Date()))
            #expect(try await store.failDelivery(claimed, error: "550 no such user"))
        }
        let after = try await cli.run("digest", "status", "--day", "2026-08-22")
        #expect(after.output.contains("daily: 2 confirmed, 1 pending, 1 unsubscribed"), "\(after.output)")
        #expect(after.output.contains("daily/2026-08-22: 3 sent, 0 skipped, 0 queued, 0 sending, 0 failed"), "\(after.output)")
        #expect(after.output.contains("daily/2026-08-20: 0 sent, 0 skipped, 1 queued, 0 sending, 1 failed"), "\(after.output)")
        #expect(try await cli.run("digest", "status", "--day", "22 August").errors.contains("--day must be a date like 2026-08-22"))
    }

    @Test func aSenderKilledHalfwayThrough200SubscribersIsFinishedByTheNextRunWithoutDuplicates() async throws {
        // The server stops answering after 100 messages, so the kill lands mid-send, between two emails.
        let server = try await SMTPTestServer(holdAfter: 100)
        let (cli, subscribers) = try await digestCLI(server: server, confirmed: 200)
        defer { cli.removeDatabase() }
        let sender = try cli.start(["digest", "send", "--day", "2026-08-22", "--period", "daily", "--lease-seconds", "1"])
        #expect(try await server.messages(count: 100, timeout: .seconds(120)).count == 100)
        // Killed once it has recorded the hundredth as sent and is sending the next, which the
        // server holds: a kill between the server's answer and that record would send it twice.
        try await PaperDatabases.withStore(cli.database) { store in
            for _ in 0..<2_400 {
                let counts = try await store.deliveryCounts(period: "daily/2026-08-22")
                if counts["sent"] == 100 && counts["sending"] == 1 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        kill(sender.processIdentifier, SIGKILL)
        sender.waitUntilExit()
        #expect(sender.terminationReason == .uncaughtSignal)
        // The delivery it was sending is taken again once its (one-second) lease has run out; a
        // restart within that second would leave it to the dead sender and send 99.
        try await Task.sleep(for: .milliseconds(1500))

        let restart = try await cli.run("digest", "send", "--day", "2026-08-22", "--period", "daily")
        #expect(restart.status == 0, "\(restart.errors)")
        #expect(restart.output.contains("0 new deliveries queued"), "\(restart.output)")
        #expect(restart.output.contains("Sent 100"), "\(restart.output)")
        let mail = try await server.messages(count: 201, timeout: .seconds(1))
        #expect(mail.count == 200)
        let recipients = mail.flatMap(\.envelopeTo)
        #expect(Set(recipients) == Set(subscribers.map(\.email)))
        #expect(recipients.count == Set(recipients).count, "nobody got two")
    }

    @Test func personalDigestsListEachFollowedAuthorsNewPaperOnceEvenAcrossAKill() async throws {
        let server = try await SMTPTestServer(holdAfter: 8)
        let (cli, _) = try await digestCLI(server: server, confirmed: 0)
        defer { cli.removeDatabase() }
        // 16 readers, each following the first author of one of the day's papers.
        let readers = try await PaperDatabases.withStore(cli.database) { store in
            let authors = Array(Set(try await store.papers(after: nil, limit: 1_000).compactMap { $0.authors.first?.name }).sorted().prefix(16))
            var readers: [(email: String, author: String)] = []
            for (index, author) in authors.enumerated() {
                let user = try await store.createUser(name: "reader\(index)", email: "reader\(index)@example.org", passwordHash: "h",
                                                      isAdmin: false, now: Date())
                _ = try await store.followAuthor(author, userID: user.id, limit: 10, now: Date())
                _ = try await store.subscribe(email: user.email, frequency: .daily, userID: user.id, confirmed: true,
                                              token: UUID().uuidString, now: Date())
                readers.append((user.email, author))
            }
            return readers
        }
        #expect(readers.count == 16)
        let sender = try cli.start(["digest", "send", "--day", "2026-08-22", "--period", "daily", "--lease-seconds", "1"])
        #expect(try await server.messages(count: 8, timeout: .seconds(120)).count == 8)
        kill(sender.processIdentifier, SIGKILL)
        sender.waitUntilExit()
        // The delivery it was sending is taken again once its (one-second) lease has run out.
        try await Task.sleep(for: .milliseconds(1500))
        let restart = try await cli.run("digest", "send", "--day", "2026-08-22", "--period", "daily")
        #expect(restart.status == 0, "\(restart.errors)")
        let mail = try await server.messages(count: 17, timeout: .seconds(1))
        #expect(mail.count == 16)
        #expect(mail.flatMap(\.envelopeTo).sorted() == readers.map(\.email).sorted(), "each reader got one digest")
        for message in mail {
            let reader = try #require(readers.first { message.envelopeTo == [$0.email] })
            #expect(message.text?.contains("New from authors you follow") == true)
            #expect(message.text?.contains("by \(reader.author)") == true, "\(message.text ?? "")")
            #expect(message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        }
        // The next day the same papers are still new, but each went to its reader already.
        let nextDay = try await cli.run("digest", "send", "--day", "2026-08-23", "--period", "daily")
        #expect(nextDay.output.contains("Sent 16"), "\(nextDay.output)")
        let later = try await server.messages(count: 32, timeout: .seconds(60)).dropFirst(16)
        #expect(later.count == 16)
        #expect(!later.contains { $0.text?.contains("New from authors you follow") == true }, "nobody is told of a paper twice")
    }

    @Test(.enabled(if: DatabaseEngine.postgresURL != nil, "needs PostgreSQL"))
    func twoNodesSendingTheSamePeriodSendEachEmailOnce() async throws {
        let server = try await SMTPTestServer()
        try await withTemporaryDatabase(.postgres) { database in
            let url = database.location
            let (cli, subscribers) = try await digestCLI(server: server, database: url, confirmed: 60)
            let nodes = try (0..<2).map { _ in try cli.start(["digest", "send", "--day", "2026-08-22", "--period", "daily", "--db", url]) }
            for node in nodes { _ = try await CLI.finish(node) }
            #expect(nodes.allSatisfy { $0.terminationStatus == 0 })
            let mail = try await server.messages(count: 61, timeout: .seconds(1))
            let recipients = mail.flatMap(\.envelopeTo)
            #expect(recipients.count == 60)
            #expect(Set(recipients) == Set(subscribers.map(\.email)))
        }
    }
}
