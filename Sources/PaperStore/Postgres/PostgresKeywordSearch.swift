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
        let allWords = query.allWordsRequired.map(TSQueryExpression.render)
        let years = yearClause(query.years)
        // Each use of the vector reads (and decompresses) it again, so it is read once, for the
        // rank: the papers with all the words come from the index, joined. `OFFSET 0` keeps the
        // rank computed in the scan rather than the vector carried on to the sort.
        let rows = try await db.raw(RankedMatches.page("""
            SELECT papers.seq AS seq, \(ranking) AS score, \(completeClause(allWords)) AS complete
            FROM papers\(completeJoin(allWords))
            WHERE \(TSQueryExpression.render(text)) AND papers.hidden = 0\(years)
            OFFSET 0
            """, limit: limit, offset: offset)).all()
        let hits = try rows.map { row in
            SearchHit(paper: try row.decode(model: PaperRow.self).paper(), score: Double(try row.decode(column: "score", as: Float.self)))
        }
        guard let first = rows.first else {
            let counts = try await db.raw("""
                SELECT count(*) AS n, coalesce(sum(\(completeClause(allWords))), 0) AS m
                FROM papers\(completeJoin(allWords))
                WHERE \(TSQueryExpression.render(text)) AND papers.hidden = 0\(years)
                """).first()
            return SearchPage(hits: [], total: try counts?.decode(column: "n", as: Int.self) ?? 0,
                              totalWithAllWords: allWords == nil ? nil : try counts?.decode(column: "m", as: Int.self) ?? 0)
        }
        return SearchPage(hits: hits, total: try first.decode(column: "total", as: Int.self),
                          totalWithAllWords: allWords == nil ? nil : try first.decode(column: "complete_total", as: Int.self))
    }

    /// 1 for a match that has all the words, else 0.
    private func completeClause(_ allWords: (any SQLExpression)?) -> SQLQueryString {
        allWords == nil ? "1" : "CASE WHEN complete.seq IS NULL THEN 0 ELSE 1 END"
    }

    /// The papers with all the words, found by the index and hash-joined, so that no match's
    /// vector is read again to test them.
    private func completeJoin(_ allWords: (any SQLExpression)?) -> SQLQueryString {
        guard let allWords else { return "" }
        return " LEFT JOIN (SELECT seq FROM papers WHERE \(allWords)) AS complete ON complete.seq = papers.seq"
    }

    private func yearClause(_ years: ClosedRange<Int>?) -> SQLQueryString {
        guard let years else { return "" }
        return " AND papers.year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)"
    }
}
