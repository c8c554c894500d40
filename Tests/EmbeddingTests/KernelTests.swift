import CEmbeddingKernels
import Foundation
import Testing
@testable import Embedding

@Suite struct KernelTests {
    @Test func erfAndExpAreAccurate() {
        var worstErf: Float = 0, worstExp: Float = 0
        for i in -6000...6000 {
            let x = Float(i) / 1000
            worstErf = max(worstErf, abs(pf_erf(x) - Float(Foundation.erf(Double(x)))))
        }
        for i in -87000...0 {
            let x = Float(i) / 1000
            let exact = Foundation.exp(Double(x))
            worstExp = max(worstExp, Float(abs(Double(pf_exp(x)) - exact) / exact))
        }
        #expect(worstErf < 1e-6)
        #expect(worstExp < 1e-6)
    }

    @Test(arguments: KernelPath.available)
    func softmaxAndGELURowsMatchTheirDefinitions(path: KernelPath) {
        let (rows, width) = (3, 21)  // a width past whole 8-lane vectors
        let input = (0..<(rows * width)).map { Float(sin(Double($0) * 0.7)) * 6 }
        let bias = (0..<width).map { Float($0) * 0.01 }
        var softmax = input, gelu = input
        pf_softmax_rows(path.c, &softmax, Int32(rows), Int32(width), Int32(width))
        pf_bias_gelu(path.c, &gelu, Int32(rows), Int32(width), bias)
        for r in 0..<rows {
            let row = input[(r * width)..<((r + 1) * width)].map(Double.init)
            let exps = row.map { Foundation.exp($0 - row.max()!) }
            for i in 0..<width {
                let expected = exps[i] / exps.reduce(0, +)
                #expect(abs(Double(softmax[r * width + i]) - expected) < 1e-6, "\(path.rawValue) softmax [\(r), \(i)]")
                let v = row[i] + Double(bias[i])
                let exact = 0.5 * v * (1 + Foundation.erf(v / 2.0.squareRoot()))
                #expect(abs(Double(gelu[r * width + i]) - exact) < 1e-5, "\(path.rawValue) GELU [\(r), \(i)]")
            }
        }
    }

    @Test func vectorMath() {
        let a: [Float] = (0..<37).map { Float($0) }, b: [Float] = (0..<37).map { Float(37 - $0) }
        let expected = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(SIMDVectorMath.dot(a, b) == expected)
        #expect(abs(SIMDVectorMath.cosine(a, a) - 1) < 1e-6)
        #expect(abs(SIMDVectorMath.norm(SIMDVectorMath.normalized(b)) - 1) < 1e-6)
        #expect(SIMDVectorMath.cosine(a, [Float](repeating: 0, count: 37)) == 0)
    }
}
