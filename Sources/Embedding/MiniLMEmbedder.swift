import PaperCore
import Dispatch
import Foundation

/// sentence-transformers/all-MiniLM-L6-v2 running in process: 384-d L2-normalised vectors.
///
/// Load it once with ``load(directory:batchSize:workers:)`` and share it; it is immutable.
/// `embed` runs the forward passes on Dispatch worker threads, not on the caller's
/// cooperative thread pool, so a long batch does not starve other tasks.
public final class MiniLMEmbedder: SentenceEmbedder {
    /// "sentence-transformers/all-MiniLM-L6-v2".
    public let modelName = "sentence-transformers/all-MiniLM-L6-v2"
    /// 384.
    public let dimensions = 384
    /// The tokenizer read from `vocab.txt`.
    public let tokenizer: WordPieceTokenizer
    /// At most this many texts go through the encoder together.
    public let batchSize: Int
    /// How many batches run at once, each on its own thread.
    public let workers: Int
    let model: MiniLMModel
    /// How the Linear layers multiply.
    public var precision: EmbeddingPrecision { model.precision }
    /// The integer kernels of the quantised products (unused with ``EmbeddingPrecision/fp32``).
    public var kernel: KernelPath { model.kernel }

    /// The files a model directory must hold.
    public static let requiredFiles = ["vocab.txt", "model.safetensors"]

    init(tokenizer: WordPieceTokenizer, model: MiniLMModel, batchSize: Int, workers: Int) {
        self.tokenizer = tokenizer
        self.model = model
        self.batchSize = max(1, batchSize)
        self.workers = max(1, workers)
    }

    /// Reads `vocab.txt` and `model.safetensors` from `directory`.
    ///
    /// - Parameters:
    ///   - batchSize: the most texts encoded together, grouped by length. Batches are packed
    ///     without padding, so a 256-token text alone already makes large matrix products;
    ///     bigger batches only grow the working set (8 texts: about 20 MB per worker).
    ///   - workers: batches encoded in parallel, each on one thread: OpenBLAS is set to one
    ///     thread per call (process-wide), since splitting the batch across cores scales
    ///     better here than splitting each matrix product, and one worker leaves the other
    ///     cores to the caller (a web server embedding in the background).
    /// - Throws: ``EmbeddingError/missingModelFile(name:directory:)`` naming the first absent
    ///   file, or another ``EmbeddingError`` if a file is malformed.
    ///   - precision: quantised integer products (the default; cosine above 0.9997 to the
    ///     Float32 model on the reference fixtures) or Float32 ones.
    ///   - kernel: the integer kernels; the fastest this CPU runs unless a test picks one.
    public static func load(
        directory: URL, batchSize: Int = 8, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        precision: EmbeddingPrecision = .quantized, kernel: KernelPath = .best
    ) throws -> MiniLMEmbedder {
        for name in requiredFiles {
            let path = directory.appendingPathComponent(name).path
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw EmbeddingError.missingModelFile(name: name, directory: directory.path)
            }
        }
        let tokenizer = try WordPieceTokenizer(vocabularyURL: directory.appendingPathComponent("vocab.txt"))
        let file = try SafeTensors(contentsOf: directory.appendingPathComponent("model.safetensors"))
        let model = MiniLMModel(weights: try BertWeights(file), precision: precision, kernel: kernel)
        // Parallel work is split across batches, one thread each, which scales better than
        // splitting every matrix product; a single worker leaves the other cores free.
        BLAS.setThreads(1)
        return MiniLMEmbedder(tokenizer: tokenizer, model: model, batchSize: batchSize, workers: workers)
    }

    /// Embeds each text (truncated to 254 word pieces); one vector per text, in order.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        let sequences = texts.map(tokenizer.encode)
        let lanes = plan(sequences)
        let model = self.model
        var vectors = [[Float]](repeating: [], count: texts.count)
        await withTaskGroup(of: [(Int, [Float])].self) { group in
            for lane in lanes {
                group.addTask {
                    await Self.offload { Self.run(lane, sequences: sequences, model: model) }
                }
            }
            for await results in group {
                for (index, vector) in results { vectors[index] = vector }
            }
        }
        return vectors
    }

    /// Splits the inputs into batches of similar length (longest first) and deals the
    /// batches to `workers` lanes, each batch to the lane with the least work so far.
    func plan(_ sequences: [[Int32]]) -> [[[Int]]] {
        guard !sequences.isEmpty else { return [] }
        let order = sequences.indices.sorted { sequences[$0].count > sequences[$1].count }
        let perLane = (order.count + workers - 1) / workers
        let size = min(batchSize, perLane)
        var lanes = [[[Int]]](repeating: [], count: min(workers, order.count))
        var load = [Double](repeating: 0, count: lanes.count)
        for start in stride(from: 0, to: order.count, by: size) {
            let batch = Array(order[start..<min(start + size, order.count)])
            let lane = load.indices.min { load[$0] < load[$1] }!
            lanes[lane].append(batch)
            load[lane] += batch.reduce(0) { $0 + model.configuration.flops(tokens: sequences[$1].count) }
        }
        return lanes.filter { !$0.isEmpty }
    }

    /// Runs a lane's batches one after the other in one workspace, sized for its largest batch.
    private static func run(_ lane: [[Int]], sequences: [[Int32]], model: MiniLMModel) -> [(Int, [Float])] {
        let rows = lane.map { $0.reduce(0) { $0 + sequences[$1].count } }.max() ?? 0
        let longest = lane.joined().map { sequences[$0].count }.max() ?? 0
        let workspace = Workspace(rows: rows, longest: longest, configuration: model.configuration)
        return lane.flatMap { batch in
            zip(batch, model.embed(batch.map { sequences[$0] }, workspace: workspace)).map { ($0, $1) }
        }
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
