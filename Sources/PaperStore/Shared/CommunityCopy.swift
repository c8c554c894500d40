import PaperCore
import SQLKit

/// Copies what people made — accounts, sessions, votes, comments, claims, submissions,
/// moderation flags, subscribers and the digest outbox — from one store to another, keeping
/// ids, so that `paperfeed copy` moves a whole instance. Papers are copied before this.
/// Safe to run again: rows already in the target are left as they are.
public enum CommunityCopy {
    enum Kind { case integer, text, optionalInteger, optionalText }

    /// Tables in an order that respects what refers to what, with their columns and keys.
    static let tables: [(name: String, columns: [(String, Kind)], key: [String])] = [
        ("users", [("id", .integer), ("name", .text), ("name_key", .text), ("email", .text), ("email_key", .text),
                   ("password_hash", .text), ("is_admin", .integer), ("created_at", .integer)], ["id"]),
        ("sessions", [("token_hash", .text), ("user_id", .integer), ("expires_at", .integer)], ["token_hash"]),
        ("votes", [("user_id", .integer), ("paper_id", .text), ("created_at", .integer)], ["user_id", "paper_id"]),
        ("comments", [("id", .integer), ("paper_id", .text), ("user_id", .integer), ("body", .text), ("created_at", .integer),
                      ("edited_at", .optionalInteger), ("hidden", .integer)], ["id"]),
        ("authorship_claims", [("id", .integer), ("paper_id", .text), ("user_id", .integer), ("author_name", .text),
                               ("state", .text), ("created_at", .integer)], ["id"]),
        ("paper_listings", [("paper_id", .text), ("day", .text), ("submitter_name", .optionalText)], ["paper_id", "day"]),
        ("subscribers", [("id", .integer), ("email", .text), ("email_key", .text), ("frequency", .text), ("state", .text),
                         ("token", .text), ("user_id", .optionalInteger), ("updated_at", .integer)], ["id"]),
        ("digest_outbox", [("id", .integer), ("subscriber_id", .integer), ("period", .text), ("state", .text),
                           ("available_at", .integer), ("attempts", .integer), ("node", .optionalText),
                           ("last_error", .optionalText), ("finished_at", .optionalInteger)], ["id"]),
    ]

    /// Copies every community table; returns how many rows each had in the source.
    @discardableResult
    public static func run(from source: any PaperDatabase, to target: any PaperDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            var offset = 0
            while true {
                let start = offset
                let rows = try await source.read { db in
                    var select = db.select().columns(table.columns.map { SQLColumn($0.0) }).from(table.name)
                    for key in table.key { select = select.orderBy(key) }
                    return try await select.limit(1_000).offset(start).all().map { row in
                        try table.columns.map { try value(of: $0.0, $0.1, in: row) }
                    }
                }
                guard !rows.isEmpty else { break }
                try await target.transaction { db in
                    var insert = db.insert(into: table.name).columns(table.columns.map(\.0)).ignoringConflicts(with: table.key)
                    for row in rows { insert = insert.values(row) }
                    try await insert.run()
                }
                offset += rows.count
            }
            counts[table.name] = offset
        }
        try await copyPaperCounts(from: source, to: target)
        try await target.continueIdentities(after: tables.filter { $0.key == ["id"] }.map(\.name))
        return counts
    }

    /// The community's votes and comments on papers, and which papers are hidden.
    private static func copyPaperCounts(from source: any PaperDatabase, to target: any PaperDatabase) async throws {
        let rows = try await source.read { db in
            try await db.raw("""
                SELECT id, community_upvotes, community_comments, hidden FROM papers
                WHERE community_upvotes <> 0 OR community_comments <> 0 OR hidden <> 0
                """).all().map {
                (try $0.decode(column: "id", as: String.self), try $0.decode(column: "community_upvotes", as: Int.self),
                 try $0.decode(column: "community_comments", as: Int.self), try $0.decode(column: "hidden", as: Int.self))
            }
        }
        try await target.transaction { db in
            for (id, upvotes, comments, hidden) in rows {
                try await db.update("papers").set("community_upvotes", to: upvotes).set("community_comments", to: comments)
                    .set("hidden", to: hidden).where("id", .equal, id).run()
            }
        }
    }

    private static func value(of column: String, _ kind: Kind, in row: any SQLRow) throws -> any SQLExpression {
        switch kind {
        case .integer: SQLBind(try row.decode(column: column, as: Int64.self))
        case .text: SQLBind(try row.decode(column: column, as: String.self))
        case .optionalInteger: try row.decode(column: column, as: Int64?.self).map { SQLBind($0) } ?? SQLLiteral.null
        case .optionalText: try row.decode(column: column, as: String?.self).map { SQLBind($0) } ?? SQLLiteral.null
        }
    }
}
