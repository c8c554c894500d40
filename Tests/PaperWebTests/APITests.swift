import Foundation
import HummingbirdTesting
import Testing

@Suite struct APITests {
    func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.text.utf8))
    }

    @Test func dailyPapersHaveHuggingFacesShape() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/daily_papers?date=2026-08-21", method: .get) { response in
                #expect(response.status == .ok)
                let entries = try #require(try json(response) as? [[String: Any]])
                #expect(entries.count == 17)
                let entry = try #require(entries.first { ($0["title"] as? String)?.hasPrefix("EnvHarness") == true })
                let paper = try #require(entry["paper"] as? [String: Any])
                #expect(paper["id"] as? String == "2608.19880")
                #expect(paper["upvotes"] as? Int == 163)
                #expect((paper["authors"] as? [[String: Any]])?.first?["name"] as? String == "Chengsong Huang")
                #expect(paper["githubRepo"] as? String == "https://github.com/google-research/envharness")
                #expect(paper["submittedOnDailyAt"] as? String == "2026-08-21T00:00:00.000Z")
                #expect(entry["numComments"] as? Int == 1)
                #expect((entry["submittedBy"] as? [String: Any])?["name"] as? String == "taesiri")
            }
        }
    }

    @Test func pagesCarryALinkToTheNext() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/daily_papers?month=2026-08&limit=10", method: .get) { response in
                let link = try #require(response.headers[.init("Link")!])
                #expect(link.contains("http://papers.test/api/daily_papers?"))
                #expect(link.contains("p=1"))
                #expect(link.hasSuffix("rel=\"next\""))
            }
            try await client.execute(uri: "/api/daily_papers?date=2026-08-21&limit=100", method: .get) { response in
                #expect(response.headers[.init("Link")!] == nil)
            }
            // The day has 17 papers: a page of exactly 17 is the last, a page of 16 has a next
            // page of one, and that one is the last.
            for (uri, count, hasNext) in [("limit=17", 17, false), ("limit=16", 16, true), ("limit=16&p=1", 1, false)] {
                try await client.execute(uri: "/api/daily_papers?date=2026-08-21&" + uri, method: .get) { response in
                    let entries = try json(response) as? [[String: Any]]
                    #expect(entries?.count == count, "\(uri)")
                    #expect((response.headers[.init("Link")!] != nil) == hasNext, "\(uri)")
                }
            }
            // The whole feed, newest first, which is not counted to find that there is more.
            try await client.execute(uri: "/api/daily_papers?limit=5", method: .get) { response in
                let entries = try json(response) as? [[String: Any]]
                #expect(entries?.count == 5)
                #expect(response.headers[.init("Link")!]?.contains("p=1") == true)
            }
        }
    }

    @Test(arguments: [
        ("/api/daily_papers?limit=abc", "limit must be a whole number"),
        ("/api/daily_papers?limit=500", "limit must be a whole number from 1 to 100"),
        ("/api/daily_papers?date=2025-13-45", "date must be YYYY-MM-DD"),
        ("/api/daily_papers?week=2025-W60", "week must be YYYY-Www"),
        ("/api/daily_papers?month=2025-13", "month must be YYYY-MM"),
        ("/api/daily_papers?sort=bogus", "sort must be publishedAt or trending"),
        ("/api/papers/search", "q is required"),
        ("/api/papers/search?q=%22%20-", "The query is empty"),
    ])
    func badParametersGet400WithAMessage(uri: String, message: String) async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try #require(try json(response) as? [String: String])
                #expect(body["error"]?.contains(message) == true, "\(body)")
            }
        }
    }

    @Test func paperInfoAndSearch() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/papers/2608.19880", method: .get) { response in
                let paper = try #require(try json(response) as? [String: Any])
                #expect(paper["title"] as? String == "EnvHarness: Awakening Static Worlds for Agent Learning")
            }
            try await client.execute(uri: "/api/papers/2699.99999", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try json(response) as? [String: String]
                #expect(body?["error"] != nil)
            }
            try await client.execute(uri: "/api/papers/search?q=EnvHarness&limit=5", method: .get) { response in
                let entries = try #require(try json(response) as? [[String: Any]])
                #expect((entries.first?["paper"] as? [String: Any])?["id"] as? String == "2608.19880")
            }
        }
    }

    @Test func allPapersWalkWithACursor() async throws {
        try await WebFixture.withApp { client in
            var uri = "/api/papers?limit=40"
            var seen: [String] = []
            while true {
                let next: String? = try await client.execute(uri: uri, method: .get) { response in
                    let papers = try #require(try json(response) as? [[String: Any]])
                    seen += papers.compactMap { $0["id"] as? String }
                    return response.headers[.init("Link")!].map {
                        String($0.dropFirst().prefix { $0 != ">" }).replacingOccurrences(of: "http://papers.test", with: "")
                    }
                }
                guard let next else { break }
                uri = next
            }
            #expect(seen == seen.sorted())
            #expect(Set(seen).count == seen.count)
            #expect(seen.count > 150)
        }
    }

    @Test func conditionalGetAnswers304WhenNothingChanged() async throws {
        try await WebFixture.withApp { client in
            for uri in ["/", "/api/daily_papers?date=2026-08-21", "/feeds/daily.rss"] {
                // A page carries the visitor's CSRF token, so the browser's cookie goes along.
                let (etag, cookie) = try await client.execute(uri: uri, method: .get) {
                    (try #require($0.headers[.eTag]), $0.headers[.setCookie]?.components(separatedBy: ";").first ?? "")
                }
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag, .cookie: cookie]) { response in
                    #expect(response.status == .notModified, "\(uri)")
                    #expect(response.body.readableBytes == 0)
                }
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"other\""]) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    /// A pasted passage (quotes, parentheses, colons, hundreds of words) is searched as its words.
    @Test func aPastedPassageFindsPapersThroughTheAPI() async throws {
        let passage = String(repeating: "Agents (\"world models\") learn to act: video, robots, and environments - ", count: 40)
        let query = passage.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/papers/search?mode=keyword&q=" + query, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.init("X-Search-Read-As")!] == "words")
                let results = try #require(try json(response) as? [Any])
                #expect(!results.isEmpty)
            }
        }
    }
}
