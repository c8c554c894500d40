import TestSupport

/// The fuzz suite's seeded generator: BenchmarkSupport's splitmix64, so that every run makes the
/// same inputs and a failure names the seed and case that reproduce it.
typealias FuzzGenerator = SeededRandom

extension SeededRandom {
    /// A random index into a collection of `count` elements (0 when it is empty).
    mutating func index(_ count: Int) -> Int {
        count > 0 ? Int.random(in: 0..<count, using: &self) : 0
    }

    /// One of `choices`.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[index(choices.count)]
    }
}
