import Foundation
import PaperCore
import Testing
@testable import PaperIngest
import TestSupport

/// Limits that keep one untrusted file or header from taking the process down.
@Suite struct ImporterLimitsTests {
    @Test func aDocumentTooLargeToReadWholeIsReportedUnread() async throws {
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A real feed at the head, then 300 MB of nothing: a sparse file, so no disk is spent.
        let file = directory.appendingPathComponent("huge.xml")
        try Fixtures.data("atom-api/2026/id_1707.08567_s0_m100.xml").write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        let repository = RecordingRepository()
        let report = try await Importer(repository: repository).run(paths: [file.path])
        #expect(report.filesRead == 0)
        #expect(report.failedFiles.first?.reason.contains("larger than the 256 MiB") == true)
        #expect(repository.written.isEmpty)
    }

    @Test func aZeroBatchSizeStillImports() async throws {
        let repository = RecordingRepository()
        let paper = Paper(id: PaperID(rawValue: "2501.00001"), title: "T", abstract: "", authors: [], source: .seed)
        let report = try await Importer(repository: repository, batchSize: 0).run(papers: [paper, paper])
        #expect(report.records == 2)
        #expect(repository.writtenBatches.count == 2)
    }

    @Test func aRetryAfterDateCenturiesAwayIsCutToADay() {
        let now = Date(utc: "2026-04-12T22:59:00Z")
        #expect(PoliteHTTPClient.retryAfter(["Fri, 31 Dec 9999 23:59:59 GMT"], now: now) == .seconds(86_400))
        #expect(PoliteHTTPClient.retryAfter(["Thu, 01 Jan 1970 00:00:00 GMT"], now: now) == .zero)
        #expect(PoliteHTTPClient.retryAfter(["-5"], now: now) == .zero)
        #expect(PoliteHTTPClient.retryAfter(["99999999999999999999"], now: now) == nil)
    }

    @Test func brokenFilesAreExplainedInWords() async throws {
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        let seed = directory.appendingPathComponent("page.txt")
        try (Data("new\n\nGet trending papers in your email inbox!\n\nTitle\n".utf8) + Data([0xFF, 0x0A])).write(to: seed)
        let oai = directory.appendingPathComponent("oai.xml")
        try Data(#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.1/"><ListRecords/></OAI-PMH>"#.utf8).write(to: oai)
        let report = try await Importer(repository: RecordingRepository()).run(paths: [seed.path, oai.path])
        #expect(report.failedFiles.map(\.reason) == [
            "not UTF-8 text (the seed page capture is read as UTF-8)",
            "not an OAI-PMH response: the root element is <OAI-PMH> in namespace http://www.openarchives.org/OAI/2.1/",
        ])
    }

    @Test func listingDaysComeOnlyFromDayNames() {
        #expect(HFDailyPapersParser.listingDay(fromFileName: "2025-03-11.json") == Day("2025-03-11"))
        #expect(HFDailyPapersParser.listingDay(fromFileName: "dump/2025-03-11") == Day("2025-03-11"))
        #expect(HFDailyPapersParser.listingDay(fromFileName: "2025-03-112.json") == nil)
        #expect(HFDailyPapersParser.listingDay(fromFileName: "2025-03") == nil)
        #expect(HFDailyPapersParser.listingDay(fromFileName: "") == nil)
        #expect(HFDailyPapersParser.listingDay(fromFileName: "/") == nil)
    }

    @Test func nulCharactersNeverReachAPaper() throws {
        let json = #"[{"paper": {"id": "2501.00001", "title": "A\u0000B", "summary": "\u0000 s \u0000","#
            + #" "authors": [{"name": "N\u0000"}], "githubRepo": "https://github.com/a/b\u0000","#
            + #" "ai_keywords": ["\u0000", "k\u0000"]}}]"#
        let records = try HFDailyPapersParser.parse(Data(json.utf8), listedOn: nil)
        guard case let .paper(paper)? = records.first else {
            Issue.record("expected a paper, got \(records)")
            return
        }
        #expect(paper.title == "AB")
        #expect(paper.abstract == "s")
        #expect(paper.authors.map(\.name) == ["N"])
        #expect(paper.aiKeywords == ["k"])
        FuzzChecks.expectSound(.paper(paper), "HF entry with NULs")
    }
}
