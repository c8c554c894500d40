import Foundation
import PaperCore
import Testing
@testable import PaperIngest
import TestSupport

@Suite struct SnapshotReaderTests {
    private func papers(_ records: [ParsedRecord]) -> [Paper] {
        records.compactMap { if case let .paper(paper) = $0 { paper } else { nil } }
    }

    @Test func readsTheTwoHundredLineFixture() throws {
        let records = Array(try SnapshotReader(url: Fixtures.snapshot))
        let papers = papers(records)
        #expect(records.count == 200)
        #expect(papers.count == 200)
        #expect(papers.first?.id == PaperID(rawValue: "0704.0001"))
        #expect(papers.last?.id == PaperID(rawValue: "0704.0200"))
        let first = try #require(papers.first)
        #expect(first.title == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies")
        #expect(first.authors.map(\.name) == ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"])
        #expect(first.categories == ["hep-ph"])
        #expect(first.version == 2)
        #expect(first.publishedAt == Date(utc: "2007-04-02T19:18:42Z"))
        #expect(first.updatedAt == Date(utc: "2007-07-24T20:10:27Z"))
        #expect(first.doi == "10.1103/PhysRevD.76.013009")
        #expect(first.journalRef == "Phys.Rev.D76:013009,2007")
        #expect(first.abstract.hasPrefix("A fully differential calculation in perturbative quantum chromodynamics is presented"))
        #expect(!first.abstract.contains("\n") && !first.abstract.hasSuffix(" "))
        #expect(first.submitter == nil)
        #expect(first.source == .snapshot)

        let second = papers[1]
        #expect(second.categories == ["math.CO", "cs.CG"])
        #expect(second.doi == nil)
        #expect(second.version == 2)
    }

    @Test func authorSuffixesAndAffiliations() throws {
        let papers = papers(Array(try SnapshotReader(url: Fixtures.snapshot)))
        let evans = try #require(papers.first { $0.id.rawValue == "0704.0009" })
        #expect(evans.authors.contains(Author(name: "Neal J. Evans II")))
        // The fourth element of an authors_parsed row is an affiliation, not part of the name.
        let oxford = try #require(papers.first { $0.id.rawValue == "0704.0044" })
        #expect(oxford.authors.first?.name == "A. A. Schekochihin")
    }

    @Test func corruptLineIsSkippedWithItsNumber() throws {
        let lines = try String(contentsOf: Fixtures.snapshot, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let text = [
            lines[0], lines[1], "{\"id\": \"0704.9999\", \"title\": \"Cut off", "", lines[2],
            "{\"id\": \"0704.0004\"}", "{\"id\": \"banana\", \"title\": \"T\"}", lines[3] + "\r", lines[4],
        ].joined(separator: "\n") // no newline after the last line
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("corrupt.jsonl")
        try Data(text.utf8).write(to: file)

        let records = Array(try SnapshotReader(url: file))
        #expect(records.count == 8)
        let skips = records.compactMap { if case let .skipped(skip) = $0 { skip } else { nil } }
        #expect(skips.map(\.location) == ["line 3", "line 6", "line 7"])
        #expect(skips[0].reason.hasPrefix("invalid JSON"))
        #expect(skips[1].reason.contains("no title"))
        #expect(skips[2].reason.contains("banana"))
        #expect(papers(records).map(\.id.rawValue) == ["0704.0001", "0704.0002", "0704.0003", "0704.0004", "0704.0005"])
    }

    @Test func linesAcrossChunkBoundaries() throws {
        // Five copies (1.4 MB) put lines across the reader's 1 MiB chunk boundary.
        let original = try Data(contentsOf: Fixtures.snapshot)
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.jsonl")
        try Data(Array(repeating: original, count: 5).joined()).write(to: file)
        let reader = try SnapshotReader(url: file)
        let records = Array(reader)
        #expect(records.count == 1_000)
        #expect(papers(records).count == 1_000)
        // A second pass reads the file again from the start.
        #expect(Array(reader.prefix(2)).count == 2)
    }

    @Test func unreadableFileThrows() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/arxiv-metadata-oai-snapshot.json")
        #expect(throws: DocumentError.self) { try SnapshotReader(url: missing) }
        #expect(throws: DocumentError.self) { try SnapshotReader(url: FileManager.default.temporaryDirectory) }
    }

    @Test func emptyFileHasNoRecords() throws {
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("empty.jsonl")
        try Data("\n\n".utf8).write(to: file)
        #expect(Array(try SnapshotReader(url: file)).isEmpty)
    }
}
