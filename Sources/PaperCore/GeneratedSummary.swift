/// A one-sentence summary and keyphrases that PaperFeed made itself (with the embedding model,
/// in process) for a paper that arrived without Hugging Face's `ai_summary` / `ai_keywords`.
/// Pages label it as generated, so a reader can tell it from Hugging Face's.
public struct GeneratedSummary: Hashable, Sendable, Codable {
    /// A sentence taken verbatim from the abstract; `nil` when the abstract has none worth showing.
    public var summary: String?
    /// Keyphrases from the title and abstract, most representative first.
    public var keywords: [String]

    public init(summary: String?, keywords: [String]) {
        self.summary = summary
        self.keywords = keywords
    }

    /// Nothing to show.
    public var isEmpty: Bool { summary == nil && keywords.isEmpty }
}

/// Where generated summaries are kept: one per paper, beside (never inside) the fields an
/// import writes, so a re-import neither loses nor overwrites them. A paper whose title or
/// abstract changes loses its summary with its vector, and is summarized again after it is
/// embedded again.
public protocol GeneratedSummaryRepository: Sendable {
    /// Stores `summaries` made by `model`, replacing earlier ones of those papers. An empty
    /// summary is stored too: it records that the paper was summarized and had nothing to show.
    func storeGeneratedSummaries(_ summaries: [PaperID: GeneratedSummary], model: String) async throws
    /// The generated summaries stored for `ids` (empty ones included); papers without one are left out.
    func generatedSummaries(ids: [PaperID]) async throws -> [PaperID: GeneratedSummary]
    /// Up to `limit` papers that wait for a generated summary, in a stable order: those that
    /// already have a vector from `model` (summaries never come before semantic search), lack
    /// Hugging Face's summary or keywords, and have no generated summary stored yet.
    func papersAwaitingSummaries(model: String, limit: Int) async throws -> [Paper]
}

extension Paper {
    /// Whether Hugging Face's summary or keywords are missing, so that ours should stand in.
    public var needsGeneratedSummary: Bool { aiSummary == nil || aiKeywords.isEmpty }

    /// The parts of `generated` that stand in for Hugging Face's missing fields (the summary
    /// where `aiSummary` is missing, the keywords where `aiKeywords` are), or `nil` when no part does.
    public func standingIn(_ generated: GeneratedSummary) -> GeneratedSummary? {
        let parts = GeneratedSummary(summary: aiSummary == nil ? generated.summary : nil,
                                     keywords: aiKeywords.isEmpty ? generated.keywords : [])
        return parts.isEmpty ? nil : parts
    }
}
