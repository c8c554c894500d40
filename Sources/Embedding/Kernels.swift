/// The element-wise and row-wise steps of the encoder, on raw row-major buffers.
///
/// Loops are written so that the optimiser vectorises them, with `SIMD8` accumulators for the
/// reductions. Softmax and GELU, which need exp and erf, are C kernels (`CEmbeddingKernels`).
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

    @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
}
