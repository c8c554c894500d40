import Foundation
import Testing
@testable import Embedding

@Suite struct MiniLMEmbedderTests {
    @Test func matchesReferenceEmbeddingsForAllFixtures() async throws {
        let embedder = try Fixtures.require(Fixtures.embedder)
        let cases = try Fixtures.lines("embeddings.jsonl", as: Fixtures.EmbeddingCase.self)
        #expect(cases.count == 52)
        var worst = 0.0
        for fixture in cases {
            let vector = try #require(try await embedder.embed([fixture.text]).first)
            #expect(vector.count == 384)
            let maxDiff = zip(vector, fixture.embedding).map { abs(Double($0) - $1) }.max() ?? .infinity
            let cosine = zip(vector, fixture.embedding).reduce(0.0) { $0 + Double($1.0) * $1.1 }
                / (SIMDVectorMath.norm(vector).isZero ? 1 : Double(SIMDVectorMath.norm(vector)))
            worst = max(worst, maxDiff)
            #expect(maxDiff <= 1e-4, "\(fixture.id): max |Δ| \(maxDiff)")
            #expect(cosine >= 0.9999, "\(fixture.id): cosine \(cosine)")
        }
        print("embedding fixtures: worst max |Δ| = \(worst)")
    }

    @Test func batchOfMixedLengthsEqualsOneByOne() async throws {
        let embedder = try Fixtures.require(Fixtures.embedder)
        let texts = try Fixtures.lines("embeddings.jsonl", as: Fixtures.EmbeddingCase.self)
            .map(\.text).enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
        let batched = try await embedder.embed(texts)
        #expect(batched.count == texts.count)
        for (text, vector) in zip(texts, batched) {
            let single = try await embedder.embed([text])[0]
            let maxDiff = zip(vector, single).map { abs($0 - $1) }.max() ?? .infinity
            #expect(maxDiff <= 1e-6, "\(text.prefix(40)): max |Δ| \(maxDiff)")
        }
        #expect(try await embedder.embed([]).isEmpty)
    }

    @Test func emptyDirectoryGivesTypedErrorNamingTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empty-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: EmbeddingError.self) { try MiniLMEmbedder.load(directory: directory) }
        #expect(error == .missingModelFile(name: "vocab.txt", directory: directory.path))
        #expect(error?.description.contains("vocab.txt") == true)
    }

    @Test func reportsModelIdentity() throws {
        let embedder = try Fixtures.require(Fixtures.embedder)
        #expect(embedder.modelName == "sentence-transformers/all-MiniLM-L6-v2")
        #expect(embedder.dimensions == 384)
    }
}
