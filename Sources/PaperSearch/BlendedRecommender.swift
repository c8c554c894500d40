import Foundation
import PaperCore

/// What a recommender reads of one paper: its MiniLM vector (unit length) and the counts of its
/// title's and abstract's terms (`PaperTerms.counts`).
public struct PaperFeatures: Sendable {
    public let vector: [Float]
    public let terms: [UInt64: Float]

    public init(vector: [Float], terms: [UInt64: Float]) {
        self.vector = vector
        self.terms = terms
    }

    /// The features of `paper` with its stored `vector`.
    public init(paper: Paper, vector: [Float]) {
        self.init(vector: vector, terms: PaperTerms.counts(PaperTerms.text(of: paper)))
    }
}

/// The recommender behind "For you": the vector model (`Recommender`: logistic regression on
/// MiniLM vectors plus the nearest saved paper) and the lexical one (`LexicalRecommender`:
/// logistic regression on tf-idf words and word pairs), trained on the same papers and blended.
///
/// Each half's score is put on one scale by the background papers, a sample of the store:
/// minus their mean, over their standard deviation. The blend is the vector half's plus
/// `lexicalWeight` times the lexical half's, so a paper's score never depends on which other
/// papers are ranked beside it.
public struct BlendedRecommender: Sendable {
    public struct Options: Sendable {
        public var vector = Recommender.Options()
        public var lexical = LexicalRecommender.Options()
        /// The lexical half's weight against the vector half's 1 (measured by `scripts/bench-recommend.sh`).
        public var lexicalWeight: Float = 1
        public init() {}
    }

    public let options: Options
    public init(options: Options = Options()) { self.options = options }

    /// The model for a library, or `nil` without any wanted paper. `words` spells out the single
    /// words of the wanted papers (`PaperTerms.words`), for `LexicalModel.topWords`.
    public func train(wanted: [PaperFeatures], unwanted: [PaperFeatures] = [], background: [PaperFeatures],
                      words: [UInt64: String]) -> BlendedModel? {
        guard let vector = Recommender(options: options.vector)
            .train(wanted: wanted.map(\.vector), unwanted: unwanted.map(\.vector), background: background.map(\.vector)),
            let lexical = LexicalRecommender(options: options.lexical)
            .train(wanted: wanted.map(\.terms), unwanted: unwanted.map(\.terms), background: background.map(\.terms), words: words)
        else { return nil }
        let reference = background.isEmpty ? wanted : background
        return BlendedModel(vector: vector, lexical: lexical,
                            vectorScale: Scale(reference.map { vector.score($0.vector) }),
                            lexicalScale: Scale(reference.map { lexical.score($0.terms) }),
                            lexicalWeight: options.lexicalWeight)
    }
}

/// A trained `BlendedRecommender`: scores papers by their features, higher first.
public struct BlendedModel: Sendable {
    public let vector: RecommenderModel
    public let lexical: LexicalModel
    let vectorScale: Scale
    let lexicalScale: Scale
    /// The lexical half's weight against the vector half's 1.
    public var lexicalWeight: Float

    /// How much the reader should want the paper with `features`.
    public func score(_ features: PaperFeatures) -> Float {
        vectorScale.standardised(vector.score(features.vector))
            + lexicalWeight * lexicalScale.standardised(lexical.score(features.terms))
    }
}

/// The mean and standard deviation of a sample of scores, to put scores of different models on one scale.
struct Scale: Sendable {
    let mean: Float
    let deviation: Float

    init(_ scores: [Float]) {
        let count = Float(max(scores.count, 1))
        let mean = scores.reduce(0, +) / count
        let variance = scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        self.mean = mean
        deviation = variance > 0 ? variance.squareRoot() : 1
    }

    /// `score` in standard deviations above the mean.
    func standardised(_ score: Float) -> Float { (score - mean) / deviation }
}
