import Foundation
import Testing
import TestSupport

@Suite struct ImportCommandTests {
    @Test func importsTheHuggingFaceDumpOnceAndNamesTheMalformedFiles() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let folder = RepositoryPaths.shared.appendingPathComponent("data/hf-daily-papers").path
        let first = try await cli.run("import", folder)
        #expect(first.status == 0)
        #expect(first.output.contains("new: 7,971,"))
        let malformed = first.output.split(separator: "\n").filter { $0.contains("Python repr strings") }
        #expect(malformed.count == 22)
        #expect(malformed.first?.contains("2024-12-11.json") == true)
        #expect(malformed.last?.contains("2025-01-10.json") == true)

        let again = try await cli.run("import", folder)
        #expect(again.output.contains("new: 0,"))
        #expect(try await cli.run("stats").output.contains("papers:     7,971"))
    }

    @Test func aKilledImportLeavesADatabaseThatOpensAndFinishesWithoutDuplicates() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let snapshot = try writeLargeSnapshot(records: 60_000)
        defer { try? FileManager.default.removeItem(at: snapshot) }

        _ = try await cli.run("stats")  // creates the database, so the import starts writing at once
        let importing = try cli.start(["import", snapshot.path])
        // Killed once it has written a megabyte of papers, well before the end: a fixed wait
        // let a fast run finish first (the import then exits normally and nothing is tested).
        // Watched from a thread of its own: on the cooperative pool, starved by the other tests,
        // the watch has come too late on a loaded machine.
        let log = cli.database + "-wal", pid = importing.processIdentifier
        try await offThePool {
            for _ in 0..<12_000 {
                if ((try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0) >= 1_000_000 { break }
                usleep(10_000)
            }
            kill(pid, SIGKILL)
        }
        importing.waitUntilExit()
        #expect(importing.terminationReason == .uncaughtSignal)

        let afterKill = try await cli.run("stats")
        #expect(afterKill.status == 0, "the database must open cleanly: \(afterKill.errors)")
        let resumed = try await cli.run("import", snapshot.path)
        #expect(resumed.status == 0)
        #expect(try await cli.run("stats").output.contains("papers:     60,000"))
    }

    @Test func problemsGetAClearMessageAndAFailingExitStatus() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let missing = try await cli.run("import", "/nonexistent/papers.json")
        #expect(missing.status != 0)
        #expect(missing.errors.contains("/nonexistent/papers.json: no such file or folder"))

        let manifest = RepositoryPaths.arxivFixtures.appendingPathComponent("atom-api/2026/MANIFEST.json").path
        let unknown = try await cli.run("import", manifest)
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("MANIFEST.json: unknown format"))

        let badFormat = try await cli.run("import", manifest, "--format", "csv")
        #expect(badFormat.status != 0)
        #expect(badFormat.errors.contains("Unknown format 'csv'"))

        let arxivError = RepositoryPaths.arxivFixtures.appendingPathComponent("atom-api/2026/id_abc_s0_m100.xml").path
        let refused = try await cli.run("import", arxivError)
        #expect(refused.output.contains("incorrect id format for abc"))
        #expect(!refused.errors.contains("Fatal"))
    }

    /// Real snapshot lines repeated under fresh ids, written to a temporary file.
    private func writeLargeSnapshot(records: Int) throws -> URL {
        let source = RepositoryPaths.arxivFixtures.appendingPathComponent("kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")
        let lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\n")
        var text = ""
        for index in 0..<records {
            // Every real line starts with {"id":"0704.0NNN", — swap in a unique new-style id.
            let line = lines[index % lines.count]
            let id = String(format: "%02d%02d.%05d", 20 + index / 99_999 / 12, index / 99_999 % 12 + 1, index % 99_999 + 1)
            text += "{\"id\":\"\(id)\"" + line.drop { $0 != "," } + "\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
