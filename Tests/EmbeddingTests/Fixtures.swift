import Foundation
import Testing
@testable import Embedding
import TestSupport

/// The model and the reference fixtures (found through `RepositoryPaths`), loaded once.
enum Fixtures {
    struct TokenCase: Decodable, Sendable {
        let id: String
        let text: String
        let input_ids: [Int32]
        let tokens: [String]
    }

    struct EmbeddingCase: Decodable, Sendable {
        let id: String
        let text: String
        let num_tokens: Int
        let embedding: [Double]
    }

    static func lines<T: Decodable>(_ name: String, as type: T.Type) throws -> [T] {
        let url = RepositoryPaths.embeddingReference.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    /// The tokenizer from `vocab.txt`, loaded once.
    static let tokenizer: Result<WordPieceTokenizer, any Error> = Result {
        try WordPieceTokenizer(vocabularyURL: RepositoryPaths.modelDirectory.appendingPathComponent("vocab.txt"))
    }

    /// The Float32 embedder (the reference port), loaded once.
    static let embedder: Result<MiniLMEmbedder, any Error> = Result {
        try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory, precision: .fp32)
    }

    /// The quantised embedder (the default) on each integer kernel path this CPU runs, loaded once.
    static let quantizedEmbedders: Result<[KernelPath: MiniLMEmbedder], any Error> = Result {
        try Dictionary(uniqueKeysWithValues: KernelPath.available.map { path in
            (path, try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory, precision: .quantized, kernel: path))
        })
    }

    /// The loaded value; a missing model fails the test with an error that says
    /// "install the model with scripts/install-model.sh".
    static func require<T>(_ result: Result<T, any Error>) throws -> T {
        try result.get()
    }
}
