import Foundation
import PaperCore
import SQLKit

/// The `GeneratedSummaryRepository`: rows of `paper_summaries`, replaced per paper.
extension SQLPaperStore {
    func storeGeneratedSummaries(_ summaries: [PaperID: GeneratedSummary], model: String) async throws {
        guard !summaries.isEmpty else { return }
        try await transaction { db in
            let ids = summaries.keys.map(\.rawValue)
            try await db.delete(from: "paper_summaries").where("paper_id", .in, ids).run()
            let rows = summaries.sorted { $0.key < $1.key }
            for chunk in stride(from: 0, to: rows.count, by: 500) {
                var insert = db.insert(into: "paper_summaries").columns("paper_id", "model", "summary", "keywords_json")
                for (id, summary) in rows[chunk..<min(chunk + 500, rows.count)] {
                    insert = insert.values(SQLBind(id.rawValue), SQLBind(model),
                                           summary.summary.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                                           SQLBind(JSONText.strings(summary.keywords)))
                }
                try await insert.run()
            }
        }
    }

    func generatedSummaries(ids: [PaperID]) async throws -> [PaperID: GeneratedSummary] {
        try await read { try await SummaryQueries.summaries(ids: ids, on: $0) }
    }
}

/// Reads of `paper_summaries`, shared by the port and the paper reads that attach them.
enum SummaryQueries {
    private struct Row: Decodable {
        var paper_id: String
        var summary: String?
        var keywords_json: String
    }

    static func summaries(ids: [PaperID], on db: any SQLDatabase) async throws -> [PaperID: GeneratedSummary] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns("paper_id", "summary", "keywords_json").from("paper_summaries")
            .where("paper_id", .in, ids.map(\.rawValue)).all(decoding: Row.self)
        var result: [PaperID: GeneratedSummary] = [:]
        for row in rows {
            let keywords = (try? JSONDecoder().decode([String].self, from: Data(row.keywords_json.utf8))) ?? []
            result[PaperID(rawValue: row.paper_id)] = GeneratedSummary(summary: row.summary, keywords: keywords)
        }
        return result
    }

    /// `papers` with their generated summaries set, where Hugging Face's fields are missing.
    static func attach(to papers: [Paper], on db: any SQLDatabase) async throws -> [Paper] {
        let wanted = papers.filter(\.needsGeneratedSummary).map(\.id)
        guard !wanted.isEmpty else { return papers }
        let found = try await summaries(ids: wanted, on: db)
        return papers.map { paper in
            var paper = paper
            paper.generated = found[paper.id]
            return paper
        }
    }
}
