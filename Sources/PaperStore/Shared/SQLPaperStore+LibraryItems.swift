import Foundation
import PaperCore
import SQLKit

/// A `collection_items` row.
struct CollectionItemRow: Decodable {
    var id: Int
    var collection_id: Int
    var paper_id: String
    var note: String?
    var position: Int
    var added_at: Int64

    static let columns = ["id", "collection_id", "paper_id", "note", "position", "added_at"]
    var item: CollectionItem {
        CollectionItem(id: id, collectionID: collection_id, paperID: PaperID(rawValue: paper_id), note: note, position: position,
                       addedAt: Date(timeIntervalSince1970: Double(added_at)))
    }

    static func all(collectionID: Int, limit: Int, on db: any SQLDatabase) async throws -> [CollectionItem] {
        try await db.select().columns(columns).from("collection_items").where("collection_id", .equal, collectionID)
            .orderBy("position").orderBy("id").limit(limit).all(decoding: CollectionItemRow.self).map(\.item)
    }
}

/// The `LibraryStore`'s items: positions are kept 0, 1, 2 … without gaps.
extension SQLPaperStore {
    func items(collectionID: Int, limit: Int) async throws -> [CollectionItem] {
        try await read { try await CollectionItemRow.all(collectionID: collectionID, limit: limit, on: $0) }
    }

    func addItem(collectionID: Int, paper: PaperID, note: String?, now: Date) async throws -> CollectionItem {
        try await transaction { db in
            let next = try await db.select().column(SQLFunction("COALESCE", args: SQLFunction("MAX", args: SQLColumn("position")),
                                                                SQLLiteral.numeric("-1")), as: "last")
                .from("collection_items").where("collection_id", .equal, collectionID).first()?
                .decode(column: "last", as: Int.self) ?? -1
            // Positions have no gaps: the last one plus one is the count.
            guard next + 1 < LibraryLimits.itemsPerCollection else { throw LibraryError.collectionFull }
            let row = try await db.insert(into: "collection_items")
                .columns("collection_id", "paper_id", "note", "position", "added_at")
                .values(SQLBind(collectionID), SQLBind(paper.rawValue), note.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                        SQLBind(next + 1), SQLBind(Int64(now.timeIntervalSince1970)))
                .ignoringConflicts(with: ["collection_id", "paper_id"])
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw LibraryError.alreadyInCollection(paper) }
            try await Self.touchCollection(collectionID, now: now, on: db)
            return CollectionItem(id: id, collectionID: collectionID, paperID: paper, note: note, position: next + 1,
                                  addedAt: Date(timeIntervalSince1970: Double(Int64(now.timeIntervalSince1970))))
        }
    }

    func updateItem(id: Int, collectionID: Int, note: String??, position: Int?, now: Date) async throws -> CollectionItem? {
        try await transaction { db in
            var items = try await CollectionItemRow.all(collectionID: collectionID, limit: Int(Int32.max), on: db)
            guard let index = items.firstIndex(where: { $0.id == id }) else { return nil }
            if let note {
                try await db.update("collection_items").set("note", to: note.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
                    .where("id", .equal, id).run()
            }
            if let position {
                let moved = items.remove(at: index)
                items.insert(moved, at: min(max(position, 0), items.count))
                for (place, item) in items.enumerated() where item.position != place {
                    try await db.update("collection_items").set("position", to: place).where("id", .equal, item.id).run()
                }
            }
            try await Self.touchCollection(collectionID, now: now, on: db)
            return try await db.select().columns(CollectionItemRow.columns).from("collection_items").where("id", .equal, id)
                .first(decoding: CollectionItemRow.self)?.item
        }
    }

    func removeItem(id: Int, collectionID: Int, now: Date) async throws -> Bool {
        try await transaction { db in
            guard let row = try await db.delete(from: "collection_items").where("id", .equal, id)
                .where("collection_id", .equal, collectionID).returning("position").first() else { return false }
            let position = try row.decode(column: "position", as: Int.self)
            try await db.update("collection_items")
                .set("position", to: SQLBinaryExpression(SQLColumn("position"), .subtract, SQLLiteral.numeric("1")))
                .where("collection_id", .equal, collectionID).where("position", .greaterThan, position).run()
            try await Self.touchCollection(collectionID, now: now, on: db)
            return true
        }
    }

    /// Records a change to a collection's items as a change to the collection.
    private static func touchCollection(_ id: Int, now: Date, on db: any SQLDatabase) async throws {
        try await db.update("collections").set("updated_at", to: Int64(now.timeIntervalSince1970)).where("id", .equal, id).run()
    }
}
