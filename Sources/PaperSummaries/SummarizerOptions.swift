/// The knobs of ``PaperSummarizer``; the defaults are those that scored best against Hugging
/// Face's summaries and keywords on the demo papers (`scripts/bench-summaries.sh`).
public struct SummarizerOptions: Sendable, Equatable {
    /// Keyphrases per paper.
    public var keywordCount = 8
    /// MMR's trade between relevance (0) and variety (1).
    public var diversity: Float = 0.2
    /// Added to the relevance of candidates that occur in the title.
    public var titleBonus: Float = 0
    /// Added to the relevance of a candidate for each word after its first (terms over words).
    public var wordBonus: Float = 0
    /// Candidates embedded per paper at most (the strongest by title, frequency, position).
    public var maxCandidates = 64
    /// How much the centroid of the sentences counts beside the paper's own vector (0–1).
    public var centroidWeight: Float = 0.3
    /// Subtracted from a sentence's score in proportion to its position (0 at the start).
    public var positionWeight: Float = 0.1
    /// Sentences longer than this many words lose `lengthWeight` per `preferredMaxWords` extra.
    public var preferredMaxWords = 40
    public var lengthWeight: Float = 0
    /// Sentences shorter or longer than these are never the summary.
    public var minimumWords = 5
    public var maximumWords = 90

    public init() {}
}

/// A paper's sentences and candidate keyphrases with their vectors (``PaperSummarizer/embed(_:documentVectors:)``).
public struct EmbeddedAbstract: Sendable {
    public var sentences: [String]
    public var candidates: [KeyphraseCandidate]
    /// The vector of the paper's `embeddingText`.
    public var document: [Float] = []
    /// One per sentence; empty when the abstract has at most one sentence (nothing to choose).
    public var sentenceVectors: [[Float]] = []
    public var candidateVectors: [[Float]] = []

    public init(sentences: [String], candidates: [KeyphraseCandidate]) {
        self.sentences = sentences
        self.candidates = candidates
    }
}
