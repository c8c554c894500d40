/// Turns texts into fixed-size vectors whose cosine similarity reflects meaning.
public protocol TextEmbedder: Sendable {
    /// The model's public name, stored beside each vector so stale vectors can be found.
    var modelName: String { get }
    /// The length of every vector `embed` returns.
    var dimensions: Int { get }
    /// Embeds each text; the result has one L2-normalised vector per input, in input order.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
