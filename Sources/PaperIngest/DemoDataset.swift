import Foundation
import PaperCore

/// The demo papers shipped inside PaperFeed: the Hugging Face daily papers of Nov 2024 – Aug 2026
/// and the 120 papers of the seed page, as gzip-compressed JSON lines of `Paper`.
///
/// `scripts/make-demo-data.sh` rebuilds the file from `../shared/data`.
public enum DemoDataset {
    /// The bundled file.
    public static var url: URL? {
        Bundle.module.url(forResource: "demo-papers.jsonl", withExtension: "gz")
    }

    /// Every demo paper.
    public static func papers() throws -> [Paper] {
        guard let url else { throw DocumentError("the demo dataset is missing from this build") }
        return try PaperLines.decode(try Gzip.decompress(Data(contentsOf: url)))
    }

    /// Imports the demo papers into `store` with their bundled vectors (`DemoVectors`), so that
    /// semantic search covers them at once; a paper whose vector does not fit (another text,
    /// a damaged file) is embedded in the background like any other.
    public static func load(into store: any PaperRepository & VectorRepository,
                            progress: @Sendable (ImportReport) -> Void = { _ in }) async throws -> (report: ImportReport, vectors: Int) {
        let papers = try papers()
        let report = try await Importer(repository: store).run(papers: papers, progress: progress)
        guard let url = DemoVectors.url, let file = try? DemoVectors.decode(Data(contentsOf: url)) else { return (report, 0) }
        let vectors = DemoVectors.matching(file.entries, papers: papers)
        for batch in stride(from: 0, to: vectors.count, by: 1_000) {
            try await store.storeVectors(Array(vectors[batch..<min(batch + 1_000, vectors.count)]), model: file.header.model)
        }
        return (report, vectors.count)
    }
}
