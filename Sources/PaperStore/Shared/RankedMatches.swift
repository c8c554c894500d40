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

    /// A query with more papers with all its words than this ranks only the newest this many of
    /// them (the highest `seq`, the order papers arrived in; at arXiv's pace about a month):
    /// BM25 costs ~2 µs a scored match on SQLite and more on PostgreSQL, and a broad word has a
    /// million matches at arXiv's size (2.3 s to rank `model` at 2.7 million papers). The count
    /// still says that more match. A page further down ranks as far as it reaches.
    static let rankingWindow = 20_000

    /// The page ranked among the matches with all the words alone, when there are enough of
    /// them to fill it (else `nil`, and the caller ranks every match). Those come first in any
    /// case, and both engines score a paper the same under the all-words expression as under
    /// the any-word one, so this is the page ranking every match gives; the others are only
    /// counted, and only up to `SearchPage.countLimit` (or the page's end, when further): a
    /// broad word's million matches cost a tenth of a second to count. Past `rankingWindow`
    /// matches with all the words, the newest of them are ranked.
    ///
    /// `complete(from)` selects `seq` and `score` of the matches with all the words, those with
    /// `seq ≥ from` only when `from` is given; `completeRows` selects their `seq`, unranked, and
    /// `allRows` every match's (`nil` when every match has all the words).
    static func pageOfCompleteMatches(_ complete: (_ from: Int?) -> SQLQueryString, completeRows: SQLQueryString,
                                      allRows: SQLQueryString?, limit: Int, offset: Int, on db: any SQLDatabase,
                                      hit: (any SQLRow) throws -> SearchHit) async throws -> SearchPage? {
        let cap = max(SearchPage.countLimit, offset + limit)
        func count(_ rows: SQLQueryString) async throws -> Int {
            try await db.raw("SELECT count(*) AS n FROM (\(rows) LIMIT \(bind: cap + 1)) AS counted").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
        let completeCount = try await count(completeRows)
        guard completeCount >= offset + limit else { return nil }
        let from = completeCount > cap ? try await newest(completeRows, count: max(rankingWindow, offset + limit), on: db) : nil
        let rows = try await db.raw(page("SELECT seq, score, 1 AS complete FROM (\(complete(from))) AS complete_matches",
                                         limit: limit, offset: offset)).all()
        // Every paper with all the words has some of them: past the cap for the first, so for both.
        var allCount = completeCount
        if completeCount <= cap, let allRows { allCount = try await count(allRows) }
        return SearchPage(hits: try rows.map(hit), total: min(allCount, cap), totalWithAllWords: min(completeCount, cap),
                          moreThanTotal: allCount > cap)
    }

    /// The `seq` from which `rows` has `count` rows (`nil` when it has fewer): walked newest
    /// first, which both engines do without reading the rest (FTS5 reads its lists backwards).
    private static func newest(_ rows: SQLQueryString, count: Int, on db: any SQLDatabase) async throws -> Int? {
        try await db.raw("SELECT seq FROM (\(rows)) AS matches ORDER BY seq DESC LIMIT 1 OFFSET \(bind: count - 1)").first()?
            .decode(column: "seq", as: Int.self)
    }
}
