import Foundation
import PaperCore
import SQLKit

/// Reads and writes of `paper_vectors`, dialect-neutral.
enum VectorQueries {
    static func store(_ vectors: [PaperVector], model: String, on db: any SQLDatabase) async throws {
        guard !vectors.isEmpty else { return }
        try await db.delete(from: "paper_vectors").where("paper_id", .in, vectors.map(\.id.rawValue)).run()
        for chunk in stride(from: 0, to: vectors.count, by: 500) {
            var insert = db.insert(into: "paper_vectors").columns("paper_id", "model", "dimensions", "vector")
            for item in vectors[chunk..<min(chunk + 500, vectors.count)] {
                insert = insert.values(SQLBind(item.id.rawValue), SQLBind(model), SQLBind(item.vector.count),
                                       SQLBind(VectorBytes.encode(item.vector)))
            }
            try await insert.run()
        }
    }

    /// In id order. The embedding service asks every minute, and at millions of papers nearly
    /// always finds none: the ids are found from the two indexes alone (the papers' id index
    /// against `paper_vectors_model`), and only the papers found are read, never every row.
    static func papersWithoutVectors(model: String, in range: ClosedRange<PaperID>?, limit: Int,
                                     on db: any SQLDatabase) async throws -> [Paper] {
        let ids = try await idsWithoutVectors(model: model, from: range.map { .included($0.lowerBound) },
                                              through: range?.upperBound, limit: limit, on: db)
        guard !ids.isEmpty else { return [] }
        return try await db.select().columns(PaperRow.columns.map { SQLColumn($0) }).from("papers")
            .where("id", .in, ids.map(\.rawValue)).orderBy("id")
            .all(decoding: PaperRow.self)
            .map { try $0.paper() }
    }

    /// Where a scan by id starts: at an id, or just after it.
    enum Start {
        case included(PaperID)
        case after(PaperID)
    }

    static func idsWithoutVectors(model: String, from start: Start?, through last: PaperID?, limit: Int,
                                  on db: any SQLDatabase) async throws -> [PaperID] {
        let id = SQLColumn("id", table: "papers")
        var query = db.select()
            .column(id)
            .from("papers")
            .join("paper_vectors", method: SQLJoinMethod.left, on: vectorOfPaper(model: model))
            .where(SQLColumn("paper_id", table: "paper_vectors"), .is, SQLLiteral.null)
        switch start {
        case let .included(first): query = query.where(id, .greaterThanOrEqual, SQLBind(first.rawValue))
        case let .after(previous): query = query.where(id, .greaterThan, SQLBind(previous.rawValue))
        case nil: break
        }
        if let last { query = query.where(id, .lessThanOrEqual, SQLBind(last.rawValue)) }
        return try await query.orderBy(id).limit(limit).all()
            .map { PaperID(rawValue: try $0.decode(column: "id", as: String.self)) }
    }

    /// The join condition that pairs each paper with its vector from `model`.
    static func vectorOfPaper(model: String) -> SQLBinaryExpression {
        SQLBinaryExpression(
            SQLBinaryExpression(SQLColumn("paper_id", table: "paper_vectors"), .equal, SQLColumn("id", table: "papers")),
            .and,
            SQLBinaryExpression(SQLColumn("model", table: "paper_vectors"), .equal, SQLBind(model)))
    }

    private struct Row: Decodable {
        var paper_id: String
        var vector: Data
        var item: PaperVector { PaperVector(id: PaperID(rawValue: paper_id), vector: VectorBytes.decode(vector)) }
    }

    static func vectors(ids: [PaperID], model: String, on db: any SQLDatabase) async throws -> [PaperVector] {
        guard !ids.isEmpty else { return [] }
        return try await db.select().column("paper_id").column("vector").from("paper_vectors")
            .where("model", .equal, model).where("paper_id", .in, ids.map(\.rawValue))
            .all(decoding: Row.self).map(\.item)
    }

    static func vectors(model: String, after id: PaperID?, limit: Int, on db: any SQLDatabase) async throws -> [PaperVector] {
        var select = db.select().column("paper_id").column("vector").from("paper_vectors").where("model", .equal, model)
        if let id { select = select.where("paper_id", .greaterThan, id.rawValue) }
        return try await select.orderBy("paper_id").limit(limit).all(decoding: Row.self).map(\.item)
    }

    static func coverage(model: String, on db: any SQLDatabase) async throws -> (embedded: Int, papers: Int) {
        let embedded = try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from("paper_vectors").where("model", .equal, model).first()?.decode(column: "n", as: Int.self) ?? 0
        return (embedded, try await PaperQueries.count(on: db))
    }

    /// A paper whose title or abstract changed needs a new vector: forget the old one.
    static func forget(_ ids: [String], on db: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        try await db.delete(from: "paper_vectors").where("paper_id", .in, ids).run()
    }
}

/// Float32 vectors as little-endian bytes, the form they are stored in.
enum VectorBytes {
    static func encode(_ vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * 4)
        for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func decode(_ data: Data) -> [Float] {
        data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
