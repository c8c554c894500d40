/// Turns texts into unit-length vectors whose dot product measures similarity of meaning.
public protocol SentenceEmbedder: Sendable {
    /// A name that identifies the model and its weights; stored with every vector.
    var modelName: String { get }
    /// The length of every vector.
    var dimensions: Int { get }
    /// One L2-normalised vector per text, in order.
    func embed(_ texts: [String]) async throws -> [[Float]]
}

/// Where paper vectors are kept. Vectors belong to one model; asking with another model name
/// finds none, so switching models means embedding again, never mixing.
public protocol VectorRepository: Sendable {
    /// Stores `vectors` for `model`, replacing earlier vectors of those papers.
    func storeVectors(_ vectors: [PaperVector], model: String) async throws

    /// Up to `limit` papers that have no vector from `model` yet, in the order of their ids (so
    /// that an interrupted run continues where it stopped); only those with ids in `ids` unless
    /// it is `nil`.
    func papersWithoutVectors(model: String, in ids: ClosedRange<PaperID>?, limit: Int) async throws -> [Paper]

    /// The ids of up to `limit` papers without a vector from `model`, in order, after `id`
    /// (from the first when `nil`): the backlog, listed without reading the papers.
    func idsWithoutVectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperID]

    /// The vectors of `model` stored for `ids` (papers without one are left out).
    func vectors(ids: [PaperID], model: String) async throws -> [PaperVector]

    /// Every vector of `model`, in pages of `limit` after `id` (for loading the in-memory index).
    func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector]

    /// How many papers have a vector from `model`, and how many papers there are.
    func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int)
}

extension VectorRepository {
    /// Up to `limit` papers that have no vector from `model` yet, in the order of their ids.
    public func papersWithoutVectors(model: String, limit: Int) async throws -> [Paper] {
        try await papersWithoutVectors(model: model, in: nil, limit: limit)
    }
}

/// A paper's embedding.
public struct PaperVector: Sendable, Equatable {
    public var id: PaperID
    public var vector: [Float]
    public init(id: PaperID, vector: [Float]) {
        self.id = id
        self.vector = vector
    }
}

extension Paper {
    /// The text a paper is embedded from: its title, then its abstract.
    public var embeddingText: String { title + ". " + abstract }
}

/// A vector store that finds nearest neighbours itself (PostgreSQL with pgvector), so nodes
/// need not hold every vector in memory.
public protocol NearestVectorSearch: Sendable {
    /// Whether the store searches vectors itself; `false` when the extension is missing.
    var searchesVectors: Bool { get }
    /// The `limit` vectors of `model` with the highest dot product with `vector` (the cosine,
    /// for unit vectors), best first.
    func nearestVectors(to vector: [Float], model: String, limit: Int) async throws -> [(id: PaperID, score: Float)]
}
