import PaperCore
import SQLKit

/// The page of a keyword search, shared by both engines: `matches` yields each matching paper's
/// `seq`, `score` (higher is better) and `complete` (1 when it has all the words). The ranking
/// and the counts run over those narrow rows; only the page's rows are joined to `papers`, as
/// reading whole rows for every match is what makes broad queries slow.
enum RankedMatches {
    static func page(_ matches: SQLQueryString, limit: Int, offset: Int) -> SQLQueryString {
        let columns = SQLQueryString(PaperRow.shownColumnList(table: "papers"))
        return """
            SELECT \(columns), hits.score AS score, hits.total AS total, hits.complete_total AS complete_total
            FROM (
                SELECT seq, score, complete, count(*) OVER () AS total, sum(complete) OVER () AS complete_total
                FROM (\(matches)) AS matches
                ORDER BY complete DESC, score DESC, seq DESC
                LIMIT \(bind: limit) OFFSET \(bind: offset)
            ) AS hits JOIN papers ON papers.seq = hits.seq
            ORDER BY hits.complete DESC, hits.score DESC, hits.seq DESC
            """
    }

    /// The page ranked among the matches with all the words alone, when there are enough of
    /// them to fill it (else `nil`, and the caller ranks every match). Those come first in any
    /// case, and both engines score a paper the same under the all-words expression as under
    /// the any-word one, so this is the page ranking every match gives; the others are only
    /// counted, and only up to `SearchPage.countLimit` (or the page's end, when further): a
    /// broad word's million matches cost a tenth of a second to count. `complete` selects `seq`
    /// and `score` of the matches with all the words; `completeRows` and `allRows` select those
    /// matches and every match (any columns).
    static func pageOfCompleteMatches(_ complete: SQLQueryString, completeRows: SQLQueryString, allRows: SQLQueryString,
                                      limit: Int, offset: Int, on db: any SQLDatabase,
                                      hit: (any SQLRow) throws -> SearchHit) async throws -> SearchPage? {
        let cap = max(SearchPage.countLimit, offset + limit)
        func count(_ rows: SQLQueryString) async throws -> Int {
            try await db.raw("SELECT count(*) AS n FROM (\(rows) LIMIT \(bind: cap + 1)) AS counted").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
        let completeCount = try await count(completeRows)
        guard completeCount >= offset + limit else { return nil }
        let rows = try await db.raw(page("SELECT seq, score, 1 AS complete FROM (\(complete)) AS complete_matches",
                                         limit: limit, offset: offset)).all()
        // Every paper with all the words has some of them: past the cap for the first, so for both.
        let allCount = completeCount > cap ? completeCount : try await count(allRows)
        return SearchPage(hits: try rows.map(hit), total: min(allCount, cap), totalWithAllWords: min(completeCount, cap),
                          moreThanTotal: allCount > cap)
    }
}
