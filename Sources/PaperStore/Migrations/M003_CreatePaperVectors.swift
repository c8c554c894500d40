import SQLKit

/// Paper embeddings, one per paper and model, as little-endian Float32 bytes.
struct CreatePaperVectors: Migration {
    let number = 3
    let name = "create paper vectors"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "paper_vectors")
            .column("paper_id", type: .text, .primaryKey(autoIncrement: false))
            .column("model", type: .text, .notNull)
            .column("dimensions", type: .bigint, .notNull)
            .column("vector", type: .blob, .notNull)
            .run()
        try await db.create(index: "paper_vectors_model").on("paper_vectors").column("model").column("paper_id").run()
    }
}
