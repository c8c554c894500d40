import Foundation
import Testing
import TestSupport

/// `paperfeed embed` and PAPERFEED_SUMMARIES.
@Suite struct EmbedSummariesCommandTests {
    /// The first `count` papers of the real snapshot fixture (none has Hugging Face's fields).
    func writeSnapshot(count: Int) throws -> URL {
        let source = RepositoryPaths.arxivFixtures.appendingPathComponent("kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl")
        let lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\n").prefix(count)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func summariesOffEmbedsOnlyAndALaterRunSummarizesWithoutEmbeddingAgain() async throws {
        var cli = CLI()
        defer { cli.removeDatabase() }
        let snapshot = try writeSnapshot(count: 3)
        defer { try? FileManager.default.removeItem(at: snapshot) }
        cli.environment["PAPERFEED_MODEL_DIR"] = RepositoryPaths.modelDirectory.path
        #expect(try await cli.run("import", snapshot.path).status == 0)

        cli.environment["PAPERFEED_SUMMARIES"] = "off"
        let off = try await cli.run("embed")
        #expect(off.status == 0, "\(off.errors)")
        #expect(off.output.contains("Embedded 3 papers"))
        #expect(!off.output.contains("Summarized"))

        cli.environment["PAPERFEED_SUMMARIES"] = "on"
        let on = try await cli.run("embed")
        #expect(on.output.contains("Embedded 0 papers"))
        #expect(on.output.contains("Summarized 3 papers"))
        #expect(try await cli.run("embed").output.contains("Summarized 0 papers"))

        cli.environment["PAPERFEED_SUMMARIES"] = "sometimes"
        let wrong = try await cli.run("embed")
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("PAPERFEED_SUMMARIES must be on or off, not 'sometimes'"))
    }
}
