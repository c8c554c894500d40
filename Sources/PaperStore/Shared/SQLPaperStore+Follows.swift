import Foundation
import PaperCore
import SQLKit

/// A `followed_authors` row.
struct FollowedAuthorRow: Decodable {
    var id: Int
    var user_id: Int
    var name: String
    var created_at: Int64

    static let columns = ["id", "user_id", "name", "created_at"]
    var author: FollowedAuthor {
        FollowedAuthor(id: id, userID: user_id, name: name, createdAt: Date(timeIntervalSince1970: Double(created_at)))
    }
}

/// A `saved_searches` row.
struct SavedSearchRow: Decodable {
    var id: Int
    var user_id: Int
    var query: String
    var mode: String
    var created_at: Int64

    static let columns = ["id", "user_id", "query", "mode", "created_at"]
    var search: SavedSearch {
        SavedSearch(id: id, userID: user_id, query: query, mode: mode, createdAt: Date(timeIntervalSince1970: Double(created_at)))
    }
}

/// The `FollowStore`: followed authors, saved searches and private-feed tokens.
extension SQLPaperStore {
    func followAuthor(_ name: String, userID: Int, limit: Int, now: Date) async throws -> FollowedAuthor {
        let key = name.lowercased()
        return try await transaction { db in
            if let existing = try await Self.followedAuthor(userID: userID, key: key, on: db) { return existing.author }
            guard try await Self.count("followed_authors", userID: userID, on: db) < limit else {
                throw FollowError.tooManyAuthors(limit: limit)
            }
            try await db.insert(into: "followed_authors").columns("user_id", "name", "name_key", "created_at")
                .values(SQLBind(userID), SQLBind(name), SQLBind(key), SQLBind(Int64(now.timeIntervalSince1970)))
                .ignoringConflicts(with: ["user_id", "name_key"]).run()
            return try await Self.followedAuthor(userID: userID, key: key, on: db)!.author
        }
    }

    func followedAuthors(userID: Int) async throws -> [FollowedAuthor] {
        try await read { db in
            try await db.select().columns(FollowedAuthorRow.columns).from("followed_authors").where("user_id", .equal, userID)
                .orderBy("created_at", .descending).orderBy("id", .descending)
                .all(decoding: FollowedAuthorRow.self).map(\.author)
        }
    }

    func unfollowAuthor(id: Int, userID: Int) async throws -> Bool {
        try await transaction { db in
            try await db.delete(from: "followed_authors").where("id", .equal, id).where("user_id", .equal, userID)
                .returning("id").first() != nil
        }
    }

    func saveSearch(query: String, mode: String, userID: Int, limit: Int, now: Date) async throws -> SavedSearch {
        try await transaction { db in
            if let existing = try await Self.savedSearch(userID: userID, query: query, mode: mode, on: db) { return existing.search }
            guard try await Self.count("saved_searches", userID: userID, on: db) < limit else {
                throw FollowError.tooManySearches(limit: limit)
            }
            try await db.insert(into: "saved_searches").columns("user_id", "query", "mode", "created_at")
                .values(SQLBind(userID), SQLBind(query), SQLBind(mode), SQLBind(Int64(now.timeIntervalSince1970)))
                .ignoringConflicts(with: ["user_id", "query", "mode"]).run()
            return try await Self.savedSearch(userID: userID, query: query, mode: mode, on: db)!.search
        }
    }

    func savedSearches(userID: Int) async throws -> [SavedSearch] {
        try await read { db in
            try await db.select().columns(SavedSearchRow.columns).from("saved_searches").where("user_id", .equal, userID)
                .orderBy("created_at", .descending).orderBy("id", .descending)
                .all(decoding: SavedSearchRow.self).map(\.search)
        }
    }

    func savedSearch(id: Int, userID: Int) async throws -> SavedSearch? {
        try await read { db in
            try await db.select().columns(SavedSearchRow.columns).from("saved_searches").where("id", .equal, id)
                .where("user_id", .equal, userID).first(decoding: SavedSearchRow.self)?.search
        }
    }

    func deleteSavedSearch(id: Int, userID: Int) async throws -> Bool {
        try await transaction { db in
            try await db.delete(from: "saved_searches").where("id", .equal, id).where("user_id", .equal, userID)
                .returning("id").first() != nil
        }
    }

    func replaceFeedToken(userID: Int, tokenHash: String, now: Date) async throws {
        try await transaction { db in
            try await db.delete(from: "feed_tokens").where("user_id", .equal, userID).run()
            try await db.insert(into: "feed_tokens").columns("user_id", "token_hash", "created_at")
                .values(SQLBind(userID), SQLBind(tokenHash), SQLBind(Int64(now.timeIntervalSince1970))).run()
        }
    }

    func feedTokenCreated(userID: Int) async throws -> Date? {
        try await read { db in
            try await db.select().column("created_at").from("feed_tokens").where("user_id", .equal, userID).first()
                .map { Date(timeIntervalSince1970: Double(try $0.decode(column: "created_at", as: Int64.self))) }
        }
    }

    func feedTokenUser(tokenHash: String) async throws -> User? {
        try await read { db in
            guard let row = try await db.select().column("user_id").from("feed_tokens").where("token_hash", .equal, tokenHash).first(),
                  let user = try await Self.userRow(where: "id", is: try row.decode(column: "user_id", as: Int.self), on: db),
                  user.disabled == 0 else { return nil }
            return user.user
        }
    }

    private static func followedAuthor(userID: Int, key: String, on db: any SQLDatabase) async throws -> FollowedAuthorRow? {
        try await db.select().columns(FollowedAuthorRow.columns).from("followed_authors").where("user_id", .equal, userID)
            .where("name_key", .equal, key).first(decoding: FollowedAuthorRow.self)
    }

    private static func savedSearch(userID: Int, query: String, mode: String, on db: any SQLDatabase) async throws -> SavedSearchRow? {
        try await db.select().columns(SavedSearchRow.columns).from("saved_searches").where("user_id", .equal, userID)
            .where("query", .equal, query).where("mode", .equal, mode).first(decoding: SavedSearchRow.self)
    }

    static func count(_ table: String, userID: Int, on db: any SQLDatabase) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).where("user_id", .equal, userID)
            .first()!.decode(column: "n", as: Int.self)
    }
}
