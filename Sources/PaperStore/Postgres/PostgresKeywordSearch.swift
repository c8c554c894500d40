import PaperCore
import SQLKit

/// Full-text search in PostgreSQL: the GIN-indexed `search` vector, ranked by `ts_rank` with
/// title above authors above abstract, the same filters as SQLite.
struct PostgresKeywordSearch {
    let db: any SQLDatabase

    func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage {
        guard let text = query.text else { return try await PaperQueries.filterOnly(query, limit: limit, offset: offset, on: db) }
        let ranking = SQLFunction("ts_rank", args: SQLColumn("search", table: "papers"),
                                  SQLFunction("websearch_to_tsquery", args: SQLLiteral.string("english"),
                                              SQLBind(query.positiveWords.joined(separator: " "))))
        var select = db.select()
            .columns(PaperRow.shownColumns(table: "papers"))
            .column(ranking, as: "score")
            .column(SQLQueryString("count(*) OVER ()"), as: "total")
            .from("papers")
            .where(TSQueryExpression.render(text))
            .where("hidden", .equal, 0)
        if let years = query.years {
            select = select.where("year", .greaterThanOrEqual, years.lowerBound).where("year", .lessThanOrEqual, years.upperBound)
        }
        let rows = try await select.orderBy(SQLIdentifier("score") as any SQLExpression, SQLDirection.descending).orderBy("seq", .descending)
            .limit(limit).offset(offset).all()
        let hits = try rows.map { row in
            SearchHit(paper: try row.decode(model: PaperRow.self).paper(), score: Double(try row.decode(column: "score", as: Float.self)))
        }
        guard let first = rows.first else {
            var count = db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("papers")
                .where(TSQueryExpression.render(text)).where("hidden", .equal, 0)
            if let years = query.years {
                count = count.where("year", .greaterThanOrEqual, years.lowerBound).where("year", .lessThanOrEqual, years.upperBound)
            }
            return SearchPage(hits: [], total: try await count.first()?.decode(column: "n", as: Int.self) ?? 0)
        }
        return SearchPage(hits: hits, total: try first.decode(column: "total", as: Int.self))
    }
}
