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
}
