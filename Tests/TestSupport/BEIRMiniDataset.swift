import Foundation

/// A small retrieval benchmark in BEIR's layout, written to a temporary folder: six documents
/// on different subjects, three judged queries (one graded, one typed as a question) and a query
/// nobody judged, which BEIR's evaluation leaves out.
public struct BEIRMiniDataset {
    public let folder: URL

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("beir-mini-\(UUID().uuidString)")
            .appendingPathComponent("scifact")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("qrels"), withIntermediateDirectories: true)
        try Self.corpus.write(to: folder.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
        try Self.queries.write(to: folder.appendingPathComponent("queries.jsonl"), atomically: true, encoding: .utf8)
        try Self.qrels.write(to: folder.appendingPathComponent("qrels/test.tsv"), atomically: true, encoding: .utf8)
    }

    public var corpusFile: URL { folder.appendingPathComponent("corpus.jsonl") }

    public func remove() { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }

    static let corpus = """
        {"_id": "d1", "title": "Vitamin D and bone density", "text": "Vitamin D supplements increase bone mineral density in older adults.", "metadata": {}}
        {"_id": "d2", "title": "Coral reef bleaching", "text": "Rising ocean temperatures bleach coral reefs across the tropics."}
        {"_id": "d3", "title": "", "text": "Sleep deprivation impairs memory consolidation in students."}
        {"_id": "d4", "title": "Graph neural networks", "text": "Message passing networks learn molecular properties from graphs."}
        {"_id": "d5", "title": "Calcium intake", "text": "Dietary calcium and vitamin D together reduce fracture risk."}
        {"_id": "d6", "title": "Volcanic ash", "text": "Ash clouds from eruptions disrupt air travel for weeks."}

        """

    static let queries = """
        {"_id": "q1", "text": "Does vitamin D strengthen bones?", "metadata": {}}
        {"_id": "q2", "text": "coral bleaching ocean warming"}
        {"_id": "q3", "text": "lack of sleep hurts memory"}
        {"_id": "q4", "text": "nobody judged this one"}
        """

    static let qrels = """
        query-id\tcorpus-id\tscore
        q1\td1\t2
        q1\td5\t1
        q2\td2\t1
        q3\td3\t1
        q3\td6\t0
        """
}
