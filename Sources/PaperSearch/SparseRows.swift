import Foundation

/// Labelled, weighted sparse rows (unit-length tf-idf of a paper's terms, restricted to the
/// model's features), for full-batch gradient descent.
struct SparseRows: LogisticRegressionRows {
    private(set) var starts: [Int] = [0]
    private(set) var columns: [Int32] = []
    private(set) var values: [Float] = []
    private(set) var labels: [Float] = []
    private(set) var weights: [Float] = []

    /// Adds the tf-idf row of `counts`: sublinear tf times idf over every term, divided by the
    /// length of the whole vector, with only the terms in `features` kept as columns.
    mutating func append(_ counts: [UInt64: Float], idf: [UInt64: Float], unseen: Float, features: [UInt64: Int32],
                         label: Float, weight: Float) {
        var norm: Float = 0
        let first = values.count
        for (term, count) in counts {
            let value = (1 + logf(count)) * (idf[term] ?? unseen)
            norm += value * value
            if let column = features[term] {
                columns.append(column)
                values.append(value)
            }
        }
        let scale = norm > 0 ? 1 / norm.squareRoot() : 0
        for i in first..<values.count { values[i] *= scale }
        starts.append(values.count)
        labels.append(label)
        self.weights.append(weight)
    }

    func dot(_ row: Int, _ model: UnsafeMutableBufferPointer<Float>) -> Float {
        columns.withUnsafeBufferPointer { columns in
            values.withUnsafeBufferPointer { values in
                var sum: Float = 0
                for i in starts[row]..<starts[row + 1] { sum += model[Int(columns[i])] * values[i] }
                return sum
            }
        }
    }

    func add(_ row: Int, times scale: Float, to gradient: UnsafeMutableBufferPointer<Float>) {
        columns.withUnsafeBufferPointer { columns in
            values.withUnsafeBufferPointer { values in
                for i in starts[row]..<starts[row + 1] { gradient[Int(columns[i])] += scale * values[i] }
            }
        }
    }
}
