import PaperCore
import SQLKit

/// Full-text search in PostgreSQL: the GIN-indexed `search` vector, the same filters as SQLite.
/// Papers with all the words of the query's `some` group come first, then those with some,
/// each ranked by `ts_rank_cd` over any of the words (title above authors above abstract).
struct PostgresKeywordSearch {
    let db: any SQLDatabase

    func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage {
        guard let text = query.text else { return try await PaperQueries.filterOnly(query, limit: limit, offset: offset, on: db) }
        // `ts_rank_cd` rather than `ts_rank`: cover density reads positions only, and broad
        // matches made `ts_rank` the slowest part of a query.
        let ranking = SQLFunction("ts_rank_cd", args: SQLColumn("search", table: "papers"),
                                  TSQueryExpression.rankingQuery(query.positiveWords))
        let allWords = query.allWordsRequired
        let complete: any SQLExpression = allWords.map { SQLQueryString("CASE WHEN \(TSQueryExpression.render($0)) THEN 1 ELSE 0 END") }
            ?? SQLLiteral.numeric("1")
        var select = db.select()
            .columns(PaperRow.shownColumns(table: "papers"))
            .column(ranking, as: "score")
            .column(complete, as: "complete")
            .column(SQLQueryString("count(*) OVER ()"), as: "total")
            .column(SQLQueryString("sum(\(complete)) OVER ()"), as: "complete_total")
            .from("papers")
            .where(TSQueryExpression.render(text))
            .where("hidden", .equal, 0)
        if let years = query.years {
            select = select.where("year", .greaterThanOrEqual, years.lowerBound).where("year", .lessThanOrEqual, years.upperBound)
        }
        let rows = try await select
            .orderBy(SQLIdentifier("complete") as any SQLExpression, SQLDirection.descending)
            .orderBy(SQLIdentifier("score") as any SQLExpression, SQLDirection.descending).orderBy("seq", .descending)
            .limit(limit).offset(offset).all()
        let hits = try rows.map { row in
            SearchHit(paper: try row.decode(model: PaperRow.self).paper(), score: Double(try row.decode(column: "score", as: Float.self)))
        }
        guard let first = rows.first else {
            var count = db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .column(SQLQueryString("coalesce(sum(\(complete)), 0)"), as: "m").from("papers")
                .where(TSQueryExpression.render(text)).where("hidden", .equal, 0)
            if let years = query.years {
                count = count.where("year", .greaterThanOrEqual, years.lowerBound).where("year", .lessThanOrEqual, years.upperBound)
            }
            let counts = try await count.first()
            return SearchPage(hits: [], total: try counts?.decode(column: "n", as: Int.self) ?? 0,
                              totalWithAllWords: allWords == nil ? nil : try counts?.decode(column: "m", as: Int.self) ?? 0)
        }
        return SearchPage(hits: hits, total: try first.decode(column: "total", as: Int.self),
                          totalWithAllWords: allWords == nil ? nil : try first.decode(column: "complete_total", as: Int.self))
    }
}
