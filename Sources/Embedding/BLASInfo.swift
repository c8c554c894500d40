import COpenBLAS
import Foundation

/// What the OpenBLAS library behind the embedder is doing, for start-up logs.
public enum BLASInfo {
    /// The build configuration OpenBLAS reports (version, flavour, target).
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The CPU kernels OpenBLAS chose at load time (for example "Haswell", "SkylakeX").
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// Threads OpenBLAS uses for one call.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// A value for `OPENBLAS_CORETYPE` that would run faster kernels, or nil.
    ///
    /// Non-nil when the CPU has AVX-512 but OpenBLAS runs AVX2 kernels, because
    /// `OPENBLAS_CORETYPE` forces them (this build machine exports `Haswell`) or because the
    /// OpenBLAS is older than the CPU. The AVX-512 kernels halved the CPU time of this model
    /// on the 2-core AMD EPYC (Zen 5) build machine. OpenBLAS reads the variable when it is
    /// loaded, so it must be in the environment the process starts with.
    public static var suggestedCoreType: String? {
        let core = coreName.lowercased()
        let avx512Cores = ["skylakex", "cooperlake", "sapphirerapids"]
        guard !avx512Cores.contains(where: core.contains), cpuHasAVX512 else { return nil }
        return "SKYLAKEX"
    }

    /// Whether the CPU has the AVX-512 subsets OpenBLAS's SkylakeX kernels use (Linux only).
    static var cpuHasAVX512: Bool {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return false }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        return ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
    }
}
