import Foundation
import PaperCore

/// What a reader's library says about what they want next: a linear model over paper vectors,
/// trained on the papers they saved (wanted), the ones they marked "not interested" (unwanted)
/// and a sample of other papers (background: mostly not for them, as arxiv-sanity-lite treats
/// every untagged paper). The model is a direction in vector space, so ranking every paper by
/// it is a nearest-neighbour search the vector index already does fast.
///
/// Training is class-balanced L2-regularised logistic regression by gradient descent: a few
/// milliseconds for a library of hundreds; retrain when the library changes, not per request.
public struct Recommender: Sendable {
    public struct Options: Sendable {
        /// How strongly weights are pulled towards zero.
        public var l2: Float = 0.01
        public var iterations = 150
        public var learningRate: Float = 4
        /// A "not interested" paper counts this many times a background one.
        public var unwantedWeight: Float = 3
        /// How much the wanted papers' nearest one adds to the model's score (0: the model only).
        /// A reader with two interests has a model between them; the nearest saved paper keeps
        /// each interest in view.
        public var nearestWeight: Float = 1
        public init() {}
    }

    public let options: Options
    public init(options: Options = Options()) { self.options = options }

    /// The model for a library, or `nil` without any wanted paper.
    public func train(wanted: [[Float]], unwanted: [[Float]] = [], background: [[Float]]) -> RecommenderModel? {
        guard let dimensions = wanted.first?.count, dimensions > 0 else { return nil }
        let negatives = Float(background.count) + options.unwantedWeight * Float(unwanted.count)
        // Balanced: all wanted papers together weigh as much as all the others.
        let wantedWeight = max(negatives, 1) / Float(wanted.count)
        var samples = TrainingSamples(dimensions: dimensions)
        for vector in wanted { samples.append(vector, label: 1, weight: wantedWeight) }
        for vector in unwanted { samples.append(vector, label: 0, weight: options.unwantedWeight) }
        for vector in background { samples.append(vector, label: 0, weight: 1) }
        let (weights, bias) = samples.logisticRegression(features: dimensions, l2: options.l2, iterations: options.iterations,
                                                         rate: options.learningRate)
        return RecommenderModel(weights: weights, bias: bias, wanted: wanted.filter { $0.count == dimensions },
                                nearestWeight: options.nearestWeight)
    }
}

/// Labelled, weighted vectors in one flat array, for full-batch gradient descent.
struct TrainingSamples: LogisticRegressionRows {
    let dimensions: Int
    private(set) var values: [Float] = []
    private(set) var labels: [Float] = []
    private(set) var weights: [Float] = []

    init(dimensions: Int) { self.dimensions = dimensions }

    /// Adds `vector` unless its length is not `dimensions`.
    mutating func append(_ vector: [Float], label: Float, weight: Float) {
        guard vector.count == dimensions else { return }
        values += vector
        labels.append(label)
        weights.append(weight)
    }

    func dot(_ row: Int, _ model: UnsafeMutableBufferPointer<Float>) -> Float {
        values.withUnsafeBufferPointer { values in
            let start = row * dimensions
            var sum: Float = 0
            for d in 0..<dimensions { sum += model[d] * values[start + d] }
            return sum
        }
    }

    func add(_ row: Int, times scale: Float, to gradient: UnsafeMutableBufferPointer<Float>) {
        values.withUnsafeBufferPointer { values in
            let start = row * dimensions
            for d in 0..<dimensions { gradient[d] += scale * values[start + d] }
        }
    }
}

/// A trained `Recommender`: scores papers by their vectors, higher first.
public struct RecommenderModel: Sendable {
    public let weights: [Float]
    public let bias: Float
    /// The wanted papers' vectors, for the nearest-saved-paper part of the score.
    let wanted: [[Float]]
    let nearestWeight: Float

    /// The weights as a unit vector: ranking unit paper vectors by cosine to it ranks them as the
    /// linear part of the model does, so a vector index can find the best candidates.
    public var direction: [Float] {
        let norm = PlainVectorMath.dot(weights, weights).squareRoot()
        return norm > 0 ? weights.map { $0 / norm } : weights
    }

    /// How much the reader should want the paper with `vector`: the linear model's margin plus
    /// the cosine to the nearest wanted paper.
    public func score(_ vector: [Float]) -> Float {
        let linear = PlainVectorMath.dot(weights, vector) + bias
        guard nearestWeight > 0 else { return linear }
        return linear + nearestWeight * nearestWanted(vector).similarity
    }

    /// The wanted paper closest to `vector` (its index among the training vectors) and their cosine.
    public func nearestWanted(_ vector: [Float]) -> (index: Int, similarity: Float) {
        var best = (index: 0, similarity: -Float.infinity)
        for (index, wanted) in wanted.enumerated() {
            let similarity = PlainVectorMath.dot(wanted, vector)
            if similarity > best.similarity { best = (index, similarity) }
        }
        return best
    }
}
