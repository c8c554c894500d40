import PaperCore
import SQLKit

/// BM25 search over the FTS5 index, with the fielded filters of `SearchQuery`. Papers with all
/// the words of the query's `some` group come first, then those with some, each by BM25.
///
/// Scoring is what costs (about 2 µs a match; counting, 50 ns): when the papers with all the
/// words fill the page, only they are scored, the newest 20,000 of them at most; when they do
/// not and more than 10,000 papers have some of the words, those few and the newest 20,000 of
/// the others (`RankedMatches.boundedPage`). FTS5 gives a paper the same BM25 whichever of the
/// two expressions found it (the same phrases, each with its own document frequency).
struct SQLiteKeywordSearch {
    let db: any SQLDatabase

    func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage {
        guard let text = query.text else { return try await PaperQueries.filterOnly(query, limit: limit, offset: offset, on: db) }
        let match = try FTS5Expression.render(text)
        let allWords = try query.allWordsRequired.map(FTS5Expression.render)
        let years = yearClause(query.years)
        if let page = try await boundedPage(match, allWords: allWords, years: years, limit: limit, offset: offset) {
            return page
        }
        let complete = completeClause(allWords)
        // FTS5's rank is BM25 negated.
        let rows = try await db.raw(RankedMatches.page("""
            SELECT rowid AS seq, -rank AS score, \(complete) AS complete
            FROM papers_fts
            WHERE papers_fts MATCH \(bind: match)\(years)
            """, limit: limit, offset: offset)).all()
        let hits = try rows.map(Self.hit)
        guard let first = rows.first else {
            let counts = try await countMatches(match, complete: complete, years: years)
            return SearchPage(hits: [], total: counts.total, totalWithAllWords: allWords == nil ? nil : counts.complete)
        }
        return SearchPage(hits: hits, total: try first.decode(column: "total", as: Int.self),
                          totalWithAllWords: allWords == nil ? nil : try first.decode(column: "complete_total", as: Int.self))
    }

    /// The page ranked over fewer matches than there are, when ranking them all would cost
    /// (`RankedMatches.boundedPage`); a query without a group of some words has all its words
    /// in every match.
    private func boundedPage(_ match: String, allWords: String?, years: SQLQueryString,
                             limit: Int, offset: Int) async throws -> SearchPage? {
        let complete = allWords ?? match
        func from(_ seq: Int?) -> SQLQueryString { seq.map { " AND rowid >= \(bind: $0)" } ?? "" }
        return try await RankedMatches.boundedPage(
            complete: { "SELECT rowid AS seq, -rank AS score FROM papers_fts WHERE papers_fts MATCH \(bind: complete)\(years)\(from($0))" },
            completeRows: matches(complete, years: years),
            others: allWords.map { allWords in
                { """
                    SELECT rowid AS seq, -rank AS score FROM papers_fts
                    WHERE papers_fts MATCH \(bind: match)\(years)\(from($0))
                    AND rowid NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH \(bind: allWords))
                    """ }
            },
            allRows: allWords == nil ? nil : matches(match, years: years),
            limit: limit, offset: offset, on: db, hit: Self.hit)
    }

    private static func hit(_ row: any SQLRow) throws -> SearchHit {
        SearchHit(paper: try row.decode(model: PaperRow.self).paper(), score: try row.decode(column: "score", as: Double.self))
    }

    /// The visible papers (of the years) `match` finds, unranked.
    private func matches(_ match: String, years: SQLQueryString) -> SQLQueryString {
        "SELECT rowid AS seq FROM papers_fts WHERE papers_fts MATCH \(bind: match)\(years)"
    }

    /// 1 for a match that has all the words, else 0.
    private func completeClause(_ allWords: String?) -> SQLQueryString {
        guard let allWords else { return "1" }
        // Uncorrelated, so SQLite runs this MATCH once and probes its rowids for each match.
        return "(rowid IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH \(bind: allWords)))"
    }

    /// The numbers of matches, for a page past the last one (which carries no count).
    private func countMatches(_ match: String, complete: SQLQueryString, years: SQLQueryString) async throws -> (total: Int, complete: Int) {
        let row = try await db.raw("""
            SELECT count(*) AS n, coalesce(sum(\(complete)), 0) AS m FROM papers_fts WHERE papers_fts MATCH \(bind: match)\(years)
            """).first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "m", as: Int.self) ?? 0)
    }

    private func yearClause(_ years: ClosedRange<Int>?) -> SQLQueryString {
        // Hidden papers are few; leaving them out inside the index keeps pages full.
        let visible: SQLQueryString = " AND rowid NOT IN (SELECT seq FROM papers WHERE hidden = 1)"
        guard let years else { return visible }
        // Checked per match by primary key: `rowid IN (papers of those years)` made SQLite run the
        // MATCH once per paper of the years (0.3 s for `year:2020-2026 agents`, now 4 ms).
        return visible + " AND (SELECT year FROM papers WHERE seq = papers_fts.rowid) BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)"
    }
}
