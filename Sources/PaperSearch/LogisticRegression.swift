import Foundation

/// Labelled, weighted training rows of a class-balanced logistic regression: dense vectors
/// (`TrainingSamples`) or sparse tf-idf rows (`SparseRows`). Conformers give the arithmetic on
/// one row; the gradient descent is shared.
protocol LogisticRegressionRows {
    /// Each row's label: 1 wanted, 0 not.
    var labels: [Float] { get }
    /// Each row's weight in the loss.
    var weights: [Float] { get }
    /// The dot product of row `row` with `model`.
    func dot(_ row: Int, _ model: UnsafeMutableBufferPointer<Float>) -> Float
    /// Adds `scale` times row `row` to `gradient`.
    func add(_ row: Int, times scale: Float, to gradient: UnsafeMutableBufferPointer<Float>)
}

extension LogisticRegressionRows {
    /// Weights (`features` of them) and bias minimising the weighted logistic loss plus
    /// `l2`/2 · |w|², by `iterations` steps of full-batch gradient descent at `rate`.
    func logisticRegression(features: Int, l2: Float, iterations: Int, rate: Float) -> (weights: [Float], bias: Float) {
        let total = weights.reduce(0, +)
        var model = [Float](repeating: 0, count: features)
        var gradient = [Float](repeating: 0, count: features)
        var bias: Float = 0
        guard total > 0 else { return (model, bias) }
        model.withUnsafeMutableBufferPointer { w in
            gradient.withUnsafeMutableBufferPointer { g in
                for _ in 0..<iterations {
                    for d in 0..<features { g[d] = l2 * w[d] }
                    var biasGradient: Float = 0
                    for row in 0..<labels.count {
                        let error = (1 / (1 + expf(-(bias + dot(row, w)))) - labels[row]) * weights[row] / total
                        biasGradient += error
                        add(row, times: error, to: g)
                    }
                    for d in 0..<features { w[d] -= rate * g[d] }
                    bias -= rate * biasGradient
                }
            }
        }
        return (model, bias)
    }
}
