import PaperCore
import SQLKit

/// Copies what people made — accounts, sessions, votes, comments, claims, submissions,
/// moderation flags, subscribers, the digest outbox, collections, "not interested" marks, API tokens, followed authors and accounts, saved searches, feed tokens and what personal digests listed — and where each harvest source stands,
/// from one store to another, keeping ids, so that `paperfeed copy` moves a whole instance. Papers are copied before this.
/// Safe to run again: rows already in the target are left as they are.
public enum CommunityCopy {
    /// The tables in an order that respects what refers to what, with their keys. Their columns
    /// are read from the source database, so a column a later migration adds is copied too.
    static let tables: [(name: String, key: [String])] = [
        ("users", ["id"]), ("sessions", ["token_hash"]), ("votes", ["user_id", "paper_id"]), ("comments", ["id"]),
        ("authorship_claims", ["id"]), ("paper_listings", ["paper_id", "day"]), ("subscribers", ["id"]),
        ("digest_outbox", ["id"]), ("harvest_state", ["source"]), ("collections", ["id"]), ("collection_items", ["id"]),
        ("not_interested", ["user_id", "paper_id"]), ("api_tokens", ["id"]), ("followed_authors", ["id"]),
        ("saved_searches", ["id"]), ("feed_tokens", ["user_id"]), ("followed_accounts", ["id"]),
        ("digest_personal_items", ["user_id", "paper_id"]),
    ]

    /// Copies every community table; returns how many rows each had in the source.
    @discardableResult
    public static func run(from source: any PaperDatabase, to target: any PaperDatabase) async throws -> [String: Int] {
        guard let source = source as? SQLPaperStore, let target = target as? SQLPaperStore else {
            throw StoreError.unsupported("copying needs two stores opened by PaperDatabases")
        }
        var counts: [String: Int] = [:]
        for table in tables {
            let columns = try await source.read { try await source.engine.columns(of: table.name, on: $0) }
            var offset = 0
            while true {
                let start = offset
                let rows = try await source.read { db in
                    var select = db.select().columns(columns.map { SQLColumn($0.name) }).from(table.name)
                    for key in table.key { select = select.orderBy(key) }
                    return try await select.limit(1_000).offset(start).all().map { row in
                        try columns.map { try value(of: $0, in: row) }
                    }
                }
                guard !rows.isEmpty else { break }
                try await target.transaction { db in
                    var insert = db.insert(into: table.name).columns(columns.map(\.name)).ignoringConflicts(with: table.key)
                    for row in rows { insert = insert.values(row) }
                    try await insert.run()
                }
                offset += rows.count
            }
            counts[table.name] = offset
        }
        try await copyPaperCounts(from: source, to: target)
        let identities = tables.filter { $0.key == ["id"] }.map(\.name)
        try await target.transaction { try await target.engine.continueIdentities(after: identities, on: $0) }
        return counts
    }

    /// The community's votes and comments on papers, and which papers are hidden.
    private static func copyPaperCounts(from source: SQLPaperStore, to target: SQLPaperStore) async throws {
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

    private static func value(of column: TableColumn, in row: any SQLRow) throws -> any SQLExpression {
        switch (column.isInteger, column.isNullable) {
        case (true, false): SQLBind(try row.decode(column: column.name, as: Int64.self))
        case (false, false): SQLBind(try row.decode(column: column.name, as: String.self))
        case (true, true): try row.decode(column: column.name, as: Int64?.self).map { SQLBind($0) } ?? SQLLiteral.null
        case (false, true): try row.decode(column: column.name, as: String?.self).map { SQLBind($0) } ?? SQLLiteral.null
        }
    }
}
