import Foundation
import HummingbirdTesting
import PaperAccounts
import PaperCore
import PaperMail
import PaperStore
import PaperWeb
import Synchronization
import Testing

/// A small store of four papers and the application built over it with accounts, mail and
/// (optionally) arXiv lookup, for the community tests: each test gets its own store, session
/// table and rate limits.
enum CommunityFixture {
    /// The day the papers are listed on; the clock (`WebFixture.now`) is the day after.
    static let listedDay = Day("2026-08-21")!
    static let today = Day(WebFixture.now)

    static let quokka = Paper(
        id: PaperID(rawValue: "2608.00001"), title: "Quokka Networks for Sparse Retrieval",
        abstract: "We retrieve documents with quokka networks, a sparse architecture.",
        authors: [Author(name: "Ada Lovelace"), Author(name: "Grace Hopper")], listedOn: listedDay,
        submitter: Submitter(name: "akhaliq", fullname: "AK"), upvotes: 5, source: .huggingFace)
    static let wombat = Paper(
        id: PaperID(rawValue: "2608.00002"), title: "Wombat Diffusion Models",
        abstract: "Diffusion models that dig burrows in latent space.",
        authors: [Author(name: "Alan Turing")], listedOn: listedDay, upvotes: 3, source: .huggingFace)
    /// Listed two days before the clock's day, by someone from Hugging Face.
    static let platypus = Paper(
        id: PaperID(rawValue: "2608.00003"), title: "Platypus Graph Transformers",
        abstract: "Graph transformers with a bill.", authors: [Author(name: "Edsger Dijkstra")],
        listedOn: Day("2026-08-20")!, submitter: Submitter(name: "hfuser", fullname: "HF User"), upvotes: 1, source: .huggingFace)
    /// In the store but on no day's list.
    static let echidna = Paper(
        id: PaperID(rawValue: "2608.00004"), title: "Echidna Tokenizers",
        abstract: "Spiky tokenizers.", authors: [Author(name: "Barbara Liskov")], source: .arxivAtom)

    static let papers = [quokka, wombat, platypus, echidna]

    /// The configuration the community tests run with: bcrypt at cost 4, links to papers.test.
    /// Log-in limits count over an hour, not a minute: eleven attempts on a loaded machine have
    /// taken longer than a minute, and the first ones left the window before the limit was reached.
    static var configuration: WebConfiguration {
        var configuration = WebConfiguration(host: "127.0.0.1", port: 0, publicURL: "http://papers.test", passwordCost: 4)
        configuration.rateLimits.loginWindow = .seconds(3_600)
        return configuration
    }

    /// Runs `test` against the application as `serve` builds it, over `store`: through the router
    /// or, `live`, through a real HTTP server on a free loopback port (`client.port`).
    static func withApp<T: Sendable>(
        store: any PaperDatabase, mailer: RecordingMailer? = nil, lookup: (any PaperLookup)? = nil,
        configuration: WebConfiguration = CommunityFixture.configuration, live: Bool = false,
        _ test: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let dependencies = WebDependencies(repository: store, community: store, mailer: mailer, lookup: lookup, harvests: store,
                                           clock: FixedClock(WebFixture.now))
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies)
        return try await app.test(live ? .live : .router, test)
    }

    /// Creates an admin account directly in the store (there is no web form for that).
    @discardableResult
    static func createAdmin(in store: any PaperDatabase, name: String = "root", password: String = "admin-password") async throws -> User {
        try await store.createUser(name: name, email: "\(name)@admins.test", passwordHash: try await Passwords(cost: 4).hash(password),
                                   isAdmin: true, now: WebFixture.now)
    }
}

extension Browser {
    /// Signs up through the form and expects to be logged in (303 with a session cookie).
    mutating func signUp(_ name: String, email: String? = nil, password: String = "correct horse") async throws {
        try await get("/signup")
        let response = try await post("/signup", form: [("name", name), ("email", email ?? "\(name)@example.org"),
                                                         ("password", password)])
        #expect(response.status == .seeOther, "sign-up of \(name): \(response.text.prefix(300))")
        #expect(cookies["pf_session"] != nil)
        try await followRedirect(response)
    }

    /// Loads the page a log-in redirects to, as a browser does: it carries the new CSRF token.
    private mutating func followRedirect(_ response: TestResponse) async throws {
        if let location = response.headers[.location], location.hasPrefix("/") { try await get(location) }
    }

    /// Asks for a password-reset link by the "Forgot password" form; the site says the same
    /// whether or not it mails one.
    @discardableResult
    mutating func askForResetLink(email: String) async throws -> TestResponse {
        try await get("/password/forgot")
        let response = try await post("/password/forgot", form: [("email", email)])
        #expect(response.status == .ok)
        #expect(response.text.contains("Check your inbox"))
        return response
    }

    /// Logs in through the form and expects it to work.
    mutating func logIn(_ name: String, password: String) async throws {
        try await get("/login")
        let response = try await post("/login", form: [("name", name), ("password", password)])
        #expect(response.status == .seeOther, "log-in of \(name)")
        #expect(cookies["pf_session"] != nil)
        try await followRedirect(response)
    }
}

/// Keeps every message instead of sending it. Real SMTP delivery is tested in PaperMailTests;
/// here only what the web pages ask to send matters.
final class RecordingMailer: Mailer {
    private let messages = Mutex<[MailMessage]>([])

    func send(_ message: MailMessage) async throws {
        messages.withLock { $0.append(message) }
    }

    var sent: [MailMessage] { messages.withLock { $0 } }

    /// The first `http://papers.test/<path>…` link in the last message to `address`, as a path.
    func link(to address: String, startingWith path: String) -> String? {
        guard let message = sent.last(where: { $0.to.contains { $0.address == address } }),
              let start = message.textBody.range(of: "http://papers.test" + path) else { return nil }
        let rest = message.textBody[start.lowerBound...]
        let url = rest.prefix { !$0.isWhitespace }
        return String(url.dropFirst("http://papers.test".count))
    }
}

/// An arXiv that has no paper under any id: the answer for an id nobody published.
struct ArxivWithoutPapers: PaperLookup {
    func paper(arxiv id: ArxivID) async throws -> Paper? { nil }
}

extension String {
    /// The number in the first `<span class="count">N</span>` after `marker`.
    func count(after marker: String) -> Int? {
        guard let start = range(of: marker),
              let open = self[start.upperBound...].range(of: "<span class=\"count\">"),
              let close = self[open.upperBound...].range(of: "</span>") else { return nil }
        return Int(self[open.upperBound..<close.lowerBound])
    }

    /// How many times `text` occurs.
    func occurrences(of text: String) -> Int {
        components(separatedBy: text).count - 1
    }
}
