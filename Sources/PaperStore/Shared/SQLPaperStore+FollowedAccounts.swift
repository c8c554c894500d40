import Foundation
import PaperCore
import SQLKit

/// A `followed_accounts` row with the followed account's name.
struct FollowedAccountRow: Decodable {
    var id: Int
    var user_id: Int
    var account_id: Int
    var account_name: String
    var created_at: Int64

    var account: FollowedAccount {
        FollowedAccount(id: id, userID: user_id, accountID: account_id, accountName: account_name,
                        createdAt: Date(timeIntervalSince1970: Double(created_at)))
    }
}

/// The `FollowStore`'s followed accounts.
extension SQLPaperStore {
    func followAccount(_ accountID: Int, userID: Int, limit: Int, now: Date) async throws -> FollowedAccount {
        try await transaction { db in
            if let existing = try await Self.followedAccounts(userID: userID, accountID: accountID, on: db).first { return existing }
            guard try await Self.count("followed_accounts", userID: userID, on: db) < limit else {
                throw FollowError.tooManyAccounts(limit: limit)
            }
            try await db.insert(into: "followed_accounts").columns("user_id", "account_id", "created_at")
                .values(SQLBind(userID), SQLBind(accountID), SQLBind(Int64(now.timeIntervalSince1970)))
                .ignoringConflicts(with: ["user_id", "account_id"]).run()
            return try await Self.followedAccounts(userID: userID, accountID: accountID, on: db).first!
        }
    }

    func followedAccounts(userID: Int) async throws -> [FollowedAccount] {
        try await read { db in try await Self.followedAccounts(userID: userID, accountID: nil, on: db) }
    }

    func unfollowAccount(id: Int, userID: Int) async throws -> Bool {
        try await transaction { db in
            try await db.delete(from: "followed_accounts").where("id", .equal, id).where("user_id", .equal, userID)
                .returning("id").first() != nil
        }
    }

    /// The user's follows (of `accountID` only, when given), the most recent first.
    private static func followedAccounts(userID: Int, accountID: Int?, on db: any SQLDatabase) async throws -> [FollowedAccount] {
        var select = db.select()
            .column(SQLColumn("id", table: "followed_accounts"), as: "id")
            .column(SQLColumn("user_id", table: "followed_accounts"), as: "user_id")
            .column(SQLColumn("account_id", table: "followed_accounts"), as: "account_id")
            .column(SQLColumn("name", table: "users"), as: "account_name")
            .column(SQLColumn("created_at", table: "followed_accounts"), as: "created_at")
            .from("followed_accounts")
            .join("users", on: SQLColumn("account_id", table: "followed_accounts"), .equal, SQLColumn("id", table: "users"))
            .where(SQLColumn("user_id", table: "followed_accounts"), .equal, SQLBind(userID))
        if let accountID { select = select.where(SQLColumn("account_id", table: "followed_accounts"), .equal, SQLBind(accountID)) }
        return try await select
            .orderBy(SQLOrderBy(expression: SQLColumn("created_at", table: "followed_accounts"), direction: SQLDirection.descending))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "followed_accounts"), direction: SQLDirection.descending))
            .all(decoding: FollowedAccountRow.self).map(\.account)
    }
}
