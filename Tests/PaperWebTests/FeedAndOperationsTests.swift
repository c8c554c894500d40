#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import HummingbirdTesting
import Testing

@Suite struct FeedAndOperationsTests {
    @Test(arguments: ["/feeds/daily.rss", "/feeds/trending.rss", "/feeds/search.rss?q=agent"])
    func rssFeedsAreWellFormedAndList(uri: String) async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/rss+xml") == true)
                let document = try XMLDocumentCheck.parse(response.text)
                #expect(document.elementNames.contains("item"))
                #expect(response.text.contains("<link>http://papers.test/papers/"))
            }
        }
    }

    @Test(arguments: ["/feeds/daily.atom", "/feeds/trending.atom", "/feeds/search.atom?q=agent"])
    func atomFeedsAreWellFormedAndList(uri: String) async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
                let document = try XMLDocumentCheck.parse(response.text)
                #expect(document.elementNames.contains("entry"))
            }
        }
    }

    @Test func healthAndMetrics() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("\"status\":\"ok\""))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.text.contains("paperfeed_papers"))
            }
        }
    }

    @Test func openAPIDocumentDescribesTheAPI() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                let document = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                let paths = try #require(document["paths"] as? [String: Any])
                #expect(Set(paths.keys).isSuperset(of: ["/api/daily_papers", "/api/papers/{id}", "/api/papers/search", "/api/papers"]))
            }
        }
    }
}

/// Parses XML with FoundationXML and collects element names: fails on any well-formedness error.
final class XMLDocumentCheck: NSObject, XMLParserDelegate {
    var elementNames: Set<String> = []
    struct Malformed: Error { let reason: String }

    static func parse(_ text: String) throws -> XMLDocumentCheck {
        let check = XMLDocumentCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        guard parser.parse(), check.error == nil else { throw Malformed(reason: check.error ?? "parse failed") }
        return check
    }

    var error: String?
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elementNames.insert(name)
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = "line \(parser.lineNumber): \(parseError)"
    }
}
