import CEmbeddingKernels

/// How the encoder's Linear layers multiply.
public enum EmbeddingPrecision: String, Sendable, CaseIterable {
    /// Weights quantised per output channel and activations per row to 11-bit integers
    /// (±1023), summed exactly in 32 bits: the default, faster than the Float32 products.
    case quantized
    /// Float32 products in OpenBLAS, as the reference.
    case fp32
}

/// Which integer kernels run the quantised products.
public enum KernelPath: String, Sendable, CaseIterable {
    /// Portable C, on any CPU.
    case scalar
    /// AVX2 `vpmaddwd` (x86-64 CPUs with AVX2, checked at run time).
    case avx2

    /// The fastest path this CPU can run.
    public static var best: KernelPath {
        pf_best_kernel_path() == PF_KERNEL_AVX2 ? .avx2 : .scalar
    }

    /// The paths this CPU can run, portable first.
    public static var available: [KernelPath] { best == .avx2 ? [.scalar, .avx2] : [.scalar] }

    var c: pf_kernel_path { self == .avx2 ? PF_KERNEL_AVX2 : PF_KERNEL_SCALAR }
}
