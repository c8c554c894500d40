import Foundation
import PaperCore
import Testing
@testable import PaperIngest
import TestSupport

/// Broken copies of the real fixtures, made by seeded mutations (so every run makes the same
/// ones), go through the parsers and the importer's file path. None may crash or hang the
/// process; a broken file is reported and skipped, never thrown out of the run, and a file that
/// fails writes nothing; every paper that is written is sound.
///
/// `PAPERFEED_FUZZ_SEED` and `PAPERFEED_FUZZ_CASES` (per document) run other or more cases.
@Suite(.hangGuard) struct ImporterFuzzTests {
    static let seed = ProcessInfo.processInfo.environment["PAPERFEED_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_130
    static let casesPerDocument = ProcessInfo.processInfo.environment["PAPERFEED_FUZZ_CASES"].flatMap { Int($0) } ?? 24

    /// The broken copies of `document`, each with what was done to it.
    static func mutants(of document: FuzzSeed, count: Int) -> [(label: String, bytes: [UInt8])] {
        var random = FuzzGenerator(seed: seed ^ fnv1a64(document.name))
        return (0..<count).map { number in
            var bytes = document.bytes
            let mutations = (0..<Int.random(in: 1...3, using: &random)).map { _ in random.pick(FuzzMutation.allCases) }
            for mutation in mutations { mutation.apply(to: &bytes, using: &random) }
            return ("\(document.name) case \(number) of seed \(seed): \(mutations.map(\.rawValue))", bytes)
        }
    }

    @Test(arguments: try FuzzSeed.all())
    func brokenCopiesAreReportedAndSkipped(_ document: FuzzSeed) async throws {
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (label, bytes) in Self.mutants(of: document, count: Self.casesPerDocument) {
            FuzzChecks.parse(bytes, as: document.format, label)
            let file = directory.appendingPathComponent(document.name)
            try Data(bytes).write(to: file)
            try await FuzzChecks.importAlone(file, label)
        }
    }

    @Test func aFolderOfBrokenFilesStillImportsTheGoodOnes() async throws {
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        var goodIDs: Set<PaperID> = []
        var fileCount = 0
        var refused: Set<String> = []
        for (index, document) in try FuzzSeed.all().enumerated() {
            let name = "good-\(index)-\(document.name)"
            try Data(document.bytes).write(to: directory.appendingPathComponent(name))
            fileCount += 1
            // The API's error feed, OAI-PMH errors and the Python-repr file are refused as they are.
            let records = FuzzChecks.records(document.bytes, as: document.format)
            if records.isEmpty, document.format != .snapshot { refused.insert(name) }
            for case let .paper(paper) in records { goodIDs.insert(paper.id) }
            for (number, mutant) in Self.mutants(of: document, count: 3).enumerated() {
                try Data(mutant.bytes).write(to: directory.appendingPathComponent("broken-\(index)-\(number)-\(document.name)"))
                fileCount += 1
            }
        }
        let repository = RecordingRepository()
        let report = try await Importer(repository: repository, batchSize: 16).run(paths: [directory.path])
        #expect(report.filesRead + report.failedFiles.count + report.ignoredFiles.count == fileCount)
        let failedGood = report.failedFiles.map { ($0.file as NSString).lastPathComponent }.filter { $0.hasPrefix("good-") }
        #expect(Set(failedGood).isSubset(of: refused), "\(failedGood)")
        #expect(goodIDs.count >= 20)
        let written = Set(repository.written.map(\.id))
        #expect(goodIDs.isSubset(of: written))
        #expect(written.contains(PaperID(rawValue: "0704.0008")), "the snapshot's last good line")
    }
}

/// What every fuzz case must hold to.
enum FuzzChecks {
    /// The records `bytes` parse to as `format`, or none when the document is refused; the
    /// snapshot, read from a file, gives none here.
    static func records(_ bytes: [UInt8], as format: ImportFormat) -> [ParsedRecord] {
        let data = Data(bytes)
        switch format {
        case .hf: return (try? HFDailyPapersParser.parse(data, listedOn: nil)) ?? []
        case .atom: return (try? AtomFeedParser.parse(data)).map { $0.papers.map(ParsedRecord.paper) } ?? []
        case .oai: return (try? OAIPMHParser.parse(data).records) ?? []
        case .seed: return SeedPageParser.parse(String(decoding: data, as: UTF8.self)).map(ParsedRecord.paper)
        case .snapshot, .beir: return []
        }
    }

    /// Parses `bytes` straight, without the importer: a refusal must be a `DocumentError` (or an
    /// OAI-PMH error) that says why; what is read must be sound.
    static func parse(_ bytes: [UInt8], as format: ImportFormat, _ label: String) {
        let data = Data(bytes)
        do {
            switch format {
            case .hf: try HFDailyPapersParser.parse(data, listedOn: nil).forEach { expectSound($0, label) }
            case .atom: try AtomFeedParser.parse(data).papers.forEach { expectSound(.paper($0), label) }
            case .oai: try OAIPMHParser.parse(data).records.forEach { expectSound($0, label) }
            case .seed: SeedPageParser.parse(String(decoding: data, as: UTF8.self)).forEach { expectSound(.paper($0), label) }
            case .snapshot, .beir: break
            }
        } catch let error as DocumentError {
            #expect(!error.reason.isEmpty, "\(label)")
        } catch is OAIError {
        } catch {
            Issue.record("\(label): the parser threw \(type(of: error)): \(error)")
        }
    }

    /// Imports `file` on its own: the run must not throw, the file is read or reported as failed
    /// with a reason, a failed file writes nothing, and every paper read is written and sound.
    static func importAlone(_ file: URL, _ label: String) async throws {
        let repository = RecordingRepository()
        let report: ImportReport
        do {
            report = try await Importer(repository: repository, batchSize: 4).run(paths: [file.path])
        } catch {
            Issue.record("\(label): the import threw \(error)")
            return
        }
        #expect(report.filesRead + report.failedFiles.count == 1, "\(label)")
        let written = repository.written
        if let failure = report.failedFiles.first {
            #expect(written.isEmpty && report.records == 0, "\(label): a failed file wrote \(written.count) papers")
            // Said in words: not a raw Foundation error.
            #expect(!failure.reason.isEmpty && !failure.reason.contains("Error Domain="), "\(label): \(failure.reason)")
        } else {
            #expect(written.count == report.records, "\(label)")
        }
        #expect(report.skipped.allSatisfy { !$0.record.reason.isEmpty && !$0.record.location.isEmpty }, "\(label)")
        written.forEach { expectSound(.paper($0), label) }
    }

    /// A paper that may be written: an arXiv (or local) id, a title, positive versions and counts, and no
    /// NUL character anywhere (PostgreSQL refuses one in text, which would stop the import).
    static func expectSound(_ record: ParsedRecord, _ label: String) {
        guard case let .paper(paper) = record else { return }
        // Seed-page papers have local ids; every other source's are arXiv ids.
        #expect(paper.source == .seed ? paper.id.rawValue.hasPrefix("local-") : paper.id.arxiv != nil, "\(label): id \(paper.id)")
        #expect(!paper.title.isEmpty, "\(label): \(paper.id) has no title")
        #expect((paper.version ?? 1) > 0, "\(label): \(paper.id) version \(String(describing: paper.version))")
        #expect(paper.upvotes >= 0 && paper.commentCount >= 0, "\(label): \(paper.id) counts")
        let texts: [String?] = [
            paper.id.rawValue, paper.title, paper.abstract, paper.doi, paper.journalRef, paper.githubRepo,
            paper.projectPage, paper.aiSummary, paper.submitter?.name, paper.submitter?.fullname,
        ]
        let all = texts.compactMap { $0 } + paper.authors.flatMap { [$0.name, $0.user ?? ""] }
            + paper.categories + paper.aiKeywords
        #expect(!all.contains { $0.utf8.contains(0) }, "\(label): \(paper.id) has a NUL character")
    }
}
