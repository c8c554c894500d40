import PaperCore
import SQLKit

/// Reads of the papers table that every dialect shares.
enum PaperQueries {
    /// Stored rows for `ids`, keyed by id.
    static func rows(ids: Set<String>, on db: any SQLDatabase) async throws -> [String: PaperRow] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select()
            .columns(PaperRow.columns.map { SQLColumn($0) })
            .from("papers")
            .where("id", .in, Array(ids))
            .all(decoding: PaperRow.self)
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func paper(_ id: PaperID, on db: any SQLDatabase) async throws -> Paper? {
        try await papers(ids: [id], on: db).first
    }

    /// The visible papers among `ids`, in that order, counts as pages show them.
    static func papers(ids: [PaperID], includeHidden: Bool = false, on db: any SQLDatabase) async throws -> [Paper] {
        guard !ids.isEmpty else { return [] }
        var select = db.select().columns(PaperRow.shownColumns()).from("papers")
            .where("id", .in, ids.map(\.rawValue))
        if !includeHidden { select = select.where("hidden", .equal, 0) }
        let found = Dictionary(try await select.all(decoding: PaperRow.self).map { ($0.id, $0) },
                               uniquingKeysWith: { first, _ in first })
        return try await SummaryQueries.attach(to: try ids.compactMap { try found[$0.rawValue]?.paper() }, on: db)
    }

    /// A page of the id-ordered walk over papers; hidden ones only when `includeHidden`.
    static func papers(after id: PaperID?, limit: Int, includeHidden: Bool, on db: any SQLDatabase) async throws -> [Paper] {
        var select = db.select().columns(PaperRow.columns.map { SQLColumn($0) }).from("papers")
        if !includeHidden { select = select.where("hidden", .equal, 0) }
        if let id { select = select.where("id", .greaterThan, id.rawValue) }
        return try await select.orderBy("id").limit(limit).all(decoding: PaperRow.self).map { try $0.paper() }
    }

    /// A query of filters alone (`year:2024`): newest first.
    static func filterOnly(_ query: SearchQuery, limit: Int, offset: Int, on db: any SQLDatabase) async throws -> SearchPage {
        var select = db.select().columns(PaperRow.shownColumns()).from("papers").where("hidden", .equal, 0)
        var count = db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("papers").where("hidden", .equal, 0)
        if let years = query.years {
            select = select.where("year", .greaterThanOrEqual, years.lowerBound).where("year", .lessThanOrEqual, years.upperBound)
            count = count.where("year", .greaterThanOrEqual, years.lowerBound).where("year", .lessThanOrEqual, years.upperBound)
        }
        let rows = try await select.orderBy("published_at", .descending).orderBy("seq", .descending)
            .limit(limit).offset(offset).all(decoding: PaperRow.self)
        let total = try await count.first()?.decode(column: "n", as: Int.self) ?? 0
        return SearchPage(hits: try rows.map { SearchHit(paper: try $0.paper(), score: 0) }, total: total)
    }

    /// Every paper, hidden ones too; the engines count the smallest index rather than the rows.
    static func count(on db: any SQLDatabase) async throws -> Int {
        try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("papers")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func statistics(on db: any SQLDatabase) async throws -> StoreStatistics {
        struct Totals: Decodable {
            var papers: Int
            var with_code: Int
            var first_listed: String?
            var last_listed: String?
        }
        struct SourceCount: Decodable {
            var source: String
            var papers: Int
        }
        let totals = try await db.select()
            .column(SQLFunction("count", args: SQLLiteral.all), as: "papers")
            .column(SQLFunction("count", args: SQLColumn("github_repo")), as: "with_code")
            .column(SQLFunction("min", args: SQLColumn("listed_on")), as: "first_listed")
            .column(SQLFunction("max", args: SQLColumn("listed_on")), as: "last_listed")
            .from("papers")
            .first(decoding: Totals.self)
        let bySource = try await db.select()
            .column("source")
            .column(SQLFunction("count", args: SQLLiteral.all), as: "papers")
            .from("papers")
            .groupBy("source")
            .all(decoding: SourceCount.self)
        return StoreStatistics(
            papers: totals?.papers ?? 0,
            papersBySource: Dictionary(bySource.compactMap { row in
                PaperSource(rawValue: row.source).map { ($0, row.papers) }
            }, uniquingKeysWith: +),
            withCode: totals?.with_code ?? 0,
            firstListed: totals?.first_listed.flatMap { Day($0) },
            lastListed: totals?.last_listed.flatMap { Day($0) }
        )
    }
}
