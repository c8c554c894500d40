import Foundation
import Testing
import TestSupport

/// The arXiv fixtures of the shared test data (`RepositoryPaths`).
enum Fixtures {
    static let snapshot = RepositoryPaths.arxivFixtures.appendingPathComponent("kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")

    static func data(_ relativePath: String, under base: URL = RepositoryPaths.arxivFixtures) throws -> Data {
        try Data(contentsOf: base.appendingPathComponent(relativePath))
    }
}

extension Date {
    /// A UTC timestamp written as ISO 8601, for expectations that read like the data.
    init(utc text: String) {
        self = ISO8601DateFormatter().date(from: text)!
    }
}
