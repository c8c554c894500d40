import Foundation
import Testing
import TestSupport

/// `paperfeed eval --beir`: a public benchmark's corpus imported, its judged queries scored
/// in every mode, with the published figures for the set beside.
@Suite(.serialized) struct EvalBEIRCommandTests {
    @Test func scoresABEIRDatasetAfterImportingItsCorpus() async throws {
        let dataset = try BEIRMiniDataset()
        defer { dataset.remove() }
        var cli = CLI()
        defer { cli.removeDatabase() }
        cli.environment["PAPERFEED_MODEL_DIR"] = RepositoryPaths.modelDirectory.path

        let before = try await cli.run("eval", "--beir", dataset.folder.path)
        #expect(before.status != 0)
        #expect(before.errors.contains("import the corpus first"))

        let imported = try await cli.run("import", dataset.corpusFile.path)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("new: 6"))
        // Not embedded (kept short: CLI tests hold a pool thread while they wait): the
        // keyword figures are what this checks; semantic search finds nothing yet, and says so.

        let scored = try await cli.run("eval", "--beir", dataset.folder.path)
        #expect(scored.status == 0, "\(scored.errors)")
        #expect(scored.output.contains("(3 queries)"))
        #expect(scored.output.contains("only 0 of 6 papers have vectors"))
        let keyword = scored.output.split(separator: "\n").first { $0.hasPrefix("keyword") }
        let ndcg = keyword.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0) }
        #expect((ndcg ?? 0) > 0.8, "\(scored.output)")
        #expect(scored.output.contains("published nDCG@10 on scifact: BM25 0.665"))
    }
}
