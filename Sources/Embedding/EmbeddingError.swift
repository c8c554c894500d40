import Foundation

/// Why an embedding model could not be loaded or run.
public enum EmbeddingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model file (`vocab.txt`, `model.safetensors`) is not in the model directory.
    case missingModelFile(name: String, directory: String)
    /// `vocab.txt` is unreadable or lacks a required special token.
    case invalidVocabulary(String)
    /// `model.safetensors` is truncated or its header is malformed.
    case invalidSafeTensors(String)
    /// A tensor the model needs is absent from the weights file.
    case missingTensor(String)
    /// A tensor has another shape or dtype than the model expects.
    case unexpectedTensor(name: String, detail: String)

    public var description: String {
        switch self {
        case let .missingModelFile(name, directory):
            "embedding model file '\(name)' not found in \(directory) "
                + "(install the model with scripts/install-model.sh; semantic search is off without it)"
        case let .invalidVocabulary(detail): "invalid vocab.txt: \(detail)"
        case let .invalidSafeTensors(detail): "invalid model.safetensors: \(detail)"
        case let .missingTensor(name): "model.safetensors has no tensor '\(name)'"
        case let .unexpectedTensor(name, detail): "tensor '\(name)': \(detail)"
        }
    }
}
