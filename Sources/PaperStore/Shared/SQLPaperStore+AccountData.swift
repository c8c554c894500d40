import Foundation
import PaperCore
import SQLKit

/// The `AccountDataStore`: an account's upvotes for its data export, and deleting an account.
extension SQLPaperStore {
    func upvotedPapers(userID: Int) async throws -> [PaperID] {
        try await read { db in
            try await db.select().column("paper_id").from("votes").where("user_id", .equal, userID)
                .orderBy("created_at", .descending).orderBy("paper_id").all()
                .map { PaperID(rawValue: try $0.decode(column: "paper_id", as: String.self)) }
        }
    }

    func deleteAccount(userID: Int) async throws -> Bool {
        try await transaction { db in
            guard let user = try await Self.userRow(where: "id", is: userID, on: db)?.user else { return false }
            try await Self.deleteVotes(userID: userID, on: db)
            try await Self.deleteComments(userID: userID, on: db)
            let collections = try await db.select().column("id").from("collections").where("user_id", .equal, userID).all()
                .map { try $0.decode(column: "id", as: Int.self) }
            if !collections.isEmpty {
                try await db.delete(from: "collection_items").where("collection_id", .in, collections).run()
            }
            for table in ["collections", "not_interested", "api_tokens", "sessions", "password_resets", "authorship_claims",
                          "followed_authors", "followed_accounts", "saved_searches", "feed_tokens", "digest_personal_items"] {
                try await db.delete(from: table).where("user_id", .equal, userID).run()
            }
            // Nobody follows an account that is gone (its name may be someone else's tomorrow).
            try await db.delete(from: "followed_accounts").where("account_id", .equal, userID).run()
            try await Self.deleteSubscriptions(of: user, on: db)
            // The papers it submitted stay on their days' lists, no longer under a name someone
            // else may sign up with.
            for table in ["paper_listings", "papers"] {
                try await db.update(table).set("submitter_name", to: SQLLiteral.null)
                    .where("submitter_name", .equal, user.name).run()
            }
            try await db.delete(from: "users").where("id", .equal, userID).run()
            return true
        }
    }

    private static func deleteVotes(userID: Int, on db: any SQLDatabase) async throws {
        let voted = try await db.delete(from: "votes").where("user_id", .equal, userID).returning("paper_id").all()
        for row in voted {
            try await addToCount("community_upvotes", -1, paper: PaperID(rawValue: try row.decode(column: "paper_id", as: String.self)), on: db)
        }
    }

    private static func deleteComments(userID: Int, on db: any SQLDatabase) async throws {
        let removed = try await db.delete(from: "comments").where("user_id", .equal, userID).returning("paper_id", "hidden").all()
        // A hidden comment was uncounted when it was hidden.
        for row in removed where try row.decode(column: "hidden", as: Int.self) == 0 {
            try await addToCount("community_comments", -1, paper: PaperID(rawValue: try row.decode(column: "paper_id", as: String.self)), on: db)
        }
    }

    /// The digest subscriptions of the account and of its address, with their deliveries.
    private static func deleteSubscriptions(of user: User, on db: any SQLDatabase) async throws {
        let subscribers = try await db.select().column("id").from("subscribers")
            .where("user_id", .equal, user.id).orWhere("email_key", .equal, user.email.lowercased()).all()
            .map { try $0.decode(column: "id", as: Int.self) }
        guard !subscribers.isEmpty else { return }
        try await db.delete(from: "digest_outbox").where("subscriber_id", .in, subscribers).run()
        try await db.delete(from: "subscribers").where("id", .in, subscribers).run()
    }
}
