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
    /// AVX-512 VNNI `vpdpwssd` for the products, AVX2 for softmax, GELU and quantising
    /// (x86-64 CPUs with AVX-512 F, BW, VL and VNNI, checked at run time).
    case avx512vnni

    /// The fastest path this CPU can run.
    public static var best: KernelPath {
        switch pf_best_kernel_path() {
        case PF_KERNEL_AVX512_VNNI: .avx512vnni
        case PF_KERNEL_AVX2: .avx2
        default: .scalar
        }
    }

    /// The paths this CPU can run, portable first (each runs on any CPU that runs a later one).
    public static var available: [KernelPath] { Array(allCases.prefix { $0 != best } + [best]) }

    var c: pf_kernel_path {
        switch self {
        case .scalar: PF_KERNEL_SCALAR
        case .avx2: PF_KERNEL_AVX2
        case .avx512vnni: PF_KERNEL_AVX512_VNNI
        }
    }
}
