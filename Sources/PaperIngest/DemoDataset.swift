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
}
