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

    /// The page of a query whose ranking would score more than `countLimit` matches, ranked over
    /// fewer of them; `nil` when it would not (the caller ranks every match, cheap then).
    ///
    /// When the papers with all the words fill the page, only they are ranked: they come first
    /// in any case, and both engines score a paper the same under the all-words expression as
    /// under the any-word one. Otherwise, when more than `countLimit` papers have some of the
    /// words, the few with all of them are ranked first and then the newest `rankingWindow` of
    /// the others. Either way the matches are counted only up to `SearchPage.countLimit` (or
    /// the page's end, when further): a broad word's million matches cost a tenth of a second
    /// to count. Past `rankingWindow` papers with all the words, the newest of them are ranked.
    ///
    /// `complete(from)` selects `seq` and `score` of the matches with all the words, those with
    /// `seq ≥ from` only when `from` is given; `completeRows` selects their `seq`, unranked.
    /// `others(from)` selects `seq` and `score` of the matches with some but not all of the
    /// words from `seq` `from` on, and `allRows` every match's `seq`: both `nil` when every
    /// match has all the words (a query without a group of some words), whose page then has no
    /// `totalWithAllWords`.
    static func boundedPage(complete: (_ from: Int?) -> SQLQueryString, completeRows: SQLQueryString,
                            others: ((_ from: Int) -> SQLQueryString)?, allRows: SQLQueryString?,
                            limit: Int, offset: Int, on db: any SQLDatabase,
                            hit: (any SQLRow) throws -> SearchHit) async throws -> SearchPage? {
        let cap = max(SearchPage.countLimit, offset + limit)
        let window = max(rankingWindow, offset + limit)
        let completeCount = try await count(completeRows, upTo: cap, on: db)
        guard completeCount >= offset + limit else {
            // Only when more than `cap` have some of the words; the walk back finds that out too.
            guard let others, let allRows, let from = try await newest(allRows, count: max(window, cap + 1), on: db) else { return nil }
            let rows = try await db.raw(page("""
                SELECT seq, score, 1 AS complete FROM (\(complete(nil))) AS complete_matches
                UNION ALL SELECT seq, score, 0 AS complete FROM (\(others(from))) AS other_matches
                """, limit: limit, offset: offset)).all()
            return SearchPage(hits: try rows.map(hit), total: cap, totalWithAllWords: completeCount, moreThanTotal: true)
        }
        let from = completeCount > cap ? try await newest(completeRows, count: window, on: db) : nil
        let rows = try await db.raw(page("SELECT seq, score, 1 AS complete FROM (\(complete(from))) AS complete_matches",
                                         limit: limit, offset: offset)).all()
        // Every paper with all the words has some of them: past the cap for the first, so for both.
        var allCount = completeCount
        if completeCount <= cap, let allRows { allCount = try await count(allRows, upTo: cap, on: db) }
        return SearchPage(hits: try rows.map(hit), total: min(allCount, cap),
                          totalWithAllWords: allRows == nil ? nil : min(completeCount, cap), moreThanTotal: allCount > cap)
    }

    /// How many rows `rows` has, counted up to `cap + 1` (more than `cap`) at most.
    private static func count(_ rows: SQLQueryString, upTo cap: Int, on db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT count(*) AS n FROM (\(rows) LIMIT \(bind: cap + 1)) AS counted").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// The `seq` from which `rows` has `count` rows (`nil` when it has fewer): walked newest
    /// first, which both engines do without reading the rest (FTS5 reads its lists backwards).
    private static func newest(_ rows: SQLQueryString, count: Int, on db: any SQLDatabase) async throws -> Int? {
        try await db.raw("SELECT seq FROM (\(rows)) AS matches ORDER BY seq DESC LIMIT 1 OFFSET \(bind: count - 1)").first()?
            .decode(column: "seq", as: Int.self)
    }
}
