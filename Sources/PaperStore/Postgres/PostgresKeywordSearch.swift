import Foundation
import PaperCore
import SQLKit

/// Full-text search in PostgreSQL: the GIN-indexed `search` vector, the same filters as SQLite.
/// Papers with all the words of the query's `some` group come first, then those with some,
/// each ranked by `ts_rank_cd` over any of the words (title above authors above abstract);
/// when the papers with all the words fill the page, only they are ranked, the newest 20,000 of
/// them at most; when they do not and more than 10,000 papers have some of the words, those few
/// and the newest 20,000 of the others (`RankedMatches.boundedPage`).
struct PostgresKeywordSearch {
    let db: any SQLDatabase
    let statistics: PostgresTermStatistics

    func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage {
        guard let text = query.text else { return try await PaperQueries.filterOnly(query, limit: limit, offset: offset, on: db) }
        // `ts_rank_cd` rather than `ts_rank`: cover density reads positions only, and broad
        // matches made `ts_rank` the slowest part of a query.
        let ranking = try await weightedRanking(query.positiveWords)
        let allWords = query.allWordsRequired.map(TSQueryExpression.render)
        let matching = TSQueryExpression.render(text)
        let visible = visibleClause(query.years)
        // Each word's rank does not depend on the expression that found the paper.
        let complete = allWords ?? matching
        func from(_ seq: Int?) -> SQLQueryString { seq.map { " AND papers.seq >= \(bind: $0)" } ?? "" }
        if let page = try await RankedMatches.boundedPage(
            complete: { "SELECT seq, \(ranking) AS score FROM papers WHERE \(complete)\(visible)\(from($0)) OFFSET 0" },
            completeRows: "SELECT seq FROM papers WHERE \(complete)\(visible)",
            others: allWords.map { allWords in
                { """
                    SELECT seq, \(ranking) AS score FROM papers WHERE \(matching)\(visible)\(from($0))
                    AND papers.seq NOT IN (SELECT seq FROM papers WHERE \(allWords)) OFFSET 0
                    """ }
            },
            allRows: allWords.map { _ in "SELECT seq FROM papers WHERE \(matching)\(visible)" },
            limit: limit, offset: offset, on: db, hit: Self.hit) {
            return page
        }
        // Each use of the vector reads (and decompresses) it again, so it is read once, for the
        // rank: the papers with all the words come from the index, joined. `OFFSET 0` keeps the
        // rank computed in the scan rather than the vector carried on to the sort.
        let rows = try await db.raw(RankedMatches.page("""
            SELECT papers.seq AS seq, \(ranking) AS score, \(completeClause(allWords)) AS complete
            FROM papers\(completeJoin(allWords))
            WHERE \(matching)\(visible)
            OFFSET 0
            """, limit: limit, offset: offset)).all()
        let hits = try rows.map(Self.hit)
        guard let first = rows.first else {
            let counts = try await db.raw("""
                SELECT count(*) AS n, coalesce(sum(\(completeClause(allWords))), 0) AS m
                FROM papers\(completeJoin(allWords))
                WHERE \(matching)\(visible)
                """).first()
            return SearchPage(hits: [], total: try counts?.decode(column: "n", as: Int.self) ?? 0,
                              totalWithAllWords: allWords == nil ? nil : try counts?.decode(column: "m", as: Int.self) ?? 0)
        }
        return SearchPage(hits: hits, total: try first.decode(column: "total", as: Int.self),
                          totalWithAllWords: allWords == nil ? nil : try first.decode(column: "complete_total", as: Int.self))
    }

    private static func hit(_ row: any SQLRow) throws -> SearchHit {
        SearchHit(paper: try row.decode(model: PaperRow.self).paper(), score: Double(try row.decode(column: "score", as: Float.self)))
    }

    /// BM25's ideas on PostgreSQL: each word's cover-density rank, saturated (`rank / (rank + 1)`,
    /// as BM25's term frequency saturates) and weighted by the word's inverse document
    /// frequency, so that rare words count more than common ones. Without them, ranking by
    /// `ts_rank_cd` over all the words scored 0.508 nDCG@10 on the natural queries against
    /// SQLite's 0.759; with them, 0.756 (`paperfeed eval`, README).
    private func weightedRanking(_ allWords: [String]) async throws -> any SQLExpression {
        // A pasted passage can bring a hundred words: each costs a count (once) and a rank per
        // match, and the first few dozen distinct ones decide the order.
        var seen = Set<String>()
        let words = Array(allWords.filter { seen.insert($0.lowercased()).inserted }.prefix(Self.rankedWordLimit))
        let counts = try await statistics.counts(of: words, on: db)
        let terms: [SQLQueryString] = words.compactMap { word in
            guard let count = counts.containing[word], count > 0 else { return nil }
            let idf = log(1 + (counts.papers - Double(count) + 0.5) / (Double(count) + 0.5))
            let query = TSQueryExpression.plainWords(word)
            return "\(SQLLiteral.numeric(String(format: "%.4f", idf))) * ts_rank_cd(\(Self.weights), papers.search, \(query), 32)"
        }
        guard let first = terms.first else { return SQLRaw("0::real") }
        let sum = terms.dropFirst().reduce(first) { "\($0) + \($1)" }
        return SQLQueryString("(\(sum))::real")
    }

    /// The most distinct words a ranking weighs.
    static let rankedWordLimit = 48

    /// `ts_rank_cd`'s weights of the vector's labels D, C, B, A: categories, abstract, author
    /// names, title. Measured with `paperfeed eval` on the demo papers (README): the abstract
    /// at 0.3 rather than the default 0.2 gained a point on both query sets.
    static let weights = SQLRaw("'{0.1, 0.3, 0.4, 1.0}'")

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

    /// Visible papers, of the years when the query names them.
    private func visibleClause(_ years: ClosedRange<Int>?) -> SQLQueryString {
        guard let years else { return " AND papers.hidden = 0" }
        return " AND papers.hidden = 0 AND papers.year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)"
    }
}
