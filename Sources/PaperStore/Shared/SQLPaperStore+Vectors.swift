import PaperCore
import SQLKit

/// The `VectorRepository`, and `NearestVectorSearch` where the engine searches vectors itself.
extension SQLPaperStore {
    func storeVectors(_ vectors: [PaperVector], model: String) async throws {
        let engine = self.engine
        try await transaction { db in
            try await VectorQueries.store(vectors, model: model, on: db)
            try await engine.didStore(vectors, model: model, on: db)
        }
    }

    func papersWithoutVectors(model: String, in ids: ClosedRange<PaperID>?, limit: Int) async throws -> [Paper] {
        try await read { try await VectorQueries.papersWithoutVectors(model: model, in: ids, limit: limit, on: $0) }
    }

    func idsWithoutVectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperID] {
        try await read {
            try await VectorQueries.idsWithoutVectors(model: model, from: id.map { .after($0) }, through: nil, limit: limit, on: $0)
        }
    }

    func vectors(ids: [PaperID], model: String) async throws -> [PaperVector] {
        try await read { try await VectorQueries.vectors(ids: ids, model: model, on: $0) }
    }

    func vectors(model: String, after id: PaperID?, limit: Int) async throws -> [PaperVector] {
        try await read { try await VectorQueries.vectors(model: model, after: id, limit: limit, on: $0) }
    }

    func vectorCoverage(model: String) async throws -> (embedded: Int, papers: Int) {
        try await read { try await VectorQueries.coverage(model: model, on: $0) }
    }

    var searchesVectors: Bool { engine.searchesVectors }

    func nearestVectors(to vector: [Float], model: String, limit: Int) async throws -> [(id: PaperID, score: Float)] {
        let engine = self.engine
        // In a transaction of its own: the search's settings (pgvector's `ef_search`) last for it only.
        return try await transaction { try await engine.nearestVectors(to: vector, model: model, limit: limit, on: $0) }
    }
}
