import Foundation

/// The small arithmetic and formatting the recommendation benchmark needs.
enum Recommendation {
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
        return sum
    }

    static func unit(_ vector: [Float]) -> [Float] {
        let norm = dot(vector, vector).squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// `body`'s value and how long it took.
    static func milliseconds<Value>(_ body: () async throws -> Value) async rethrows -> (value: Value, milliseconds: Double) {
        let started = ContinuousClock.now
        let value = try await body()
        return (value, milliseconds(since: started))
    }

    static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}

extension Row {
    /// Adds one user's quality to the average over `users`.
    mutating func add(_ quality: (recall: Double, ndcg: Double), of users: Int) {
        recall += quality.recall / Double(users)
        ndcg += quality.ndcg / Double(users)
    }
}
