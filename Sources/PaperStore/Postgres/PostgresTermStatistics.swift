import Foundation
import SQLKit
import Synchronization

/// How many papers contain each query word, for BM25's inverse document frequency on
/// PostgreSQL, whose own ranking (`ts_rank_cd`) has none. Counted from the full-text index, one
/// round trip for the words not known yet, and kept for `lifetime`: a word's share of a large
/// corpus moves slowly, and a count minutes old changes a rank by little, while counting a
/// common word again on every search costs milliseconds.
///
/// A `Mutex` rather than an actor: lookups are short and never suspend, and a search must not
/// queue behind another search's counting. Two searches may count the same new word at once;
/// both store the same number.
final class PostgresTermStatistics: Sendable {
    struct Counts: Sendable {
        var papers: Double
        var containing: [String: Int]
    }

    private struct Entry {
        var count: Int
        var countedAt: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var papers: (count: Double, countedAt: Date)?
    }

    private let state = Mutex(State())
    let lifetime: TimeInterval
    /// Words kept at most; all are forgotten when more arrive, and counted again when asked.
    let capacity: Int

    init(lifetime: TimeInterval = 600, capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The number of papers and, for each of `words` (as typed: the `english` configuration
    /// reduces them to lexemes), how many papers match it.
    func counts(of words: [String], on db: any SQLDatabase, now: Date = Date()) async throws -> Counts {
        let fresh = now.addingTimeInterval(-lifetime)
        // One lookup per query word, never a pass over every word kept.
        var (known, papers) = state.withLock { state in
            (Dictionary(words.compactMap { word in
                state.entries[word].flatMap { $0.countedAt > fresh ? (word, $0.count) : nil }
            }, uniquingKeysWith: { first, _ in first }),
             state.papers.flatMap { $0.countedAt > fresh ? $0.count : nil })
        }
        let missing = Array(Set(words).subtracting(known.keys)).sorted()
        guard !missing.isEmpty || papers == nil else { return Counts(papers: papers ?? 0, containing: known) }
        var columns: [SQLQueryString] = ["(SELECT reltuples::float8 FROM pg_class WHERE relname = 'papers') AS papers"]
        for (index, word) in missing.enumerated() {
            let query = TSQueryExpression.plainWords(word)
            let name = "n\(index)"
            columns.append("(SELECT count(*) FROM papers WHERE search @@ \(query)) AS \(ident: name)")
        }
        let row = try await db.raw("SELECT \(SQLList(columns))").first()
        for (index, word) in missing.enumerated() {
            known[word] = try row?.decode(column: "n\(index)", as: Int.self) ?? 0
        }
        // `reltuples` is the planner's estimate (-1 before the first ANALYZE): at least the
        // largest count is certain.
        let estimate = max(try row?.decode(column: "papers", as: Double?.self) ?? 0, Double(known.values.max() ?? 0))
        papers = estimate
        state.withLock { state in
            if state.entries.count + missing.count > capacity { state.entries.removeAll() }
            for word in missing { state.entries[word] = Entry(count: known[word] ?? 0, countedAt: now) }
            state.papers = (estimate, now)
        }
        return Counts(papers: papers ?? estimate, containing: known)
    }
}
