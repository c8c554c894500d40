import PaperCore
import SQLKit

/// Writes a batch of papers inside an open transaction, merging with what is stored.
///
/// One select fetches the stored rows of the batch; new papers go in as multi-row inserts,
/// changed ones as updates, and unchanged ones are not written at all, so importing the same
/// data twice touches nothing.
enum PaperUpsert {
    /// Rows per INSERT statement; well under SQLite's and PostgreSQL's bound-parameter limits.
    static let rowsPerInsert = 200
    /// Writes `nil` fields as NULL, so every row has every column and cleared fields clear.
    static let rowEncoder = SQLQueryEncoder(nilEncodingStrategy: .asNil)

    /// Papers with their rows already encoded. Encoding happens before the write lock is
    /// taken, so the next batch is encoded while the database writes the current one.
    struct Batch: Sendable {
        let papers: [Paper]
        let rows: [PaperRow]
        init(_ papers: [Paper]) {
            self.papers = papers
            rows = papers.map(PaperRow.init)
        }
    }

    static func run(_ batch: Batch, on db: any SQLDatabase) async throws -> UpsertCounts {
        let papers = batch.papers
        var counts = UpsertCounts()
        let stored = try await PaperQueries.rows(ids: Set(papers.map(\.id.rawValue)), on: db)
        // The batch's result per id, merged in arrival order; the row is kept while unmerged.
        var pending: [String: (paper: Paper, row: PaperRow?)] = [:]
        var order: [String] = []
        for (paper, row) in zip(papers, batch.rows) {
            let key = paper.id.rawValue
            guard let base = try pending[key]?.paper ?? stored[key]?.paper() else {
                pending[key] = (paper, row)
                order.append(key)
                continue
            }
            guard let merged = paper.merged(over: base) else {
                counts.older += 1
                continue
            }
            if pending[key] == nil { order.append(key) }
            pending[key] = (merged, nil)
        }
        var inserts: [PaperRow] = []
        var textChanged: [String] = []
        for key in order {
            let entry = pending[key]!
            let row = entry.row ?? PaperRow(entry.paper)
            switch stored[key] {
            case nil:
                inserts.append(row)
            case let existing? where existing == row:
                counts.unchanged += 1
            case let existing?:
                try await db.update("papers").set(model: row, with: rowEncoder).where("id", .equal, key).run()
                if existing.title != row.title || existing.abstract != row.abstract { textChanged.append(key) }
                counts.updated += 1
            }
        }
        for chunk in stride(from: 0, to: inserts.count, by: rowsPerInsert) {
            // Another node may insert the same paper first; its row stands and this one is dropped.
            var insert = db.insert(into: "papers").columns(PaperRow.columns).ignoringConflicts(with: ["id"])
            for row in inserts[chunk..<min(chunk + rowsPerInsert, inserts.count)] {
                insert = insert.values(row.sqlValues)
            }
            try await insert.run()
        }
        try await VectorQueries.forget(textChanged, on: db)
        try await SummaryQueries.forget(textChanged, on: db)
        try await recordListings(papers, on: db)
        counts.inserted = inserts.count
        // A record repeated inside the batch is counted once, as what happened to its paper.
        counts.unchanged += papers.count - counts.older - order.count
        return counts
    }

    /// Every listing day the batch names, including days a stored paper is listed again on.
    private static func recordListings(_ papers: [Paper], on db: any SQLDatabase) async throws {
        let listed = papers.compactMap { paper in paper.listedOn.map { (paper.id.rawValue, $0.description, paper.submitter?.name) } }
        for chunk in stride(from: 0, to: listed.count, by: rowsPerInsert) {
            var insert = db.insert(into: "paper_listings").columns("paper_id", "day", "submitter_name")
                .ignoringConflicts(with: ["paper_id", "day"])
            for (id, day, submitter) in listed[chunk..<min(chunk + rowsPerInsert, listed.count)] {
                insert = insert.values(SQLBind(id), SQLBind(day), submitter.map { SQLBind($0) } ?? SQLLiteral.null)
            }
            try await insert.run()
        }
    }
}
