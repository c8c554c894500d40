import Foundation
import PaperCore
import PaperSearch
import PaperStore
import Testing
import TestSupport

/// Seeded query fuzzing against real stores: whatever the parser accepts runs on every engine
/// (a parse error is the user's 400; a store error would be a 500), and over a vocabulary both
/// engines stem alike, SQLite and PostgreSQL find the same papers.
@Suite struct QueryFuzzTests {
    static let seed: UInt64 = 20_261_130
    static let postgresEngines = DatabaseEngine.available.filter { $0 != .sqlite }

    /// Runs a query the parser accepted; the error, if the store throws, names the query.
    static func matches(_ query: SearchQuery, in store: any PaperDatabase) async throws -> Set<String> {
        Set(try await store.search(query, limit: 500, offset: 0).hits.map(\.paper.id.rawValue))
    }

    @Test(arguments: DatabaseEngine.available) func everyQueryTheParserAcceptsRuns(engine: DatabaseEngine) async throws {
        let count = engine == .sqlite ? 3_000 : 300
        var random = SeededRandom(seed: Self.seed &+ UInt64(count))
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert(QueryFuzz.corpus(count: 30, seed: Self.seed))
            var accepted = 0
            for index in 0..<count {
                let text = index % 4 == 0 ? QueryFuzz.fair(using: &random) : QueryFuzz.wild(using: &random)
                let query: SearchQuery
                do {
                    query = try QueryParser.parse(text)
                } catch {
                    #expect(!String(describing: error).isEmpty)
                    continue
                }
                accepted += 1
                do {
                    _ = try await store.search(query, limit: 20, offset: 0)
                } catch {
                    Issue.record("\(engine) failed on \(text.debugDescription) (\(query)): \(String(reflecting: error))")
                }
            }
            #expect(accepted > count / 4, "the grammar should mostly make queries that parse")
        }
    }

    @Test(.enabled(if: !postgresEngines.isEmpty, "needs PAPERFEED_TEST_POSTGRES_URL or PAPERFEED_TEST_PGVECTOR_URL"),
          arguments: postgresEngines)
    func sqliteAndPostgreSQLFindTheSamePapers(engine: DatabaseEngine) async throws {
        let papers = QueryFuzz.corpus(count: 40, seed: Self.seed)
        let hidden = papers[3].id
        try await withTemporaryStore(.sqlite) { sqlite async throws in
            try await withTemporaryStore(engine) { postgres async throws in
                for store in [sqlite, postgres] {
                    _ = try await store.upsert(papers)
                    try await store.setPaperHidden(hidden, hidden: true)
                }
                var random = SeededRandom(seed: Self.seed)
                var compared = 0
                var nonEmpty = 0
                for _ in 0..<400 {
                    let text = QueryFuzz.fair(using: &random)
                    guard let query = try? QueryParser.parse(text) else { continue }
                    let onSQLite = try await Self.matches(query, in: sqlite)
                    let onPostgres = try await Self.matches(query, in: postgres)
                    #expect(onSQLite == onPostgres, "\(text): SQLite \(onSQLite.sorted()), PostgreSQL \(onPostgres.sorted())")
                    #expect(!onSQLite.contains(hidden.rawValue))
                    compared += 1
                    if !onSQLite.isEmpty { nonEmpty += 1 }
                }
                #expect(compared > 200)
                #expect(nonEmpty > compared / 4, "the comparison should not be over empty results only")
            }
        }
    }
}
