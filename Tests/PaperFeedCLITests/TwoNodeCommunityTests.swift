import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// Two `serve` processes over one PostgreSQL: what a user does on one is seen on the other.
@Suite(.enabled(if: DatabaseEngine.postgresURL != nil,
                "needs PAPERFEED_TEST_POSTGRES_URL: run scripts/test.sh"))
struct TwoNodeCommunityTests {
    @Test func aVoteCastOnOneNodeIsSeenOnTheOther() async throws {
        var cli = CLI()
        // Keyword search only: embedding the papers in the background is not what this is about.
        cli.environment = ["PAPERFEED_PASSWORD_COST": "4", "PAPERFEED_DEMO": "false", "PAPERFEED_MODEL_DIR": "/nonexistent"]
        try await withTemporaryDatabase(.postgres) { database in
            let url = database.location
            let seed = RepositoryPaths.seedPage.path
            #expect(try await cli.run("import", seed, "--db", url).status == 0)
            let created = try await cli.run(["user", "create", "--name", "ada", "--email", "ada@example.org", "--db", url], input: "correct horse\n")
            #expect(created.status == 0, "\(created.errors)")
            let nodes = try (0..<2).map { _ in try cli.start(["serve", "--port", "0", "--db", url]) }
            defer { nodes.forEach { $0.terminate() } }
            let bases = try await ServerOutput.baseURLs(of: nodes)

            let paper = try await HTTP.json(bases[1] + "api/papers/search?q=UniFormerV2&mode=keyword")
            let id = try #require(((paper as? [[String: Any]])?.first?["paper"] as? [String: Any])?["id"] as? String)
            let before = try #require(try await HTTP.json(bases[1] + "api/papers/\(id)") as? [String: Any])["upvotes"] as? Int

            let browser = HTTP.Browser(base: bases[0])
            _ = try await browser.get("login")
            let login = try await browser.post("login", form: ["name": "ada", "password": "correct horse"])
            #expect(login.status == 303)
            let vote = try await browser.post("papers/\(id)/vote", form: [:], headers: ["Accept": "application/json"])
            #expect(vote.status == 200, "\(vote.body)")

            // The other node answered this URL before the vote: its 5-second response cache may
            // hold the old count that long, and no longer.
            var after: Int?
            for _ in 0..<14 where after != (before ?? 0) + 1 {
                try await Task.sleep(for: .milliseconds(500))
                after = try #require(try await HTTP.json(bases[1] + "api/papers/\(id)") as? [String: Any])["upvotes"] as? Int
            }
            #expect(after == (before ?? 0) + 1)
        }
    }
}

/// Plain HTTP for these tests: JSON reads, and a browser-like client that keeps cookies, sends
/// the CSRF token and does not follow redirects.
enum HTTP {
    static func json(_ url: String) async throws -> Any {
        let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
        return try JSONSerialization.jsonObject(with: data)
    }

    static func text(_ url: String) async throws -> String {
        let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
        return String(decoding: data, as: UTF8.self)
    }

    actor Browser {
        let base: String
        private var cookies: [String: String] = [:]
        private let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)

        init(base: String) { self.base = base }

        func get(_ path: String) async throws -> (status: Int, body: String) {
            try await send(URLRequest(url: URL(string: base + path)!))
        }

        func post(_ path: String, form: [String: String], headers: [String: String] = [:]) async throws -> (status: Int, body: String) {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = "POST"
            var fields = form
            fields["csrf"] = cookies["pf_csrf"]
            request.httpBody = Data(fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&").utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            return try await send(request)
        }

        private func send(_ request: URLRequest) async throws -> (status: Int, body: String) {
            var request = request
            request.httpShouldHandleCookies = false
            request.setValue(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie")
            let (data, response) = try await session.data(for: request)
            let http = response as! HTTPURLResponse
            for (name, value) in http.allHeaderFields where "\(name)".lowercased() == "set-cookie" {
                for cookie in "\(value)".components(separatedBy: ", ") {
                    let pair = cookie.components(separatedBy: ";")[0].split(separator: "=", maxSplits: 1)
                    if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
                }
            }
            return (http.statusCode, String(decoding: data, as: UTF8.self))
        }
    }

    /// Leaves redirects to the test, which checks where they lead.
    final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}
