import Foundation
import Testing
import TestSupport

/// `paperfeed embed` and PAPERFEED_SUMMARIES. Kept to one short paper: CLI tests hold a thread
/// of the test pool while the binary runs.
@Suite struct EmbedSummariesCommandTests {
    /// One paper in the arXiv snapshot format (which has no Hugging Face fields).
    func writeSnapshot() throws -> URL {
        let line = #"{"id":"2501.00001","authors":"Ada Lovelace","title":"Robot grasping in clutter","#
            + #""categories":"cs.RO","abstract":"Robots drop objects in clutter. We propose GraspNet, a grasp planner "#
            + #"trained in simulation.","versions":[{"version":"v1","created":"Mon, 6 Jan 2025 10:00:00 GMT"}]}"#
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).jsonl")
        try (line + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func summariesOffEmbedsOnlyAndALaterRunSummarizesWithoutEmbeddingAgain() async throws {
        var cli = CLI()
        defer { cli.removeDatabase() }
        let snapshot = try writeSnapshot()
        defer { try? FileManager.default.removeItem(at: snapshot) }
        cli.environment["PAPERFEED_MODEL_DIR"] = RepositoryPaths.modelDirectory.path
        let imported = try await cli.run("import", snapshot.path, "--format", "snapshot")
        #expect(imported.output.contains("new: 1,"), "\(imported.output)\(imported.errors)")

        cli.environment["PAPERFEED_SUMMARIES"] = "off"
        let off = try await cli.run("embed")
        #expect(off.status == 0, "\(off.errors)")
        #expect(off.output.contains("Embedded 1 papers"))
        #expect(!off.output.contains("Summarized"))

        cli.environment["PAPERFEED_SUMMARIES"] = "on"
        let on = try await cli.run("embed")
        #expect(on.output.contains("Embedded 0 papers"))
        #expect(on.output.contains("Summarized 1 papers"))

        cli.environment["PAPERFEED_SUMMARIES"] = "sometimes"
        let wrong = try await cli.run("embed")
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("PAPERFEED_SUMMARIES must be on or off, not 'sometimes'"))
    }
}
