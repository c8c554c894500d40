import PaperCore
@testable import PaperSearch
import Testing
import TestSupport

/// The recommender learns what a library wants from the vectors of its papers: papers like the
/// saved ones rank first, "not interested" pushes their kind down, and each score can name the
/// saved paper it is closest to.
@Suite struct RecommenderTests {
    /// A unit vector near axis `axis` of 8 dimensions, varied by `seed`.
    static func near(_ axis: Int, _ seed: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed)
        var vector = (0..<8).map { _ in Float.random(in: -0.2...0.2, using: &random) }
        vector[axis] += 1
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / norm }
    }

    static let background = (0..<60).map { near(Int($0 % 8), 1_000 + $0) }

    @Test func papersLikeTheSavedOnesRankFirst() throws {
        let saved = (0..<4).map { Self.near(2, $0) }
        let model = try #require(Recommender().train(wanted: saved, background: Self.background))
        let candidates = (0..<8).map { Self.near($0, 500 + UInt64($0)) }
        let ranked = candidates.indices.sorted { model.score(candidates[$0]) > model.score(candidates[$1]) }
        #expect(ranked.first == 2)
        #expect(PlainVectorMath.dot(model.direction, model.direction) > 0.99, "the direction is a unit vector")
    }

    @Test func notInterestedPushesItsKindDown() throws {
        // Saved papers on two topics; the reader then marks papers of the second as unwanted.
        let saved = (0..<3).map { Self.near(1, $0) } + (0..<3).map { Self.near(5, 10 + $0) }
        let unwanted = (0..<6).map { Self.near(5, 20 + $0) }
        let before = try #require(Recommender().train(wanted: saved, background: Self.background))
        let after = try #require(Recommender().train(wanted: saved, unwanted: unwanted, background: Self.background))
        let fifth = Self.near(5, 99), first = Self.near(1, 98)
        #expect(after.score(fifth) - after.score(first) < before.score(fifth) - before.score(first))
    }

    @Test func eachScoreNamesTheClosestSavedPaper() throws {
        let saved = [Self.near(0, 1), Self.near(3, 2), Self.near(6, 3)]
        let model = try #require(Recommender().train(wanted: saved, background: Self.background))
        #expect(model.nearestWanted(Self.near(3, 77)).index == 1)
        #expect(model.nearestWanted(Self.near(6, 78)).index == 2)
    }

    @Test func anEmptyLibraryHasNoModel() {
        #expect(Recommender().train(wanted: [], background: Self.background) == nil)
    }
}
