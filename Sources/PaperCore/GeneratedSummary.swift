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
