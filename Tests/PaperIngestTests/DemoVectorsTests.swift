import Embedding
import Foundation
import PaperCore
@testable import PaperIngest
import Testing
import TestSupport

/// The demo papers' vectors shipped with them: compact, checked, and what the model makes.
@Suite struct DemoVectorsTests {
    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map(*).reduce(0, +) / ((a.map { $0 * $0 }.reduce(0, +)).squareRoot() * (b.map { $0 * $0 }.reduce(0, +)).squareRoot())
    }

    static let papers = (0..<3).map {
        Paper(id: PaperID(rawValue: "2501.0000\($0)"), title: "Paper \($0)", abstract: "About \($0).", authors: [], source: .huggingFace)
    }

    static func vectors(seed: UInt64) -> [PaperID: [Float]] {
        var random = SeededRandom(seed: seed)
        return Dictionary(uniqueKeysWithValues: papers.map { paper in
            let raw = (0..<384).map { _ in Float.random(in: -1...1, using: &random) }
            let norm = raw.map { $0 * $0 }.reduce(0, +).squareRoot()
            return (paper.id, raw.map { $0 / norm })
        })
    }

    @Test func vectorsSurviveTheRoundTripAndPapersWhoseTextChangedAreLeftOut() throws {
        let original = Self.vectors(seed: 7)
        let data = try DemoVectors.encode(model: "m", dimensions: 384, papers: Self.papers, vectors: original)
        #expect(data.count < Self.papers.count * 450, "about a quarter of 32-bit floats")
        let file = try DemoVectors.decode(data)
        #expect(file.header == DemoVectors.Header(model: "m", dimensions: 384, count: 3))
        for entry in file.entries { #expect(Self.cosine(entry.vector, original[entry.id]!) > 0.9999) }
        var edited = Self.papers
        edited[1].abstract = "About something else."
        #expect(DemoVectors.matching(file.entries, papers: edited).map(\.id) == [Self.papers[0].id, Self.papers[2].id])
    }

    @Test func aDamagedFileIsRefused() throws {
        var data = try DemoVectors.encode(model: "m", dimensions: 384, papers: Self.papers, vectors: Self.vectors(seed: 8))
        data[data.count / 2] ^= 0x01
        #expect(throws: DocumentError.self) { try DemoVectors.decode(data) }
        #expect(throws: DocumentError.self) { try DemoVectors.decode(Data("PFVEC1\n{}".utf8)) }
    }

    /// The bundled file fits the bundled papers and is what the model makes of them.
    @Test func theBundledVectorsAreTheModelsForEveryDemoPaper() async throws {
        let url = try #require(DemoVectors.url)
        let file = try DemoVectors.decode(Data(contentsOf: url))
        let papers = try DemoDataset.papers()
        let embedder = try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory)
        #expect(file.header.model == embedder.modelName)
        let matching = DemoVectors.matching(file.entries, papers: papers)
        #expect(matching.count == Set(papers.map(\.id)).count, "every demo paper has its vector")
        var random = SeededRandom(seed: 20261201)
        let sample = (0..<8).map { _ in matching[Int.random(in: 0..<matching.count, using: &random)] }
        let byID = Dictionary(papers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let fresh = try await embedder.embed(sample.map { byID[$0.id]!.embeddingText })
        for (shipped, made) in zip(sample, fresh) { #expect(Self.cosine(shipped.vector, made) > 0.999, "\(shipped.id)") }
    }
}
