import Foundation
import Testing
@testable import PaperIngest
import TestSupport

/// The real documents the fuzz tests break: small copies of the fixtures, one or more of each
/// format the importer reads.
struct FuzzSeed: Sendable {
    /// The file name the importer sees (HF files are named by their day; snapshots `.jsonl`).
    var name: String
    var format: ImportFormat
    var bytes: [UInt8]

    static func all() throws -> [FuzzSeed] {
        let arxiv = { (path: String, format: ImportFormat) throws -> FuzzSeed in
            FuzzSeed(name: (path as NSString).lastPathComponent, format: format, bytes: Array(try Fixtures.data(path)))
        }
        let hf = { (day: String) throws -> FuzzSeed in
            FuzzSeed(name: "\(day).json", format: .hf, bytes: Array(try Fixtures.data("\(day).json", under: RepositoryPaths.hfDays)))
        }
        return [
            try hf("2025-07-07"), try hf("2025-06-20"),
            try hf("2025-01-02"), // entries are Python repr strings
            try arxiv("atom-api/2026/id_1707.08567_s0_m100.xml", .atom),
            try arxiv("atom-api/2026/id_abc_s0_m100.xml", .atom), // the API's error feed
            try arxiv("atom-api/2016/id_list_1111.2011v2.xml", .atom),
            try arxiv("atom-api/2016/search_au_del_maestro_AND_ti_checkerboard.xml", .atom),
            try arxiv("oai-pmh/arxivraw-2015/ListRecordsResponse.xml", .oai),
            try arxiv("oai-pmh/arxivraw-2015/GetRecordResponse.xml", .oai),
            try arxiv("oai-pmh/arxivraw-2015/ErrorResponseBadResumptionToken.xml", .oai),
            try arxiv("oai-pmh/arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try2_http200.xml", .oai),
            try oaiDublinCore(records: 6),
            try snapshot(lines: 8),
            try seedPage(lines: 20),
        ]
    }

    /// The first `records` records of the 2,000-record oai_dc page, closed again.
    static func oaiDublinCore(records: Int) throws -> FuzzSeed {
        let text = String(decoding: try Fixtures.data("oai-pmh/oai_dc-2016/ListRecords_oai_dc_quant-ph_2000records.xml"), as: UTF8.self)
        var end = text.startIndex
        for _ in 0..<records {
            guard let close = text.range(of: "</record>", range: end..<text.endIndex) else { break }
            end = close.upperBound
        }
        return FuzzSeed(name: "oai_dc.xml", format: .oai, bytes: Array((text[..<end] + "\n</ListRecords>\n").utf8))
    }

    /// The seed page capture's first `lines` lines (its header and a few papers).
    static func seedPage(lines: Int) throws -> FuzzSeed {
        let all = try Data(contentsOf: RepositoryPaths.seedPage).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return FuzzSeed(name: "hf-papers-page.txt", format: .seed, bytes: Array(all.prefix(lines).joined(separator: [0x0A])))
    }

    /// The snapshot fixture's first `lines` lines.
    static func snapshot(lines: Int) throws -> FuzzSeed {
        let all = try Data(contentsOf: Fixtures.snapshot).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return FuzzSeed(name: "snapshot.jsonl", format: .snapshot, bytes: Array(all.prefix(lines).joined(separator: [0x0A])) + [0x0A])
    }
}

extension FuzzSeed: CustomTestStringConvertible {
    var testDescription: String { name }
}
