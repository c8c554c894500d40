import COpenBLAS

/// Single-precision matrix products through OpenBLAS, row-major.
enum BLAS {
    /// `C = alpha · A · op(B) + beta · C` with `A` `[m, k]`, `op(B)` `[k, n]` and `C` `[m, n]`;
    /// `transposeB` reads `B` as `[n, k]` (a PyTorch Linear weight).
    @inline(__always)
    static func gemm(
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc)
        )
    }

    /// Sets how many threads OpenBLAS itself uses for one call (a process-wide setting).
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }
}
