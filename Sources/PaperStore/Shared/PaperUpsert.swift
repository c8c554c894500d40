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

    static func run(_ papers: [Paper], on db: any SQLDatabase) async throws -> UpsertCounts {
        var counts = UpsertCounts()
        let stored = try await PaperQueries.rows(ids: Set(papers.map(\.id.rawValue)), on: db)
        var pending: [String: Paper] = [:]  // the batch's result per id, merged in arrival order
        var order: [String] = []
        for paper in papers {
            let key = paper.id.rawValue
            let base = try pending[key] ?? stored[key]?.paper()
            guard let base else {
                pending[key] = paper
                order.append(key)
                continue
            }
            guard let merged = paper.merged(over: base) else {
                counts.older += 1
                continue
            }
            if pending[key] == nil { order.append(key) }
            pending[key] = merged
        }
        var inserts: [PaperRow] = []
        for key in order {
            let row = PaperRow(pending[key]!)
            switch stored[key] {
            case nil:
                inserts.append(row)
            case let existing? where existing == row:
                counts.unchanged += 1
            case _?:
                try await db.update("papers").set(model: row).where("id", .equal, key).run()
                counts.updated += 1
            }
        }
        for chunk in stride(from: 0, to: inserts.count, by: rowsPerInsert) {
            try await db.insert(into: "papers")
                .models(Array(inserts[chunk..<min(chunk + rowsPerInsert, inserts.count)]))
                .run()
        }
        counts.inserted = inserts.count
        // A record repeated inside the batch is counted once, as what happened to its paper.
        counts.unchanged += papers.count - counts.older - order.count
        return counts
    }
}
