import Foundation
import Testing

/// The shared test data (`<repo>/../shared`), found from this file's path so that tests run
/// the same from any working directory.
enum Fixtures {
    static let shared: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // PaperIngestTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // the repository
        .deletingLastPathComponent()
        .appendingPathComponent("shared")

    static let arxiv = shared.appendingPathComponent("data/arxiv-fixtures")
    static let hfDays = shared.appendingPathComponent("data/hf-daily-papers/Paper_metadata_download")
    static let seedPage = shared.appendingPathComponent("seed/hf-papers-page.txt")
    static let snapshot = arxiv.appendingPathComponent("kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")

    static func data(_ relativePath: String, under base: URL = arxiv) throws -> Data {
        try Data(contentsOf: base.appendingPathComponent(relativePath))
    }

    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("paperingest-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Date {
    /// A UTC timestamp written as ISO 8601, for expectations that read like the data.
    init(utc text: String) {
        self = ISO8601DateFormatter().date(from: text)!
    }
}
