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
    /// The integer products are exact on every path and scaled in the same order, so every path
    /// gives the portable path's floats bit for bit, partial tiles (rows not a multiple of 6 or
    /// 12) and accumulation included.
    @Test func everyPathMultipliesToTheSameFloats() {
        let (n, k) = (48, 64)
        let weight = (0..<(n * k)).map { Float(sin(Double($0) * 0.37)) * 0.2 }
        var packed = [Int16](repeating: 0, count: n * k), weightScales = [Float](repeating: 0, count: n)
        pf_pack_weights(weight, Int32(n), Int32(k), &packed, &weightScales)
        for rows in [1, 7, 13, 25, 50] {
            let input = (0..<(rows * k)).map { Float(cos(Double($0) * 0.11)) * 3 }
            var quantized = [Int16](repeating: 0, count: rows * k), rowScales = [Float](repeating: 0, count: rows)
            pf_quantize_rows(PF_KERNEL_SCALAR, input, Int32(rows), Int32(k), Int32(k), &quantized, &rowScales)
            func product(_ path: KernelPath, accumulate: Bool) -> [Float] {
                var out = (0..<(rows * n)).map { Float($0) * 0.5 }
                pf_qgemm(path.c, Int32(rows), Int32(n), Int32(k), quantized, rowScales, packed, weightScales, &out, Int32(n),
                         accumulate ? 1 : 0)
                return out
            }
            for path in KernelPath.available where path != .scalar {
                for accumulate in [false, true] {
                    #expect(product(path, accumulate: accumulate) == product(.scalar, accumulate: accumulate),
                            "\(path.rawValue), \(rows) rows, accumulate \(accumulate)")
                }
                var pathQuantized = [Int16](repeating: 0, count: rows * k), pathScales = [Float](repeating: 0, count: rows)
                pf_quantize_rows(path.c, input, Int32(rows), Int32(k), Int32(k), &pathQuantized, &pathScales)
                #expect(pathQuantized == quantized && pathScales == rowScales, "\(path.rawValue) quantises differently")
            }
        }
    }

    /// The vector index's int8 scores: exact integers, the same on every path, for whole and
    /// partial SIMD blocks, rows in order or picked.
    @Test func everyPathScoresInt8RowsExactly() {
        for dims in [384, 40, 7] {
            let count = 37
            let codes = (0..<(count * dims)).map { Int8(truncatingIfNeeded: ($0 * 7919) % 255 - 127) }
            let query = (0..<dims).map { Int8(truncatingIfNeeded: ($0 * 104_729) % 255 - 127) }
            let picked = (0..<count).map { Int32((($0 * 11) % count)) }
            let expected = picked.map { row in
                (0..<dims).reduce(Int32(0)) { $0 + Int32(query[$1]) * Int32(codes[Int(row) * dims + $1]) }
            }
            for path in KernelPath.available {
                var inOrder = [Int32](repeating: 0, count: count), chosen = [Int32](repeating: 0, count: count)
                pf_int8_dots(path.c, query, codes, nil, Int32(count), Int32(dims), &inOrder)
                pf_int8_dots(path.c, query, codes, picked, Int32(count), Int32(dims), &chosen)
                #expect(chosen == expected, "\(path.rawValue), \(dims) dimensions, picked rows")
                #expect(picked.map { inOrder[Int($0)] } == expected, "\(path.rawValue), \(dims) dimensions, in order")
            }
        }
    }
}
