// Throughput of the in-process all-MiniLM-L6-v2 embedder on the 120 seed-page abstracts
// (end to end: tokenize, forward, pool, normalise), at several batch sizes, with quantised
// integer products (the default) and with Float32 ones.
//
// Usage: embedding-bench [--model DIR] [--seed FILE] [--batches 1,8,32] [--workers N]
//                        [--repeats 3] [--field abstracts|titles] [--precision quantized,fp32]
//                        [--kernel scalar|avx2|avx512vnni] [--verify] [--info]
import BenchmarkSupport
import Embedding
import Foundation

let option = Bench.option
let modelDirectory = Bench.modelDirectory
let batchSizes = (option("--batches") ?? "1,8,32").split(separator: ",").compactMap { Int($0) }
let workers = option("--workers").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
let repeats = option("--repeats").flatMap(Int.init) ?? 3
let field = option("--field") ?? "abstracts"
let precisions = (option("--precision") ?? "quantized,fp32").split(separator: ",").map { name in
    guard let precision = EmbeddingPrecision(rawValue: String(name)) else { fatalError("unknown precision \(name)") }
    return precision
}
let kernel = option("--kernel").map { name in
    guard let path = KernelPath(rawValue: name) else { fatalError("unknown kernel \(name)") }
    return path
} ?? KernelPath.best

/// FLOPs of the encoder over `n` tokens: per layer 2·n·(4·h² + 2·h·f) + 4·n²·h.
func flops(tokens n: Int) -> Double {
    let h = 384.0, f = 1536.0, t = Double(n)
    return 6 * (2 * t * (4 * h * h + 2 * h * f) + 4 * t * t * h)
}

/// CPU time of the whole process (all threads), to tell a slow run from a shared machine.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let papers = try Bench.seedPapers()
let texts = papers.map { field == "titles" ? $0.title : $0.abstract }
let loadStart = Date()
let loaded = try MiniLMEmbedder.load(directory: modelDirectory, workers: workers)
let loadSeconds = Date().timeIntervalSince(loadStart)
let counts = texts.map { loaded.tokenizer.encode($0).count }
let tokens = counts.reduce(0, +)
let work = counts.reduce(0) { $0 + flops(tokens: $1) }
print(String(format: "model loaded in %.2f s from %@", loadSeconds, modelDirectory.path))
print("OpenBLAS: \(BLASInfo.configuration); kernels \(BLASInfo.coreName), \(BLASInfo.threads) thread(s) per call"
    + (BLASInfo.suggestedCoreType.map { "; faster with OPENBLAS_CORETYPE=\($0)" } ?? ""))
print("integer kernels: \(kernel.rawValue) (this CPU's best: \(KernelPath.best.rawValue))")
if CommandLine.arguments.contains("--info") { exit(0) }
print("\(texts.count) \(field), \(tokens) tokens (≤256 each), \(String(format: "%.1f", work / 1e9)) GFLOP per pass; "
    + "workers \(workers), OPENBLAS_NUM_THREADS=\(ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset")")

/// Compares release-build vectors with the float64 reference (the tests run in debug).
func verify(_ embedder: MiniLMEmbedder) async throws {
    struct Reference: Decodable { let text: String; let embedding: [Double] }
    let url = URL(fileURLWithPath: "../shared/embedding-reference/embeddings.jsonl")
    let references = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        .map { try JSONDecoder().decode(Reference.self, from: Data($0.utf8)) }
    let vectors = try await embedder.embed(references.map(\.text))
    let worst = zip(vectors, references).map { vector, reference in
        zip(vector, reference.embedding).map { abs(Double($0) - $1) }.max()!
    }.max()!
    let cosine = zip(vectors, references).map { vector, reference in
        zip(vector, reference.embedding).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    }.min()!
    print(String(format: "verify (%@): %d reference texts in one call, worst max |Δ| %.2e, min cosine %.7f",
                 embedder.precision.rawValue, references.count, worst, cosine))
    precondition(cosine >= 0.999, "release build does not match the reference embeddings")
}

for precision in precisions {
    if CommandLine.arguments.contains("--verify") {
        try await verify(try MiniLMEmbedder.load(directory: modelDirectory, workers: workers, precision: precision, kernel: kernel))
    }
    var best: [(batch: Int, perSecond: Double, cpuSeconds: Double)] = []
    for batch in batchSizes {
        let embedder = try MiniLMEmbedder.load(
            directory: modelDirectory, batchSize: batch, workers: workers, precision: precision, kernel: kernel)
        _ = try await embedder.embed(Array(texts.prefix(max(batch, 2 * workers))))  // warm-up
        var times: [Double] = [], cpuTimes: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
            let vectors = try await embedder.embed(texts)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpuTimes.append(processCPUSeconds() - cpuStart)
            precondition(vectors.count == texts.count && vectors.allSatisfy { $0.count == 384 })
        }
        let fastest = times.min()!
        best.append((batch, Double(texts.count) / fastest, cpuTimes.min()!))
        print(String(format: "%@ batch %3d: best %.3f s  %6.2f %@/s  %7.0f tokens/s  %6.1f GFLOP/s   (wall: %@; cpu: %@)",
                     precision.rawValue, batch, fastest, Double(texts.count) / fastest, field, Double(tokens) / fastest,
                     work / fastest / 1e9, times.map { String(format: "%.2f", $0) }.joined(separator: " "),
                     cpuTimes.map { String(format: "%.2f", $0) }.joined(separator: " ")))
    }
    if let top = best.max(by: { $0.perSecond < $1.perSecond }) {
        print(String(format: "BEST swift_per_s=%.3f batch=%d cpu_s=%.3f precision=%@ tokens_per_s=%.0f",
                     top.perSecond, top.batch, top.cpuSeconds, precision.rawValue,
                     top.perSecond * Double(tokens) / Double(texts.count)))
    }
}
