import Foundation
import PaperCore
import SQLKit

/// Reads and writes of `paper_summaries`, dialect-neutral; the paper reads that show papers
/// attach them here too.
enum SummaryQueries {
    private struct Row: Decodable {
        var paper_id: String
        var summary: String?
        var keywords_json: String
    }

    static func store(_ summaries: [PaperID: GeneratedSummary], model: String, on db: any SQLDatabase) async throws {
        try await forget(summaries.keys.map(\.rawValue), on: db)
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

    static func summaries(ids: [PaperID], on db: any SQLDatabase) async throws -> [PaperID: GeneratedSummary] {
        var result: [PaperID: GeneratedSummary] = [:]
        // In chunks: a trending window can show thousands of papers.
        for chunk in stride(from: 0, to: ids.count, by: 1_000) {
            let rows = try await db.select().columns("paper_id", "summary", "keywords_json").from("paper_summaries")
                .where("paper_id", .in, ids[chunk..<min(chunk + 1_000, ids.count)].map(\.rawValue)).all(decoding: Row.self)
            for row in rows {
                let keywords = (try? JSONDecoder().decode([String].self, from: Data(row.keywords_json.utf8))) ?? []
                result[PaperID(rawValue: row.paper_id)] = GeneratedSummary(summary: row.summary, keywords: keywords)
            }
        }
        return result
    }

    /// Papers with a vector from `model`, without Hugging Face's summary or keywords, and
    /// without a row here, in import order.
    static func awaiting(model: String, limit: Int, on db: any SQLDatabase) async throws -> [Paper] {
        try await db.select()
            .columns(PaperRow.columns.map { SQLColumn($0, table: "papers") })
            .from("papers")
            .join("paper_vectors", method: SQLJoinMethod.inner, on: VectorQueries.vectorOfPaper(model: model))
            .join("paper_summaries", method: SQLJoinMethod.left,
                  on: SQLColumn("paper_id", table: "paper_summaries"), .equal, SQLColumn("id", table: "papers"))
            .where(SQLColumn("paper_id", table: "paper_summaries"), .is, SQLLiteral.null)
            .where { $0.where(SQLColumn("ai_summary", table: "papers"), .is, SQLLiteral.null)
                .orWhere(SQLColumn("ai_keywords_json", table: "papers"), .equal, SQLBind(JSONText.strings([])))
            }
            .orderBy(SQLColumn("seq", table: "papers"))
            .limit(limit)
            .all(decoding: PaperRow.self)
            .map { try $0.paper() }
    }

    /// A paper whose title or abstract changed needs a new summary (after its new vector).
    static func forget(_ ids: [String], on db: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        try await db.delete(from: "paper_summaries").where("paper_id", .in, ids).run()
    }

    /// `papers` with the parts of their generated summaries set that stand in for Hugging
    /// Face's missing fields (`Paper.standingIn`).
    static func attach(to papers: [Paper], on db: any SQLDatabase) async throws -> [Paper] {
        let wanted = papers.filter(\.needsGeneratedSummary).map(\.id)
        guard !wanted.isEmpty else { return papers }
        let found = try await summaries(ids: wanted, on: db)
        return papers.map { paper in
            var paper = paper
            paper.generated = found[paper.id].flatMap(paper.standingIn)
            return paper
        }
    }

    /// `page` with generated summaries attached to its papers.
    static func attach(to page: SearchPage, on db: any SQLDatabase) async throws -> SearchPage {
        var page = page
        let papers = try await attach(to: page.hits.map(\.paper), on: db)
        for index in page.hits.indices { page.hits[index].paper = papers[index] }
        return page
    }
}
