/// The element-wise and row-wise steps of the encoder, on raw row-major buffers.
///
/// Loops are written so that the optimiser vectorises them: branch-free scalar bodies for
/// the transcendental functions, `SIMD8` accumulators for the reductions.
enum Kernels {
    /// `x[r] = LayerNorm(x[r] + bias) · gamma + beta` for each of `rows` rows of `width`
    /// (biased variance, as PyTorch).
    static func addBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, bias: UnsafePointer<Float>?,
        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        precondition(width % 8 == 0)
        let inverseWidth = 1 / Float(width)
        for r in 0..<rows {
            let row = x + r * width
            if let bias { for i in 0..<width { row[i] += bias[i] } }
            var sum = SIMD8<Float>()
            for i in stride(from: 0, to: width, by: 8) { sum += load8(row + i) }
            let mean = sum.sum() * inverseWidth
            var squares = SIMD8<Float>()
            for i in stride(from: 0, to: width, by: 8) {
                let d = load8(row + i) - mean
                squares += d * d
            }
            let scale = 1 / (squares.sum() * inverseWidth + epsilon).squareRoot()
            for i in 0..<width { row[i] = (row[i] - mean) * scale * gamma[i] + beta[i] }
        }
    }

    /// `x[r] += bias` for each row.
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * width
            for i in 0..<width { row[i] += bias[i] }
        }
    }

    /// `x[r] = GELU(x[r] + bias)` with the exact (erf) GELU.
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * width
            for i in 0..<width {
                let v = row[i] + bias[i]
                row[i] = 0.5 * v * (1 + erf(v * 0.70710678118654752))
            }
        }
    }

    /// Softmax over each of `rows` rows of `width` values, `stride` apart, in place.
    static func softmaxRows(_ s: UnsafeMutablePointer<Float>, rows: Int, width: Int, stride rowStride: Int) {
        for r in 0..<rows {
            let row = s + r * rowStride
            var maxima = SIMD8<Float>(repeating: -.greatestFiniteMagnitude)
            var i = 0
            while i + 8 <= width {
                let v = load8(row + i)
                maxima.replace(with: v, where: v .> maxima)
                i += 8
            }
            var m = maxima.max()
            while i < width { m = Swift.max(m, row[i]); i += 1 }
            for j in 0..<width { row[j] = exp(row[j] - m) }
            var sums = SIMD8<Float>()
            i = 0
            while i + 8 <= width { sums += load8(row + i); i += 8 }
            var total = sums.sum()
            while i < width { total += row[i]; i += 1 }
            let inverse = 1 / total
            for j in 0..<width { row[j] *= inverse }
        }
    }

    @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// `e^x` to about 1 ulp for x in [-87, 88] (Cephes `expf`: x = n·ln 2 + r, a degree-6
    /// polynomial for e^r, 2^n through the exponent bits). Below -87 it returns ~1e-38, not 0.
    @inline(__always)
    static func exp(_ value: Float) -> Float {
        var x = value < -87.3 ? -87.3 : value
        x = x > 88.3 ? 88.3 : x
        let magic: Float = 12_582_912  // 1.5·2²³: adding it rounds to an integer
        let shifted = x * 1.442_695_04 + magic
        let n = shifted - magic
        let r = x - n * 0.693_359_375 + n * 2.121_944_40e-4
        var p: Float = 1.987_569_150_0e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * (r * r) + r + 1
        let exponent = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000 &+ 127
        return y * Float(bitPattern: UInt32(bitPattern: exponent << 23))
    }

    /// `erf(x)` to a few ulp: the rational approximation on [-4, 4] used by Eigen and XLA
    /// (beyond ±4, erf is ±1 in single precision).
    @inline(__always)
    static func erf(_ value: Float) -> Float {
        var x = value < -4 ? -4 : value
        x = x > 4 ? 4 : x
        let x2 = x * x
        var p: Float = -2.726_142_258_013_06e-10
        p = p * x2 + 2.770_681_424_959_02e-08
        p = p * x2 - 2.101_024_020_825_08e-06
        p = p * x2 - 5.692_506_394_623_46e-05
        p = p * x2 - 7.349_906_303_268_55e-04
        p = p * x2 - 2.954_599_808_540_25e-03
        p = p * x2 - 1.609_603_332_624_15e-02
        var q: Float = -1.456_607_184_649_96e-05
        q = q * x2 - 2.133_740_552_789_05e-04
        q = q * x2 - 1.682_826_974_382_03e-03
        q = q * x2 - 7.373_329_167_204_68e-03
        q = q * x2 - 1.426_473_905_141_89e-02
        return x * p / q
    }
}
