import Foundation
import PaperCore
import SQLKit

/// A `comments` row joined with its author's name.
struct CommentRow: Decodable {
    var id: Int
    var paper_id: String
    var user_id: Int
    var name: String
    var body: String
    var created_at: Int64
    var edited_at: Int64?

    var comment: Comment {
        Comment(id: id, paperID: PaperID(rawValue: paper_id), userID: user_id, userName: name, body: body,
                createdAt: Date(timeIntervalSince1970: Double(created_at)),
                editedAt: edited_at.map { Date(timeIntervalSince1970: Double($0)) })
    }

    static func select(on db: any SQLDatabase) -> SQLSelectBuilder {
        db.selectWithUserName(["id", "paper_id", "user_id", "body", "created_at", "edited_at"], from: "comments")
    }
}

extension SQLDatabase {
    /// `columns` of `table` and the `name` of the user in its `user_id`.
    func selectWithUserName(_ columns: [String], from table: String) -> SQLSelectBuilder {
        select()
            .columns(columns.map { SQLColumn($0, table: table) })
            .column(SQLColumn("name", table: "users"))
            .from(table)
            .join("users", on: SQLColumn("user_id", table: table), .equal, SQLColumn("id", table: "users"))
    }
}

/// The `CommunityStore`: votes and comments.
extension SQLPaperStore {
    func toggleVote(userID: Int, paper: PaperID, now: Date) async throws -> VoteState {
        try await transaction { db in
            let removed = try await db.delete(from: "votes").where("user_id", .equal, userID).where("paper_id", .equal, paper.rawValue)
                .returning("user_id").first() != nil
            var voted = false
            if !removed {
                voted = try await db.insert(into: "votes").columns("user_id", "paper_id", "created_at")
                    .values(SQLBind(userID), SQLBind(paper.rawValue), SQLBind(Int64(now.timeIntervalSince1970)))
                    .ignoringConflicts(with: ["user_id", "paper_id"]).returning("user_id").first() != nil
            }
            if removed || voted {
                try await Self.addToCount("community_upvotes", voted ? 1 : -1, paper: paper, on: db)
            }
            let upvotes = try await db.select().column(PaperRow.shownUpvotes, as: "n").from("papers")
                .where("id", .equal, paper.rawValue).first()?.decode(column: "n", as: Int.self) ?? 0
            return VoteState(voted: voted, upvotes: upvotes)
        }
    }

    func votedPapers(userID: Int, among papers: [PaperID]) async throws -> Set<PaperID> {
        guard !papers.isEmpty else { return [] }
        return try await read { db in
            let rows = try await db.select().column("paper_id").from("votes").where("user_id", .equal, userID)
                .where("paper_id", .in, papers.map(\.rawValue)).all()
            return Set(try rows.map { PaperID(rawValue: try $0.decode(column: "paper_id", as: String.self)) })
        }
    }

    func addComment(userID: Int, paper: PaperID, body: String, now: Date) async throws -> Comment {
        try await transaction { db in
            let row = try await db.insert(into: "comments").columns("paper_id", "user_id", "body", "created_at")
                .values(SQLBind(paper.rawValue), SQLBind(userID), SQLBind(body), SQLBind(Int64(now.timeIntervalSince1970)))
                .returning("id").first()
            let id = try row!.decode(column: "id", as: Int.self)
            try await Self.addToCount("community_comments", 1, paper: paper, on: db)
            return try await CommentRow.select(on: db).where(SQLColumn("id", table: "comments"), .equal, SQLBind(id))
                .first(decoding: CommentRow.self)!.comment
        }
    }

    func comments(paper: PaperID) async throws -> [Comment] {
        try await read { db in
            try await CommentRow.select(on: db).where(SQLColumn("paper_id", table: "comments"), .equal, SQLBind(paper.rawValue))
                .where(SQLColumn("hidden", table: "comments"), .equal, SQLBind(0))
                .orderBy(SQLColumn("id", table: "comments")).all(decoding: CommentRow.self).map(\.comment)
        }
    }

    func comment(id: Int) async throws -> Comment? {
        try await read { db in
            try await CommentRow.select(on: db).where(SQLColumn("id", table: "comments"), .equal, SQLBind(id))
                .first(decoding: CommentRow.self)?.comment
        }
    }

    func comments(userID: Int, limit: Int) async throws -> [Comment] {
        try await read { db in
            try await CommentRow.select(on: db).where(SQLColumn("user_id", table: "comments"), .equal, SQLBind(userID))
                .where(SQLColumn("hidden", table: "comments"), .equal, SQLBind(0))
                .orderBy(SQLColumn("id", table: "comments") as any SQLExpression, SQLDirection.descending).limit(limit).all(decoding: CommentRow.self).map(\.comment)
        }
    }

    func editComment(id: Int, body: String, now: Date) async throws {
        try await transaction { db in
            try await db.update("comments").set("body", to: body).set("edited_at", to: Int64(now.timeIntervalSince1970))
                .where("id", .equal, id).run()
        }
    }

    func deleteComment(id: Int) async throws {
        try await transaction { db in
            guard let row = try await db.delete(from: "comments").where("id", .equal, id).returning("paper_id", "hidden").first()
            else { return }
            // A hidden comment was uncounted when it was hidden.
            if try row.decode(column: "hidden", as: Int.self) == 0 {
                try await Self.addToCount("community_comments", -1, paper: PaperID(rawValue: try row.decode(column: "paper_id", as: String.self)), on: db)
            }
        }
    }

    func setCommentHidden(id: Int, hidden: Bool) async throws {
        try await transaction { db in
            guard let row = try await db.update("comments").set("hidden", to: hidden ? 1 : 0).where("id", .equal, id)
                .where("hidden", .equal, hidden ? 0 : 1).returning("paper_id").first() else { return }
            let paper = PaperID(rawValue: try row.decode(column: "paper_id", as: String.self))
            try await Self.addToCount("community_comments", hidden ? -1 : 1, paper: paper, on: db)
        }
    }

    func setPaperHidden(_ paper: PaperID, hidden: Bool) async throws {
        try await transaction { try await $0.update("papers").set("hidden", to: hidden ? 1 : 0).where("id", .equal, paper.rawValue).run() }
    }

    func hiddenPapers() async throws -> [Paper] {
        try await read { db in
            try await db.select().columns(PaperRow.shownColumns()).from("papers").where("hidden", .equal, 1).orderBy("id")
                .all(decoding: PaperRow.self).map { try $0.paper() }
        }
    }

    static func addToCount(_ column: String, _ delta: Int, paper: PaperID, on db: any SQLDatabase) async throws {
        try await db.update("papers")
            .set(SQLIdentifier(column), to: SQLBinaryExpression(SQLColumn(column), .add, SQLBind(delta)))
            .where("id", .equal, paper.rawValue).run()
    }
}
