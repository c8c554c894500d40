import Foundation
import Testing
@testable import Embedding

@Suite struct KernelTests {
    @Test func erfAndExpAreAccurate() {
        var worstErf: Float = 0, worstExp: Float = 0
        for i in -6000...6000 {
            let x = Float(i) / 1000
            worstErf = max(worstErf, abs(Kernels.erf(x) - Float(Foundation.erf(Double(x)))))
        }
        for i in -87000...0 {
            let x = Float(i) / 1000
            let exact = Foundation.exp(Double(x))
            worstExp = max(worstExp, Float(abs(Double(Kernels.exp(x)) - exact) / exact))
        }
        #expect(worstErf < 1e-6)
        #expect(worstExp < 1e-6)
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
