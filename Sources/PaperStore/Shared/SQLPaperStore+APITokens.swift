import Foundation
import PaperCore
import SQLKit

/// An `api_tokens` row.
struct APITokenRow: Decodable {
    var id: Int
    var user_id: Int
    var name: String
    var created_at: Int64
    var last_used_at: Int64?
    var revoked_at: Int64?

    static let columns = ["id", "user_id", "name", "created_at", "last_used_at", "revoked_at"]
    var token: APIToken {
        APIToken(id: id, userID: user_id, name: name, createdAt: Date(timeIntervalSince1970: Double(created_at)),
                 lastUsedAt: last_used_at.map { Date(timeIntervalSince1970: Double($0)) },
                 revokedAt: revoked_at.map { Date(timeIntervalSince1970: Double($0)) })
    }

    static func find(_ column: String, is value: some Encodable & Sendable, on db: any SQLDatabase) async throws -> APITokenRow? {
        try await db.select().columns(columns).from("api_tokens").where(SQLColumn(column), .equal, SQLBind(value))
            .first(decoding: APITokenRow.self)
    }
}

/// The `APITokenStore`.
extension SQLPaperStore {
    func createAPIToken(userID: Int, name: String, tokenHash: String, now: Date) async throws -> APIToken {
        try await transaction { db in
            let row = try await db.insert(into: "api_tokens").columns("user_id", "name", "token_hash", "created_at")
                .values(SQLBind(userID), SQLBind(name), SQLBind(tokenHash), SQLBind(Int64(now.timeIntervalSince1970)))
                .returning("id").first()
            return try await APITokenRow.find("id", is: try row!.decode(column: "id", as: Int.self), on: db)!.token
        }
    }

    func apiTokens(userID: Int) async throws -> [APIToken] {
        try await read { db in
            try await db.select().columns(APITokenRow.columns).from("api_tokens").where("user_id", .equal, userID).orderBy("id")
                .all(decoding: APITokenRow.self).map(\.token)
        }
    }

    func apiTokenUser(tokenHash: String, now: Date) async throws -> (user: User, token: APIToken)? {
        let found = try await read { db -> (UserRow, APITokenRow)? in
            guard let token = try await APITokenRow.find("token_hash", is: tokenHash, on: db), token.revoked_at == nil,
                  let user = try await Self.userRow(where: "id", is: token.user_id, on: db), user.disabled == 0 else { return nil }
            return (user, token)
        }
        guard let (user, found) = found else { return nil }
        var token = found
        let stamp = Int64(now.timeIntervalSince1970)
        if token.last_used_at.map({ stamp - $0 >= 60 }) ?? true {
            let id = token.id
            try await transaction { db in
                try await db.update("api_tokens").set("last_used_at", to: stamp).where("id", .equal, id).run()
            }
            token.last_used_at = stamp
        }
        return (user.user, token.token)
    }

    func revokeAPIToken(id: Int, userID: Int, now: Date) async throws -> APIToken? {
        try await transaction { db in
            try await db.update("api_tokens").set("revoked_at", to: Int64(now.timeIntervalSince1970))
                .where("id", .equal, id).where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).run()
            guard let row = try await APITokenRow.find("id", is: id, on: db), row.user_id == userID else { return nil }
            return row.token
        }
    }
}
