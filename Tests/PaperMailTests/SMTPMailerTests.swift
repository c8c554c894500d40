import Foundation
import NIOCore
import NIOPosix
import PaperCore
import Testing
@testable import PaperMail
import TestSupport

/// Sends through a real aiosmtpd server (scripts/smtp-test-server.py) and reads what arrived.
@Suite("SMTP against aiosmtpd")
struct SMTPMailerTests {
    static let sender = MailAddress("digest@papers.example.org", name: "PaperFeed Digest")
    static let recipient = MailAddress("juergen@example.net", name: "Jürgen Müller")
    static let unsubscribe = "https://papers.example.org/unsubscribe?token=a1b2c3&list=daily"

    static func digest() -> MailMessage {
        let renderer = DigestRenderer(siteName: "PaperFeed Zürich", siteURL: "https://papers.example.org/",
                                      from: sender)
        let ranked = TrendingRanker().rank(DigestRendererTests.papers, at: Day(year: 2025, month: 3, day: 11)!.start)
        return renderer.render(papers: ranked, period: .day(Day(year: 2025, month: 3, day: 11)!),
                               recipient: recipient, unsubscribeURL: unsubscribe)
    }

    static func configuration(_ server: SMTPTestServer, _ security: SMTPConfiguration.Security,
                              username: String? = nil, password: String? = nil) -> SMTPConfiguration {
        SMTPConfiguration(host: "127.0.0.1", port: server.port, security: security, username: username,
                          password: password, heloName: "paperfeed.test", timeout: .seconds(120),
                          certificateVerification: server.certificatePEM.map { .trusting(pemCertificates: [$0]) } ?? .full)
    }

    /// What every delivered digest must look like.
    static func checkDigest(_ mail: ReceivedMail) throws {
        #expect(mail.envelopeFrom == sender.address)
        #expect(mail.envelopeTo == [recipient.address])
        #expect(mail.decodedHeader("From") == "PaperFeed Digest <digest@papers.example.org>")
        #expect(mail.decodedHeader("To") == "Jürgen Müller <juergen@example.net>")
        #expect(mail.header("To")?.contains("=?UTF-8?B?") == true)
        #expect(mail.decodedHeader("Subject") == "Trending papers for 2025-03-11 · PaperFeed Zürich")
        #expect(mail.header("Subject")?.hasPrefix("=?UTF-8?B?") == true)
        #expect(mail.header("List-Unsubscribe") == "<\(unsubscribe)>")
        #expect(mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        #expect(mail.header("Message-ID")?.hasSuffix("@papers.example.org>") == true)
        #expect(mail.header("Date") != nil)
        #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
        #expect(mail.parts.count == 2)
        let text = try #require(mail.text)
        let html = try #require(mail.html)
        #expect(text.contains("<script>alert('x')</script> considered harmful"))
        #expect(text.contains("https://papers.example.org/papers/2503.00001"))
        #expect(text.contains("Unsubscribe: \(unsubscribe)"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; considered harmful"))
        #expect(!html.contains("<script"))
        #expect(html.contains("href=\"https://papers.example.org/papers/2503.00001\""))
        #expect(html.contains("href=\"https://papers.example.org/unsubscribe?token=a1b2c3&amp;list=daily\""))
        #expect(html.contains("Ada Lovelace, Alan Turing, Grace Hopper et al."))
        for line in mail.raw.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 998) }
    }

    @Test func sendsDigestOverPlainSMTP() async throws {
        let server = try await SMTPTestServer()
        try await SMTPMailer(configuration: Self.configuration(server, .plain)).send(Self.digest())
        let mail = try #require(try await server.messages().first)
        try Self.checkDigest(mail)
        #expect(mail.login == nil)
    }

    @Test func sendsOverStartTLSWithAuthPlain() async throws {
        // aiosmtpd offers AUTH only after STARTTLS here, so this also proves the second EHLO.
        let server = try await SMTPTestServer(security: "starttls", auth: "digest:s3cret", mechanisms: "PLAIN")
        let mailer = SMTPMailer(configuration: Self.configuration(server, .startTLS, username: "digest", password: "s3cret"))
        try await mailer.send(Self.digest())
        let mail = try #require(try await server.messages().first)
        try Self.checkDigest(mail)
        #expect(mail.login == "digest")
    }

    @Test func sendsOverImplicitTLSWithAuthLogin() async throws {
        let server = try await SMTPTestServer(security: "tls", auth: "digest:pässwörd", mechanisms: "LOGIN")
        let mailer = SMTPMailer(configuration: Self.configuration(server, .implicitTLS, username: "digest", password: "pässwörd"))
        try await mailer.send(Self.digest())
        let mail = try #require(try await server.messages().first)
        try Self.checkDigest(mail)
        #expect(mail.login == "digest")
    }

    @Test func dotStuffingKeepsLinesThatStartWithADot() async throws {
        let server = try await SMTPTestServer()
        let body = ".leading dot\n.\n..two dots\nlast line"
        let message = MailMessage(from: Self.sender, to: "someone@example.net", subject: "dots",
                                  textBody: body, htmlBody: "<p>\n.html dot\n</p>")
        try await SMTPMailer(configuration: Self.configuration(server, .plain)).send(message)
        let mail = try #require(try await server.messages().first)
        #expect(mail.text == body + "\n")
        #expect(mail.html == "<p>\n.html dot\n</p>\n")
        #expect(mail.raw.contains("\r\n.leading dot\r\n.\r\n..two dots\r\n"))
    }

    @Test func wrongPasswordIsRejectedWith535() async throws {
        let server = try await SMTPTestServer(security: "starttls", auth: "digest:s3cret")
        let mailer = SMTPMailer(configuration: Self.configuration(server, .startTLS, username: "digest", password: "wrong"))
        let error = try await #require(throws: SMTPError.self) { try await mailer.send(Self.digest()) }
        #expect(error.code == 535)
        #expect(!error.isTransient)
        #expect(!error.description.contains("wrong"))
        #expect(try await server.messages(count: 1, timeout: .milliseconds(300)).isEmpty)
    }

    @Test func startTLSIsNotSilentlySkipped() async throws {
        let server = try await SMTPTestServer()
        let mailer = SMTPMailer(configuration: Self.configuration(server, .startTLS))
        await #expect(throws: SMTPError.startTLSUnsupported) { try await mailer.send(Self.digest()) }
    }

    @Test func untrustedCertificateFailsTheHandshake() async throws {
        let server = try await SMTPTestServer(security: "tls")
        var configuration = Self.configuration(server, .implicitTLS)
        configuration.certificateVerification = .full
        let error = try await #require(throws: SMTPError.self) {
            try await SMTPMailer(configuration: configuration).send(Self.digest())
        }
        guard case .tls = error else { Issue.record("expected a TLS error, got \(error)"); return }
    }
}

/// Failures without a server that answers: each must end in its own error, never hang (the time
/// limit catches a hang; how fast they fail is not a unit test's business on a loaded machine).
@Suite("SMTP failures without a server", .hangGuard)
struct SMTPFailureTests {
    @Test func closedPortFailsFast() async throws {
        // Port 1 (tcpmux): nothing listens there, and being below 1024 it is never handed out as
        // an ephemeral port, so neither a parallel test nor a TCP self-connect can take it.
        let port = 1
        let mailer = SMTPMailer(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, security: .plain))
        await #expect(throws: SMTPError.connectionRefused(host: "127.0.0.1", port: port)) {
            try await mailer.send(SMTPMailerTests.digest())
        }
    }

    @Test func silentServerTimesOut() async throws {
        // Accepts the connection but never greets.
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { listener.close(promise: nil) }
        let port = try #require(listener.localAddress?.port)
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .plain, timeout: .milliseconds(500))
        await #expect(throws: SMTPError.timeout(waitingFor: "greeting")) {
            try await SMTPMailer(configuration: configuration).send(SMTPMailerTests.digest())
        }
    }
}
