/// The all-MiniLM-L6-v2 encoder: a 6-layer BERT forward pass, mean pooling over the real
/// tokens and L2 normalisation, in Float32, with matrix products in OpenBLAS.
///
/// A batch is packed without padding: the rows of all sequences are stacked, the Linear
/// layers run once over all rows, and attention runs per sequence over its own rows. This
/// is what right-padding plus an attention mask computes for the real tokens (padded keys
/// get weight exactly 0 in Float32), without spending work on padding.
struct MiniLMModel: Sendable {
    let weights: BertWeights
    /// The Linear weights as integers, one per layer, when the products are quantised.
    let quantized: [QuantizedLayerWeights]?
    /// The integer kernels the quantised products run on.
    let kernel: KernelPath
    var configuration: BertConfiguration { weights.configuration }

    init(weights: BertWeights, precision: EmbeddingPrecision = .quantized, kernel: KernelPath = .best) {
        self.weights = weights
        self.kernel = kernel
        quantized = precision == .fp32 ? nil
            : weights.layers.map { QuantizedLayerWeights($0, configuration: weights.configuration) }
    }

    var precision: EmbeddingPrecision { quantized == nil ? .fp32 : .quantized }

    /// One L2-normalised sentence vector per id sequence (each with `[CLS]`/`[SEP]`).
    /// `workspace` must hold at least as many rows as the sequences have ids together
    /// (see ``Workspace/fits(rows:longest:)``); one is made when it is nil or too small.
    func embed(_ sequences: [[Int32]], workspace reused: Workspace? = nil) -> [[Float]] {
        let c = configuration
        let lengths = sequences.map(\.count)
        let rows = lengths.reduce(0, +)
        guard rows > 0 else { return sequences.map { _ in [Float](repeating: 0, count: c.hidden) } }
        var starts = [0]
        for length in lengths.dropLast() { starts.append(starts.last! + length) }
        let longest = lengths.max()!
        let workspace = reused.flatMap { $0.fits(rows: rows, longest: longest) ? $0 : nil }
            ?? Workspace(rows: rows, longest: longest, configuration: c)
        embedTokens(sequences, into: workspace.x)
        for (index, layer) in weights.layers.enumerated() {
            encode(layer, quantized: quantized?[index], workspace: workspace, rows: rows, starts: starts, lengths: lengths)
        }
        return zip(starts, lengths).map { start, length in
            pool(workspace.x + start * c.hidden, rows: length)
        }
    }

    /// `x = LayerNorm(word[id] + position[t] + tokenType[0])`.
    private func embedTokens(_ sequences: [[Int32]], into x: UnsafeMutablePointer<Float>) {
        let h = configuration.hidden
        var row = x
        weights.wordEmbeddings.withUnsafeBufferPointer { word in
            weights.positionEmbeddings.withUnsafeBufferPointer { position in
                weights.tokenTypeEmbedding.withUnsafeBufferPointer { type in
                    for sequence in sequences {
                        for (t, id) in sequence.enumerated() {
                            let w = word.baseAddress! + Int(id) * h, p = position.baseAddress! + t * h
                            for i in 0..<h { row[i] = w[i] + p[i] + type[i] }
                            row += h
                        }
                    }
                }
            }
        }
        weights.embeddingNormGamma.withUnsafeBufferPointer { gamma in
            weights.embeddingNormBeta.withUnsafeBufferPointer { beta in
                Kernels.addBiasLayerNorm(
                    x, rows: (row - x) / h, width: h, bias: nil, gamma: gamma.baseAddress!, beta: beta.baseAddress!,
                    epsilon: configuration.layerNormEpsilon)
            }
        }
    }

    /// Mean over the rows, then divided by its L2 norm (at least 1e-12).
    private func pool(_ x: UnsafeMutablePointer<Float>, rows: Int) -> [Float] {
        let h = configuration.hidden
        var sum = [Double](repeating: 0, count: h)
        for r in 0..<rows {
            let row = x + r * h
            for i in 0..<h { sum[i] += Double(row[i]) }
        }
        let mean = sum.map { $0 / Double(max(rows, 1)) }
        let norm = Swift.max(mean.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        return mean.map { Float($0 / norm) }
    }
}

/// Scratch buffers of forward passes, reused across the batches of one thread.
final class Workspace {
    let rows: Int, longest: Int

    /// Hidden states `[rows, hidden]`.
    let x: UnsafeMutablePointer<Float>
    /// Query, key and value side by side `[rows, 3·hidden]`.
    let qkv: UnsafeMutablePointer<Float>
    /// Attention context `[rows, hidden]`.
    let context: UnsafeMutablePointer<Float>
    /// Feed-forward activations `[rows, intermediate]`.
    let intermediate: UnsafeMutablePointer<Float>
    /// Attention probabilities of one head `[longest, longest]`.
    let scores: UnsafeMutablePointer<Float>
    /// The input of a quantised product as integers `[rows, intermediate]`, and its row scales.
    let quantizedInput: UnsafeMutablePointer<Int16>, rowScales: UnsafeMutablePointer<Float>

    init(rows: Int, longest: Int, configuration c: BertConfiguration) {
        (self.rows, self.longest) = (rows, longest)
        x = .allocate(capacity: rows * c.hidden)
        qkv = .allocate(capacity: rows * 3 * c.hidden)
        context = .allocate(capacity: rows * c.hidden)
        intermediate = .allocate(capacity: rows * c.intermediate)
        scores = .allocate(capacity: longest * longest)
        quantizedInput = .allocate(capacity: rows * c.intermediate)
        rowScales = .allocate(capacity: rows)
    }

    func fits(rows: Int, longest: Int) -> Bool { rows <= self.rows && longest <= self.longest }

    deinit {
        for buffer in [x, qkv, context, intermediate, scores, rowScales] { buffer.deallocate() }
        quantizedInput.deallocate()
    }
}
