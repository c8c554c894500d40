import Foundation
import PaperCore

/// The lexical half of a recommender: a linear model over the tf-idf of papers' words and word
/// pairs (`PaperTerms`), trained like arxiv-sanity-lite's on the reader's saved papers against
/// the others. It catches what a sentence embedding blurs: the names of systems, datasets and
/// methods that one group of authors keeps using.
///
/// Document frequencies come from the training papers (wanted, unwanted and the background
/// sample), so no statistics of the whole store are needed: a word none of them uses counts as
/// the rarest. Training is class-balanced L2-regularised logistic regression by full-batch
/// gradient descent over sparse rows: tens of milliseconds for a thousand papers.
public struct LexicalRecommender: Sendable {
    public struct Options: Sendable {
        /// How strongly weights are pulled towards zero.
        public var l2: Float = 0.01
        public var iterations = 100
        public var learningRate: Float = 4
        /// A "not interested" paper counts this many times a background one.
        public var unwantedWeight: Float = 3
        /// Terms in fewer training papers than this get no weight (a word of one paper is noise).
        public var minimumDocuments = 2
        /// How many of the most wanted words the model names (`LexicalModel.topWords`).
        public var namedWords = 5
        /// A named word is in at most this share of the training papers (or at most 5 of them,
        /// when that is more): a keyword search ranks every paper that matches any named word by
        /// BM25, and 12 words in up to 10% each matched half of 100,000 papers (150 ms of CPU).
        public var namedWordsShare: Float = 0.01
        public init() {}
    }

    public let options: Options
    public init(options: Options = Options()) { self.options = options }

    /// The model for the term counts of the wanted, unwanted and background papers; `words`
    /// spells out the single words of the wanted papers (`PaperTerms.words`) for `topWords`.
    /// `nil` without any wanted paper.
    public func train(wanted: [[UInt64: Float]], unwanted: [[UInt64: Float]] = [], background: [[UInt64: Float]],
                      words: [UInt64: String]) -> LexicalModel? {
        guard !wanted.isEmpty else { return nil }
        let documents = wanted + unwanted + background
        var frequency: [UInt64: Int] = [:]
        for counts in documents { for term in counts.keys { frequency[term, default: 0] += 1 } }
        let total = Float(documents.count)
        let idf = frequency.mapValues { Self.idf(documents: total, frequency: Float($0)) }
        let unseen = Self.idf(documents: total, frequency: 0)
        var features: [UInt64: Int32] = [:]
        for (term, count) in frequency where count >= options.minimumDocuments { features[term] = Int32(features.count) }
        let negatives = Float(background.count) + options.unwantedWeight * Float(unwanted.count)
        var rows = SparseRows()
        for counts in wanted { rows.append(counts, idf: idf, unseen: unseen, features: features, label: 1,
                                           weight: max(negatives, 1) / Float(wanted.count)) }
        for counts in unwanted { rows.append(counts, idf: idf, unseen: unseen, features: features, label: 0,
                                             weight: options.unwantedWeight) }
        for counts in background { rows.append(counts, idf: idf, unseen: unseen, features: features, label: 0, weight: 1) }
        let (dense, bias) = rows.logisticRegression(features: features.count, l2: options.l2,
                                                    iterations: options.iterations, rate: options.learningRate)
        var weights: [UInt64: Float] = [:]
        for (term, index) in features where dense[Int(index)] != 0 { weights[term] = dense[Int(index)] }
        let common = max(5, options.namedWordsShare * total)
        let named = words.compactMap { term, word -> (String, Float)? in
            guard let weight = weights[term], weight > 0, Float(frequency[term] ?? 0) <= common else { return nil }
            return (word, weight)
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(options.namedWords).map(\.0)
        let terms = Dictionary(uniqueKeysWithValues: weights.map { ($0.key, LexicalModel.Term(weight: $0.value, idf: idf[$0.key] ?? unseen)) })
        return LexicalModel(terms: terms, unseenIDF: unseen, bias: bias, topWords: named)
    }

    /// Smoothed inverse document frequency, as scikit-learn's: ln((1 + n) / (1 + df)) + 1.
    static func idf(documents: Float, frequency: Float) -> Float { logf((1 + documents) / (1 + frequency)) + 1 }
}

/// A trained `LexicalRecommender`: scores papers by their term counts, higher first.
public struct LexicalModel: Sendable {
    /// A weighted term: its weight and its inverse document frequency.
    struct Term: Sendable {
        let weight: Float
        let idf: Float
    }

    /// The terms with a weight; any other counts with `unseenIDF` in a paper's norm only.
    let terms: [UInt64: Term]
    /// The inverse document frequency of a term no training paper used.
    let unseenIDF: Float
    public let bias: Float
    /// The single words with the largest positive weights, best first: a keyword search for
    /// them finds papers the model likes among any number (candidates the vectors may miss).
    public let topWords: [String]

    /// The model's margin for a paper with these term counts (`PaperTerms.counts`): the dot
    /// product of its unit-length tf-idf vector (sublinear tf) with the weights, plus the bias.
    public func score(_ counts: [UInt64: Float]) -> Float {
        var dot: Float = 0, norm: Float = 0
        for (term, count) in counts {
            let tf = count == 1 ? 1 : 1 + logf(count)
            if let weighted = terms[term] {
                let value = tf * weighted.idf
                norm += value * value
                dot += weighted.weight * value
            } else {
                let value = tf * unseenIDF
                norm += value * value
            }
        }
        return (norm > 0 ? dot / norm.squareRoot() : 0) + bias
    }

    /// Up to `limit` of the papers whose term counts use any of `topWords`, best scored first:
    /// what a keyword search for those words finds, ranked by this model instead of BM25.
    public func mostWanted(among counts: [PaperID: [UInt64: Float]], limit: Int) -> [PaperID] {
        let terms = topWords.map(fnv1a64)
        guard !terms.isEmpty, limit > 0 else { return [] }
        return counts.compactMap { id, counts in terms.contains { counts[$0] != nil } ? (id, score(counts)) : nil }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(limit).map(\.0)
    }
}
