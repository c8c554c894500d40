/// Vector arithmetic over `[Float]` for similarity search, on SIMD8 kernels.
public enum SIMDVectorMath {
    /// `Σ aᵢ·bᵢ` over the common length (the cosine of two L2-normalised vectors).
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        let n = min(a.count, b.count)
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                dot(pa.baseAddress!, pb.baseAddress!, count: n)
            }
        }
    }

    /// `Σ aᵢ·bᵢ` for `count` values from two pointers.
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count n: Int) -> Float {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= n {
            acc0 += Kernels.load8(a + i) * Kernels.load8(b + i)
            acc1 += Kernels.load8(a + i + 8) * Kernels.load8(b + i + 8)
            i += 16
        }
        while i + 8 <= n {
            acc0 += Kernels.load8(a + i) * Kernels.load8(b + i)
            i += 8
        }
        var total = (acc0 + acc1).sum()
        while i < n {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }

    /// The Euclidean norm `‖v‖₂`.
    public static func norm(_ v: [Float]) -> Float { dot(v, v).squareRoot() }

    /// `a·b / (‖a‖·‖b‖)`; 0 when either vector is zero.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let denominator = norm(a) * norm(b)
        return denominator > 0 ? dot(a, b) / denominator : 0
    }

    /// `v / max(‖v‖₂, 1e-12)`, as sentence-transformers' Normalize.
    public static func normalized(_ v: [Float]) -> [Float] {
        let scale = 1 / max(norm(v), 1e-12)
        return v.map { $0 * scale }
    }
}
