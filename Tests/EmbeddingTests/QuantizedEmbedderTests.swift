import Foundation
import Testing
@testable import Embedding

/// The default, quantised products against the float64 reference vectors, on every integer
/// kernel path this CPU can run (the portable one always among them).
@Suite struct QuantizedEmbedderTests {
    @Test(arguments: KernelPath.available)
    func staysWithinCosine0999OfReferenceForAllFixtures(path: KernelPath) async throws {
        let embedder = try #require(try Fixtures.require(Fixtures.quantizedEmbedders)[path])
        #expect(embedder.precision == .quantized && embedder.kernel == path)
        let cases = try Fixtures.lines("embeddings.jsonl", as: Fixtures.EmbeddingCase.self)
        #expect(cases.count == 52)
        let vectors = try await embedder.embed(cases.map(\.text))
        var lowest = 1.0, worst = 0.0
        for (fixture, vector) in zip(cases, vectors) {
            #expect(vector.count == 384)
            let cosine = zip(vector, fixture.embedding).reduce(0.0) { $0 + Double($1.0) * $1.1 }
            let maxDiff = zip(vector, fixture.embedding).map { abs(Double($0) - $1) }.max() ?? .infinity
            (lowest, worst) = (min(lowest, cosine), max(worst, maxDiff))
            #expect(cosine >= 0.999, "\(fixture.id): cosine \(cosine)")
        }
        print("quantized (\(path.rawValue)): min cosine \(lowest), worst max |Δ| \(worst)")
    }

    @Test func everyKernelPathGivesNearlyTheSameVectors() async throws {
        let embedders = try Fixtures.require(Fixtures.quantizedEmbedders)
        let texts = try Fixtures.lines("embeddings.jsonl", as: Fixtures.EmbeddingCase.self).map(\.text)
        let portable = try await #require(embedders[.scalar]).embed(texts)
        for (path, embedder) in embedders where path != .scalar {
            // Integer sums are exact on every path, but softmax sums in another order, and a
            // last-bit difference can move an activation to the next quantisation step: elements
            // differ by up to about 1e-3 (measured), so the vectors are compared by cosine.
            for (vector, reference) in zip(try await embedder.embed(texts), portable) {
                let cosine = zip(vector, reference).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                #expect(cosine >= 0.9995, "\(path.rawValue) differs from the portable kernels: cosine \(cosine)")
            }
        }
    }

    @Test func tokenIdsDoNotDependOnPrecision() throws {
        let embedders = try Fixtures.require(Fixtures.quantizedEmbedders)
        let reference = try Fixtures.require(Fixtures.embedder)
        for fixture in try Fixtures.lines("tokens.jsonl", as: Fixtures.TokenCase.self) {
            for embedder in embedders.values {
                #expect(embedder.tokenizer.encode(fixture.text) == fixture.input_ids, "\(fixture.id)")
            }
            #expect(reference.tokenizer.encode(fixture.text) == fixture.input_ids, "\(fixture.id)")
        }
    }

    @Test func quantizedLinearMatchesFloatProduct() {
        // A 16 x 32 weight and 7 rows (a partial 6-row tile): each output within the
        // quantisation error of the Float32 product.
        let (n, k, rows) = (16, 32, 7)
        let weight = (0..<(n * k)).map { Float(sin(Double($0) * 0.37)) * 0.2 }
        let input = (0..<(rows * k)).map { Float(cos(Double($0) * 0.11)) }
        let linear = QuantizedLinear(weight, outputs: n, inputs: k)
        for path in KernelPath.available {
            var output = [Float](repeating: 1, count: rows * n)
            let scratch = UnsafeMutablePointer<Int16>.allocate(capacity: rows * k)
            let scales = UnsafeMutablePointer<Float>.allocate(capacity: rows)
            defer { scratch.deallocate(); scales.deallocate() }
            linear.apply(input, rows: rows, into: &output, accumulate: true, scratch: scratch, rowScales: scales, path: path)
            for r in 0..<rows {
                for j in 0..<n {
                    let exact = 1 + (0..<k).reduce(Float(0)) { $0 + input[r * k + $1] * weight[j * k + $1] }
                    #expect(abs(output[r * n + j] - exact) < 2e-3, "\(path.rawValue) [\(r), \(j)]")
                }
            }
        }
    }
}
