import Foundation
import Testing
@testable import PaperIngest
import TestSupport

@Suite struct FormatDetectorTests {
    private func detect(_ url: URL) throws -> ImportFormat? {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 4096) ?? Data()
        return ImportFormat.detect(fileName: url.lastPathComponent, head: head)
    }

    @Test(arguments: [
        ("atom-api/2026/q_testing_s0_m10.xml", ImportFormat.atom),
        ("atom-api/2026/id_abc_s0_m100.xml", .atom),
        ("atom-api/2016/search_au_del_maestro.xml", .atom),
        ("oai-pmh/arxivraw-2015/ListRecordsResponse.xml", .oai),
        ("oai-pmh/arxivraw-2015/ErrorResponseBadVerb.xml", .oai),
        ("oai-pmh/arxiv-2018/GetRecord_arXiv_1412.8544.xml", .oai),
        ("oai-pmh/oai_dc-2016/ListRecords_oai_dc_quant-ph_2000records.xml", .oai),
        ("kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl", .snapshot),
    ])
    func arxivFixtures(path: String, expected: ImportFormat) throws {
        #expect(try detect(RepositoryPaths.arxivFixtures.appendingPathComponent(path)) == expected)
    }

    @Test func huggingFaceAndSeed() throws {
        #expect(try detect(RepositoryPaths.hfDays.appendingPathComponent("2026-08-20.json")) == .hf)
        #expect(try detect(RepositoryPaths.hfDays.appendingPathComponent("2024-12-11.json")) == .hf)
        #expect(try detect(RepositoryPaths.hfDays.appendingPathComponent("2025-01-10.json")) == .hf)
        #expect(try detect(RepositoryPaths.seedPage) == .seed)
    }

    @Test func sniffsContentWhateverTheName() {
        let snapshotLine = #"{"id":"0704.0001","submitter":"P","title":"T","abstract":"A"}"# + "\n"
        #expect(ImportFormat.detect(fileName: "dump.json", head: Data(snapshotLine.utf8)) == .snapshot)
        // The Kaggle file's name ends in .json, and a line may be longer than the head.
        let longLine = #"{"id":"0704.0001","submitter":"P","authors":""# + String(repeating: "A. B, ", count: 1_000)
        #expect(ImportFormat.detect(fileName: "x", head: Data(longLine.utf8).prefix(4096)) == .snapshot)
        #expect(ImportFormat.detect(fileName: "x", head: Data("\u{FEFF}  [ {\"paper\": {}} ]".utf8)) == .hf)
        let atom = "<?xml version='1.0'?>\n<!-- saved -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        #expect(ImportFormat.detect(fileName: "page", head: Data(atom.utf8)) == .atom)
        #expect(ImportFormat.detect(fileName: "page", head: Data("<oai:OAI-PMH xmlns:oai='x'>".utf8)) == .oai)
    }

    @Test func unknownDocuments() throws {
        let html = RepositoryPaths.arxivFixtures.appendingPathComponent("oai-pmh/arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try1_http503.html")
        #expect(try detect(html) == nil)
        #expect(try detect(RepositoryPaths.arxivFixtures.appendingPathComponent("atom-api/2026/MANIFEST.json")) == nil)
        #expect(ImportFormat.detect(fileName: "notes.md", head: Data("# Notes".utf8)) == nil)
        #expect(ImportFormat.detect(fileName: "empty", head: Data()) == nil)
        #expect(ImportFormat.detect(fileName: "snap.jsonl.gz", head: Data([0x1F, 0x8B, 0x08])) == nil)
        let readme = RepositoryPaths.shared.appendingPathComponent("data/hf-daily-papers/README.txt")
        #expect(try detect(readme) == nil, "a folder's README is not a seed page")
    }
}
