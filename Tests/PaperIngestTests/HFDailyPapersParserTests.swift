import Foundation
import PaperCore
import Testing
@testable import PaperIngest
import TestSupport

@Suite struct HFDailyPapersParserTests {
    private func papers(_ records: [ParsedRecord]) -> [Paper] {
        records.compactMap { if case let .paper(paper) = $0 { paper } else { nil } }
    }

    private func skipped(_ records: [ParsedRecord]) -> [SkippedRecord] {
        records.compactMap { if case let .skipped(record) = $0 { record } else { nil } }
    }

    /// What parsing every file of the dump gave.
    struct DumpTotals: Sendable {
        var files = 0, wellFormed = 0, entries = 0, skips = 0
        var ids: Set<PaperID> = []
        var failed: [String] = []
        var failureReasons: [String] = []
    }

    @Test func wholeDumpHasTheDocumentedTotals() async throws {
        // Seconds of parsing: off the cooperative pool, so the suite's other tests keep running.
        let totals = try await offThePool {
            let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.hfDays.path)
                .filter { $0.hasSuffix(".json") }.sorted()
            var totals = DumpTotals(files: files.count)
            for file in files {
                let data = try Fixtures.data(file, under: RepositoryPaths.hfDays)
                do {
                    let records = try HFDailyPapersParser.parse(data, listedOn: HFDailyPapersParser.listingDay(fromFileName: file))
                    totals.wellFormed += 1
                    totals.entries += records.count
                    totals.skips += records.count { if case .skipped = $0 { true } else { false } }
                    for case let .paper(paper) in records { totals.ids.insert(paper.id) }
                } catch let error as DocumentError {
                    totals.failed.append(file)
                    totals.failureReasons.append("\(file): \(error)")
                }
            }
            return totals
        }
        #expect(totals.files == 466)
        #expect(totals.failureReasons.allSatisfy { $0.contains("Python repr strings") }, "\(totals.failureReasons)")
        #expect(totals.wellFormed == 444)
        #expect(totals.entries == 7_975)
        #expect(totals.skips == 0)
        #expect(totals.ids.count == 7_971)
        #expect(totals.failed.count == 22)
        #expect(totals.failed.first == "2024-12-11.json")
        #expect(totals.failed.last == "2025-01-10.json")
    }

    @Test func mapsARecentEntry() throws {
        let data = try Fixtures.data("2026-08-20.json", under: RepositoryPaths.hfDays)
        let day = try #require(Day("2026-08-20"))
        let records = try HFDailyPapersParser.parse(data, listedOn: day)
        #expect(records.count == 15)
        let zetta = try #require(papers(records).first)
        #expect(zetta.id == PaperID(rawValue: "2608.16590"))
        #expect(zetta.title == "Zetta ζ: An Efficient Closed-Loop Embodied Harness for Self-Evolving Physical Intelligence")
        #expect(zetta.upvotes == 92)
        #expect(zetta.commentCount == 1)
        #expect(zetta.githubRepo == "https://github.com/air-embodied-brain/Zetta-Embodiment")
        #expect(zetta.githubStars == 152)
        #expect(zetta.projectPage == "https://air-embodied-brain.github.io/zetta/")
        #expect(zetta.authors.count == 15)
        #expect(zetta.authors.first == Author(name: "Xin Ding", user: "Xin64"))
        #expect(zetta.authors[1] == Author(name: "Liang Mi"))
        #expect(zetta.submitter == Submitter(name: "Xin64", fullname: "Xin Ding"))
        #expect(zetta.listedOn == day)
        #expect(zetta.publishedAt == Date(utc: "2026-08-17T00:00:00Z"))
        #expect(zetta.aiKeywords.first == "closed-loop embodied harness")
        #expect(zetta.aiSummary?.hasPrefix("Zetta is a closed-loop embodied harness") == true)
        #expect(zetta.abstract.hasPrefix("Embodied agents are increasingly used"))
        #expect(zetta.source == .huggingFace)
        #expect(zetta.version == nil)
    }

    @Test func collapsesWrappedTitlesAndFallsBackForTheDay() throws {
        let data = try Fixtures.data("2025-03-11.json", under: RepositoryPaths.hfDays)
        let records = try HFDailyPapersParser.parse(data, listedOn: nil)
        let first = try #require(papers(records).first)
        #expect(first.title == "Feature-Level Insights into Artificial Text Detection with Sparse Autoencoders")
        #expect(first.upvotes == 58)
        // No submittedOnDailyAt in this file: the entry's publishedAt gives the day.
        #expect(first.listedOn == Day("2025-03-05"))
        // This early file has neither submittedBy nor submittedOnDailyBy.
        #expect(first.submitter == nil)
        #expect(first.aiKeywords.contains("Sparse Autoencoders"))
    }

    @Test func dayComesFromSubmittedOnDailyAtWhenNotGiven() throws {
        let data = try Fixtures.data("2026-08-20.json", under: RepositoryPaths.hfDays)
        let first = try #require(papers(try HFDailyPapersParser.parse(data, listedOn: nil)).first)
        #expect(first.listedOn == Day("2026-08-20"))
    }

    @Test(arguments: ["2024-12-11.json", "2025-01-10.json"])
    func pythonReprFilesThrow(file: String) throws {
        let data = try Fixtures.data(file, under: RepositoryPaths.hfDays)
        let error = try #require(throws: DocumentError.self) {
            try HFDailyPapersParser.parse(data, listedOn: nil)
        }
        #expect(error.reason.contains("Python repr strings, not JSON objects"))
    }

    @Test func badEntriesAreSkippedAndTheRestKept() throws {
        let json = """
        [
          {"paper": {"id": "2503.03601", "title": "Kept", "summary": " A. ", "authors": [], "upvotes": "many"}},
          {"paper": {"title": "No id"}},
          {"paper": {"id": "not-an-id", "title": "Bad id"}},
          {"paper": {"id": "2503.07605"}},
          "a stray string",
          {"paper": {"id": "2503.07365", "title": "Also kept", "githubRepo": "", "projectPage": " "},
           "numComments": 3, "publishedAt": "2025-03-10T08:00:00Z"}
        ]
        """
        let records = try HFDailyPapersParser.parse(Data(json.utf8), listedOn: nil)
        #expect(records.count == 6)
        #expect(papers(records).map(\.title) == ["Kept", "Also kept"])
        #expect(skipped(records).map(\.location) == ["entry 2", "entry 3", "entry 4", "entry 5"])
        #expect(skipped(records)[0].reason.contains("paper.id"))
        #expect(skipped(records)[1].reason.contains("not-an-id"))
        let kept = papers(records)
        #expect(kept[0].upvotes == 0)
        #expect(kept[0].abstract == "A.")
        #expect(kept[1].githubRepo == nil)
        #expect(kept[1].projectPage == nil)
        #expect(kept[1].commentCount == 3)
        #expect(kept[1].listedOn == Day("2025-03-10"))
    }

    @Test func undecodableJSONThrowsAReadableError() throws {
        let error = try #require(throws: DocumentError.self) {
            try HFDailyPapersParser.parse(Data("[{\"paper\": ".utf8), listedOn: nil)
        }
        #expect(error.reason.hasPrefix("invalid JSON"))
        #expect(throws: DocumentError.self) {
            try HFDailyPapersParser.parse(Data("{\"paper\": {}}".utf8), listedOn: nil)
        }
    }

    @Test func emptyArrayIsNoPapers() throws {
        #expect(try HFDailyPapersParser.parse(Data("[]".utf8), listedOn: nil).isEmpty)
    }

    @Test func listingDayFromFileName() {
        #expect(HFDailyPapersParser.listingDay(fromFileName: "2025-03-11.json") == Day("2025-03-11"))
        #expect(HFDailyPapersParser.listingDay(fromFileName: "/data/Paper_metadata_download/2026-08-21.json") == Day("2026-08-21"))
        #expect(HFDailyPapersParser.listingDay(fromFileName: "2025-02-30.json") == nil)
        #expect(HFDailyPapersParser.listingDay(fromFileName: "papers.json") == nil)
    }
}
