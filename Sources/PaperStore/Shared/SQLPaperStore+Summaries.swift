import PaperCore
import SQLKit

/// The `GeneratedSummaryRepository`: rows of `paper_summaries`, replaced per paper.
extension SQLPaperStore {
    func storeGeneratedSummaries(_ summaries: [PaperID: GeneratedSummary], model: String) async throws {
        guard !summaries.isEmpty else { return }
        try await transaction { try await SummaryQueries.store(summaries, model: model, on: $0) }
    }

    func generatedSummaries(ids: [PaperID]) async throws -> [PaperID: GeneratedSummary] {
        try await read { try await SummaryQueries.summaries(ids: ids, on: $0) }
    }

    func papersAwaitingSummaries(model: String, limit: Int) async throws -> [Paper] {
        try await read { try await SummaryQueries.awaiting(model: model, limit: limit, on: $0) }
    }
}
