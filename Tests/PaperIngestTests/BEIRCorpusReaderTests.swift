import Foundation
import PaperCore
import PaperIngest
import Testing
import TestSupport

@Suite struct BEIRCorpusReaderTests {
    @Test func readsDocumentsAsPapersNamedByTheirIds() throws {
        let dataset = try BEIRMiniDataset()
        defer { dataset.remove() }
        let papers = try BEIRCorpusReader(url: dataset.corpusFile).compactMap { record -> Paper? in
            if case let .paper(paper) = record { return paper }
            return nil
        }
        #expect(papers.map(\.id.rawValue) == ["d1", "d2", "d3", "d4", "d5", "d6"])
        #expect(papers[0].title == "Vitamin D and bone density")
        #expect(papers[2].title.isEmpty && papers[2].abstract.hasPrefix("Sleep deprivation"))
        #expect(papers.allSatisfy { $0.source == .benchmark })
    }

    @Test func detectedByItsFirstLineAndBadLinesAreSkippedWithTheirNumber() throws {
        let head = Data(#"{"_id": "1", "title": "t", "text": "x"}"#.utf8)
        #expect(ImportFormat.detect(fileName: "corpus.jsonl", head: head) == .beir)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("beir-bad-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            {"_id": "ok", "title": "Fine", "text": "A document."}
            {"title": "no id"}
            {"_id": "empty", "title": " ", "text": ""}
            not json
            {"_id": "\(String(repeating: "x", count: 300))", "text": "id too long"}
            """.write(to: file, atomically: true, encoding: .utf8)
        let skipped = try BEIRCorpusReader(url: file).compactMap { record -> String? in
            if case let .skipped(skip) = record { return skip.location }
            return nil
        }
        #expect(skipped == ["line 2", "line 3", "line 4", "line 5"])
    }
}
