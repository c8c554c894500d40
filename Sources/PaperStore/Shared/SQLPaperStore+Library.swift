import Foundation
import PaperCore
import SQLKit

/// A `collections` row joined with its owner's name.
struct CollectionRow: Decodable {
    var id: Int
    var user_id: Int
    var name: String
    var title: String
    var description: String?
    var `private`: Int
    var default_for: Int?
    var created_at: Int64
    var updated_at: Int64

    var collection: PaperCollection {
        PaperCollection(id: id, ownerID: user_id, ownerName: name, title: title, description: description,
                        isPrivate: `private` != 0, isDefault: default_for != nil,
                        createdAt: Date(timeIntervalSince1970: Double(created_at)),
                        updatedAt: Date(timeIntervalSince1970: Double(updated_at)))
    }

    static func select(on db: any SQLDatabase) -> SQLSelectBuilder {
        db.selectWithUserName(["id", "user_id", "title", "description", "private", "default_for", "created_at", "updated_at"],
                              from: "collections")
    }

    static func find(id: Int, on db: any SQLDatabase) async throws -> PaperCollection? {
        try await select(on: db).where(SQLColumn("id", table: "collections"), .equal, SQLBind(id))
            .first(decoding: CollectionRow.self)?.collection
    }

    static func find(ownerID: Int, titleKey: String, on db: any SQLDatabase) async throws -> PaperCollection? {
        try await select(on: db).where(SQLColumn("user_id", table: "collections"), .equal, SQLBind(ownerID))
            .where(SQLColumn("title_key", table: "collections"), .equal, SQLBind(titleKey))
            .first(decoding: CollectionRow.self)?.collection
    }
}

/// The `LibraryStore`: collections and "not interested" marks (items in `+LibraryItems`).
extension SQLPaperStore {
    func createCollection(ownerID: Int, title: String, description: String?, isPrivate: Bool, now: Date) async throws
        -> PaperCollection {
        try await transaction { db in
            try await Self.insertCollection(ownerID: ownerID, title: title, description: description, isPrivate: isPrivate,
                                            defaultFor: nil, now: now, on: db)
        }
    }

    func collection(id: Int) async throws -> PaperCollection? {
        try await read { try await CollectionRow.find(id: id, on: $0) }
    }

    func defaultCollection(ownerID: Int, now: Date) async throws -> PaperCollection {
        try await transaction { db in
            if let existing = try await CollectionRow.select(on: db)
                .where(SQLColumn("default_for", table: "collections"), .equal, SQLBind(ownerID)).first(decoding: CollectionRow.self) {
                return existing.collection
            }
            do {
                return try await Self.insertCollection(ownerID: ownerID, title: "Saved", description: nil, isPrivate: true,
                                                       defaultFor: ownerID, now: now, on: db)
            } catch LibraryError.titleTaken(let saved) {
                try await db.update("collections").set("default_for", to: ownerID).where("id", .equal, saved.id).run()
                return try await CollectionRow.find(id: saved.id, on: db)!
            }
        }
    }

    func collections(_ query: CollectionQuery) async throws -> [PaperCollection] {
        try await read { db in
            var select = CollectionRow.select(on: db)
            if let owner = query.ownerID { select = select.where(SQLColumn("user_id", table: "collections"), .equal, SQLBind(owner)) }
            if let paper = query.containing {
                let holding = db.select().column("collection_id").from("collection_items").where("paper_id", .equal, paper.rawValue)
                select = select.where(SQLColumn("id", table: "collections"), .in, SQLGroupExpression(holding.query))
            }
            let viewer = query.viewerID ?? -1
            select = select.where {
                $0.where(SQLColumn("private", table: "collections"), .equal, SQLBind(0))
                    .orWhere(SQLColumn("user_id", table: "collections"), .equal, SQLBind(viewer))
            }
            return try await select.orderBy(SQLColumn("updated_at", table: "collections") as any SQLExpression, SQLDirection.descending)
                .orderBy(SQLColumn("id", table: "collections") as any SQLExpression, SQLDirection.descending)
                .limit(query.limit).offset(query.offset).all(decoding: CollectionRow.self).map(\.collection)
        }
    }

    func updateCollection(id: Int, _ changes: CollectionChanges, now: Date) async throws -> PaperCollection? {
        try await transaction { db in
            guard let current = try await CollectionRow.find(id: id, on: db) else { return nil }
            var update = db.update("collections").set("updated_at", to: Int64(now.timeIntervalSince1970))
            if let title = changes.title {
                if let other = try await CollectionRow.find(ownerID: current.ownerID, titleKey: title.lowercased(), on: db),
                   other.id != id { throw LibraryError.titleTaken(other) }
                update = update.set("title", to: title).set("title_key", to: title.lowercased())
            }
            if let description = changes.description {
                update = update.set("description", to: description.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            }
            if let isPrivate = changes.isPrivate { update = update.set("private", to: isPrivate ? 1 : 0) }
            try await update.where("id", .equal, id).run()
            return try await CollectionRow.find(id: id, on: db)
        }
    }

    func deleteCollection(id: Int) async throws -> Bool {
        try await transaction { db in
            try await db.delete(from: "collection_items").where("collection_id", .equal, id).run()
            return try await db.delete(from: "collections").where("id", .equal, id).returning("id").first() != nil
        }
    }

    func setNotInterested(_ notInterested: Bool, userID: Int, paper: PaperID, now: Date) async throws {
        try await transaction { db in
            if notInterested {
                try await db.insert(into: "not_interested").columns("user_id", "paper_id", "created_at")
                    .values(SQLBind(userID), SQLBind(paper.rawValue), SQLBind(Int64(now.timeIntervalSince1970)))
                    .ignoringConflicts(with: ["user_id", "paper_id"]).run()
            } else {
                try await db.delete(from: "not_interested").where("user_id", .equal, userID)
                    .where("paper_id", .equal, paper.rawValue).run()
            }
        }
    }

    func notInterestedPapers(userID: Int) async throws -> [PaperID] {
        try await read { db in
            try await db.select().column("paper_id").from("not_interested").where("user_id", .equal, userID)
                .orderBy("created_at", .descending).orderBy("paper_id").all()
                .map { PaperID(rawValue: try $0.decode(column: "paper_id", as: String.self)) }
        }
    }

    func savedPapers(userID: Int) async throws -> [SavedPaper] {
        let rows = try await read { db in
            try await db.select().column(SQLColumn("paper_id", table: "collection_items"))
                .column(SQLColumn("default_for", table: "collections"))
                .from("collection_items")
                .join("collections", on: SQLColumn("id", table: "collections"), .equal, SQLColumn("collection_id", table: "collection_items"))
                .where(SQLColumn("user_id", table: "collections"), .equal, SQLBind(userID))
                .orderBy(SQLColumn("added_at", table: "collection_items") as any SQLExpression, SQLDirection.descending)
                .orderBy(SQLColumn("id", table: "collection_items") as any SQLExpression, SQLDirection.descending)
                .all().map { (try $0.decode(column: "paper_id", as: String.self), try $0.decode(column: "default_for", as: Int?.self) != nil) }
        }
        // A paper in several collections is listed once, where it was added last.
        var result: [SavedPaper] = [], positions: [String: Int] = [:]
        for (paper, inDefault) in rows {
            if let index = positions[paper] {
                result[index].inDefault = result[index].inDefault || inDefault
            } else {
                positions[paper] = result.count
                result.append(SavedPaper(paperID: PaperID(rawValue: paper), inDefault: inDefault))
            }
        }
        return result
    }

    /// Inserts a collection; a title the owner used already is `LibraryError.titleTaken`, also
    /// when a concurrent request took it first (the unique index refuses the row).
    private static func insertCollection(ownerID: Int, title: String, description: String?, isPrivate: Bool, defaultFor: Int?,
                                         now: Date, on db: any SQLDatabase) async throws -> PaperCollection {
        let key = title.lowercased()
        if let existing = try await CollectionRow.find(ownerID: ownerID, titleKey: key, on: db) { throw LibraryError.titleTaken(existing) }
        // The default collection is made whatever the count: saving a paper must always work.
        if defaultFor == nil {
            let count = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("collections")
                .where("user_id", .equal, ownerID).first()?.decode(column: "n", as: Int.self) ?? 0
            guard count < LibraryLimits.collectionsPerUser else { throw LibraryError.tooManyCollections }
        }
        let stamp = Int64(now.timeIntervalSince1970)
        let row = try await db.insert(into: "collections")
            .columns("user_id", "title", "title_key", "description", "private", "default_for", "created_at", "updated_at")
            .values(SQLBind(ownerID), SQLBind(title), SQLBind(key), description.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                    SQLBind(isPrivate ? 1 : 0), defaultFor.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                    SQLBind(stamp), SQLBind(stamp))
            .ignoringConflicts(with: ["user_id", "title_key"])
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int.self), let made = try await CollectionRow.find(id: id, on: db) else {
            guard let winner = try await CollectionRow.find(ownerID: ownerID, titleKey: key, on: db) else {
                throw StoreError.unsupported("a collection could not be stored")
            }
            throw LibraryError.titleTaken(winner)
        }
        return made
    }
}
