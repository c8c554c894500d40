import Foundation
import PaperCore

/// The corpus of a retrieval benchmark in BEIR's layout (`corpus.jsonl`): one document per
/// line, `{"_id": …, "title": …, "text": …}`, kept as a paper whose id is the document's, so
/// that the benchmark's judgments name it (`paperfeed eval --beir`).
public typealias BEIRCorpusReader = JSONLinesReader<BEIRCorpusLine>

/// One document of a BEIR corpus. The title may be empty (several corpora have none); the
/// text becomes the abstract.
public struct BEIRCorpusLine: JSONLineRecord {
    var id: String?
    var title: String?
    var text: String?

    enum CodingKeys: String, CodingKey {
        case id = "_id", title, text
    }

    /// Longest id kept: ids name pages and judgments, and real ones are short.
    static let maximumIDLength = 200

    public func record(line: Int) -> ParsedRecord {
        guard let id = id?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else {
            return .skipped(SkippedRecord(location: "line \(line)", reason: "missing field \"_id\""))
        }
        guard id.count <= Self.maximumIDLength, !id.contains(where: \.isNewline) else {
            return .skipped(SkippedRecord(location: "line \(line)", reason: "\"_id\" is not a short one-line id"))
        }
        let title = (title ?? "").collapsingWhitespace, text = (text ?? "").collapsingWhitespace
        guard !title.isEmpty || !text.isEmpty else {
            return .skipped(SkippedRecord(location: "line \(line)", reason: "document \(id) has neither title nor text"))
        }
        return .paper(Paper(id: PaperID(rawValue: id), title: title, abstract: text, authors: [], source: .benchmark))
    }
}
