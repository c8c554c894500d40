import Foundation
import PaperCore
import SQLKit

/// An `authorship_claims` row joined with the claimant's name.
struct ClaimRow: Decodable {
    var id: Int
    var paper_id: String
    var user_id: Int
    var name: String
    var author_name: String
    var state: String
    var created_at: Int64

    var claim: AuthorshipClaim {
        AuthorshipClaim(id: id, paperID: PaperID(rawValue: paper_id), userID: user_id, userName: name, authorName: author_name,
                        state: AuthorshipClaim.State(rawValue: state) ?? .pending,
                        createdAt: Date(timeIntervalSince1970: Double(created_at)))
    }

    static func select(on db: any SQLDatabase) -> SQLSelectBuilder {
        db.selectWithUserName(["id", "paper_id", "user_id", "author_name", "state", "created_at"], from: "authorship_claims")
    }
}

/// Submissions, authorship claims and moderation (the rest of `CommunityStore`).
extension SQLPaperStore {
    func submit(paper: PaperID, userName: String, day: Day) async throws {
        try await transaction { db in
            let inserted = try await db.insert(into: "paper_listings").columns("paper_id", "day", "submitter_name")
                .values(SQLBind(paper.rawValue), SQLBind(day.description), SQLBind(userName))
                .ignoringConflicts(with: ["paper_id", "day"]).returning("paper_id").first()
            guard inserted != nil else { throw SubmissionError.alreadyListed(paper, day) }
            // A paper never listed before takes this day and submitter as its own.
            try await db.update("papers").set("listed_on", to: day.description).set("submitter_name", to: userName)
                .where("id", .equal, paper.rawValue).where(SQLColumn("listed_on"), .is, SQLLiteral.null).run()
        }
    }

    func submissions(userName: String, limit: Int) async throws -> [Paper] {
        try await read { db in
            let ids = try await db.select().column("paper_id").from("paper_listings").where("submitter_name", .equal, userName)
                .orderBy("day", .descending).limit(limit).all()
                .map { PaperID(rawValue: try $0.decode(column: "paper_id", as: String.self)) }
            return try await PaperQueries.papers(ids: ids, on: db)
        }
    }

    func claimAuthorship(userID: Int, paper: PaperID, authorName: String, now: Date) async throws -> AuthorshipClaim {
        try await transaction { db in
            try await db.insert(into: "authorship_claims").columns("paper_id", "user_id", "author_name", "state", "created_at")
                .values(SQLBind(paper.rawValue), SQLBind(userID), SQLBind(authorName), SQLBind("pending"),
                        SQLBind(Int64(now.timeIntervalSince1970)))
                .ignoringConflicts(with: ["user_id", "paper_id", "author_name"]).run()
            return try await ClaimRow.select(on: db)
                .where(SQLColumn("user_id", table: "authorship_claims"), .equal, SQLBind(userID))
                .where(SQLColumn("paper_id", table: "authorship_claims"), .equal, SQLBind(paper.rawValue))
                .where(SQLColumn("author_name", table: "authorship_claims"), .equal, SQLBind(authorName))
                .first(decoding: ClaimRow.self)!.claim
        }
    }

    func claims(state: AuthorshipClaim.State) async throws -> [AuthorshipClaim] {
        try await read { db in
            try await ClaimRow.select(on: db).where(SQLColumn("state", table: "authorship_claims"), .equal, SQLBind(state.rawValue))
                .orderBy(SQLColumn("id", table: "authorship_claims")).all(decoding: ClaimRow.self).map(\.claim)
        }
    }

    func claims(userID: Int) async throws -> [AuthorshipClaim] {
        try await read { db in
            try await ClaimRow.select(on: db).where(SQLColumn("user_id", table: "authorship_claims"), .equal, SQLBind(userID))
                .orderBy(SQLColumn("id", table: "authorship_claims") as any SQLExpression, SQLDirection.descending).all(decoding: ClaimRow.self).map(\.claim)
        }
    }

    func decideClaim(id: Int, approve: Bool) async throws {
        try await transaction { db in
            guard let claim = try await ClaimRow.select(on: db).where(SQLColumn("id", table: "authorship_claims"), .equal, SQLBind(id))
                .first(decoding: ClaimRow.self)?.claim else { return }
            try await db.update("authorship_claims").set("state", to: approve ? "approved" : "rejected").where("id", .equal, id).run()
            guard approve, let row = try await PaperQueries.rows(ids: [claim.paperID.rawValue], on: db)[claim.paperID.rawValue]
            else { return }
            var paper = try row.paper()
            for index in paper.authors.indices where paper.authors[index].name == claim.authorName {
                paper.authors[index].user = claim.userName
            }
            try await db.update("papers").set("authors_json", to: JSONText.authors(paper.authors))
                .where("id", .equal, claim.paperID.rawValue).run()
        }
    }
}
