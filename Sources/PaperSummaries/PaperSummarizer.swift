import PaperCore

/// Makes a one-sentence summary and keyphrases for papers, with the sentence embedding model
/// alone (no service, no API key):
/// - the summary is the abstract's sentence whose vector best matches the whole paper's
///   (title and abstract, blended with the centroid of its sentences), nudged towards earlier
///   sentences and away from very long ones (``SummarizerOptions``);
/// - keyphrases are chosen KeyBERT-style: 1–3-word candidates (``KeyphraseCandidates``) ranked
///   by cosine similarity to the paper's vector, diversified with Maximal Marginal Relevance.
public struct PaperSummarizer: Sendable {
    public let embedder: any SentenceEmbedder
    public var options: SummarizerOptions

    public init(embedder: any SentenceEmbedder, options: SummarizerOptions = SummarizerOptions()) {
        self.embedder = embedder
        self.options = options
    }

    /// One summary per paper, in order. `documentVectors`, when given, are the papers' vectors of
    /// `embeddingText` from the same model (the embedding pipeline has them), saving a pass.
    public func summarize(_ papers: [Paper], documentVectors: [[Float]]? = nil) async throws -> [GeneratedSummary] {
        try await embed(papers, documentVectors: documentVectors).map(choose)
    }

    /// The sentences and candidate keyphrases of each paper with their vectors, embedded in one
    /// call so that the embedder batches them all.
    public func embed(_ papers: [Paper], documentVectors: [[Float]]? = nil) async throws -> [EmbeddedAbstract] {
        var parts = papers.map { paper in
            let sentences = SentenceSplitter.split(paper.abstract)
            let candidates = KeyphraseCandidates.extract(title: paper.title, abstract: paper.abstract)
            return EmbeddedAbstract(sentences: sentences, candidates: Array(Self.strongest(candidates, limit: options.maxCandidates)))
        }
        var texts: [String] = []
        for (index, paper) in papers.enumerated() {
            if documentVectors == nil { texts.append(paper.embeddingText) }
            if parts[index].sentences.count > 1 { texts += parts[index].sentences }
            texts += parts[index].candidates.map(\.text)
        }
        var vectors = try await embedder.embed(texts)[...]
        func take(_ count: Int) -> [[Float]] {
            defer { vectors = vectors.dropFirst(count) }
            return Array(vectors.prefix(count))
        }
        for index in parts.indices {
            parts[index].document = documentVectors?[index] ?? take(1)[0]
            if parts[index].sentences.count > 1 { parts[index].sentenceVectors = take(parts[index].sentences.count) }
            parts[index].candidateVectors = take(parts[index].candidates.count)
        }
        return parts
    }

    /// The summary and keyphrases ``options`` pick from an embedded paper.
    public func choose(_ paper: EmbeddedAbstract) -> GeneratedSummary {
        GeneratedSummary(summary: chooseSummary(paper), keywords: chooseKeywords(paper))
    }

    /// The sentence that best stands for the paper, or `nil` when no sentence is worth showing.
    public func chooseSummary(_ paper: EmbeddedAbstract) -> String? {
        let eligible = paper.sentences.indices.filter { Self.isSummaryCandidate(paper.sentences[$0], options: options) }
        guard eligible.count > 1, paper.sentenceVectors.count == paper.sentences.count else {
            return eligible.first.map { paper.sentences[$0] }
        }
        let target = target(paper)
        let score: (Int) -> Float = { index in
            let words = Self.wordCount(paper.sentences[index])
            let excess = Float(max(0, words - options.preferredMaxWords)) / Float(options.preferredMaxWords)
            return VectorMath.dot(paper.sentenceVectors[index], target)
                - options.positionWeight * Float(index) / Float(paper.sentences.count)
                - options.lengthWeight * excess
        }
        return eligible.max { score($0) < score($1) }.map { paper.sentences[$0] }
    }

    /// Up to ``SummarizerOptions/keywordCount`` keyphrases, most representative first.
    public func chooseKeywords(_ paper: EmbeddedAbstract) -> [String] {
        guard paper.candidateVectors.count == paper.candidates.count, !paper.candidates.isEmpty else { return [] }
        let target = target(paper)
        let relevance = paper.candidates.indices.map { index in
            let candidate = paper.candidates[index]
            return VectorMath.dot(paper.candidateVectors[index], target) + (candidate.inTitle ? options.titleBonus : 0)
                + options.wordBonus * Float(candidate.text.split(separator: " ").count - 1)
        }
        return VectorMath.maximalMarginalRelevance(
            relevance: relevance, vectors: paper.candidateVectors, count: options.keywordCount, diversity: options.diversity
        ).map { paper.candidates[$0].text }
    }

    /// The paper's vector blended with the centroid of its sentences (which also covers the
    /// part of a long abstract the model truncates).
    func target(_ paper: EmbeddedAbstract) -> [Float] {
        guard options.centroidWeight > 0, !paper.sentenceVectors.isEmpty else { return paper.document }
        let centroid = VectorMath.meanDirection(paper.sentenceVectors)
        let weight = options.centroidWeight
        return VectorMath.meanDirection([paper.document.map { $0 * (1 - weight) }, centroid.map { $0 * weight }])
    }

    /// Sentences a summary may be: enough words, not too many, no links ("Code is at https://…").
    static func isSummaryCandidate(_ sentence: String, options: SummarizerOptions) -> Bool {
        let words = wordCount(sentence)
        let lower = sentence.lowercased()
        return words >= options.minimumWords && words <= options.maximumWords
            && !lower.contains("://") && !lower.contains("github") && !lower.contains("www.")
    }

    /// Words, counting each Chinese, Japanese or Korean character as one (those scripts put no
    /// spaces between words).
    static func wordCount(_ sentence: String) -> Int {
        SummaryMetrics.words(sentence).reduce(0) { total, word in
            let ideographs = word.unicodeScalars.count { (0x3040...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) }
            return total + max(1, ideographs)
        }
    }

    /// The `limit` candidates most likely to matter (in the title, frequent, early), in their order.
    static func strongest(_ candidates: [KeyphraseCandidate], limit: Int) -> [KeyphraseCandidate] {
        guard candidates.count > limit else { return candidates }
        let kept = candidates.sorted { a, b in
            (a.inTitle ? 1 : 0, a.count, -a.firstPosition) > (b.inTitle ? 1 : 0, b.count, -b.firstPosition)
        }.prefix(limit)
        return kept.sorted { $0.firstPosition < $1.firstPosition }
    }
}
