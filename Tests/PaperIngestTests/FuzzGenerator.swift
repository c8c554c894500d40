/// SplitMix64: a small seeded generator, so that every fuzz run makes the same inputs and a
/// failure names the seed and case that reproduce it.
struct FuzzGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random index into a collection of `count` elements (0 when it is empty).
    mutating func index(_ count: Int) -> Int {
        count > 0 ? Int.random(in: 0..<count, using: &self) : 0
    }

    /// One of `choices`.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[index(choices.count)]
    }
}
