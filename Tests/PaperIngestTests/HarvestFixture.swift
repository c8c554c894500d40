import Foundation
import TestSupport
import PaperCore
import PaperStore
@testable import PaperIngest

/// A fresh SQLite store and a local HTTP server answering `routes`, both removed after `body`.
func withHarvestFixture(
    _ routes: [String: [LocalHTTPServer.Response]], _ body: (any PaperDatabase, LocalHTTPServer) async throws -> Void
) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperfeed-harvest-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try await PaperDatabases.withStore(folder.appendingPathComponent("papers.sqlite").path) { store in
        try await LocalHTTPServer.serving(routes) { server in try await body(store, server) }
    }
}

/// Recorded OAI-PMH answers from `../shared/data/arxiv-fixtures/oai-pmh`, served as arXiv serves them.
enum OAIFixtures {
    /// `arxivraw-2015/ListRecordsResponse.xml`: 6 records (datestamps up to 2014-12-22) and the
    /// resumption token `726959|1001`.
    static func firstPage() throws -> LocalHTTPServer.Response { try xml("arxivraw-2015/ListRecordsResponse.xml") }
    /// `arxiv-2018/…_try2_http200.xml`: 2 records stamped 2015-01-03 (1412.8544, hep-th/9504118), no token.
    static func lastPage() throws -> LocalHTTPServer.Response {
        try xml("arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try2_http200.xml")
    }
    /// The recorded `503` with `Retry-After: 10` (arXiv's flow control).
    static func busy(retryAfter: String = "10") throws -> LocalHTTPServer.Response {
        LocalHTTPServer.Response(
            status: 503, headers: [("Retry-After", retryAfter), ("Content-Type", "text/html")],
            body: try Fixtures.data("oai-pmh/arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try1_http503.html"))
    }
    /// One of the recorded OAI error documents (`BadResumptionToken`, `NoRecordsMatch`, `BadArgument`…).
    static func error(_ name: String) throws -> LocalHTTPServer.Response { try xml("arxivraw-2015/ErrorResponse\(name).xml") }

    static func xml(_ path: String) throws -> LocalHTTPServer.Response {
        LocalHTTPServer.Response(status: 200, headers: [("Content-Type", "text/xml")], body: try Fixtures.data("oai-pmh/" + path))
    }

    /// The ids on the two pages.
    static let firstPageIDs = ["0704.0471", "0704.0716", "0704.0874", "0704.1109", "0704.1114", "0704.1586"]
    static let lastPageIDs = ["1412.8544", "hep-th/9504118"]
}
