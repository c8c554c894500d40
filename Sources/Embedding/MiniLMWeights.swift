/// The parameters of one encoder layer, Linear weights in PyTorch `[out, in]` layout.
struct EncoderLayerWeights: Sendable {
    /// Query, key and value weights stacked along `out`: `[3·hidden, hidden]`, and their biases.
    let qkvWeight: [Float], qkvBias: [Float]
    let attentionOutputWeight: [Float], attentionOutputBias: [Float]
    let attentionNormGamma: [Float], attentionNormBeta: [Float]
    let intermediateWeight: [Float], intermediateBias: [Float]
    let outputWeight: [Float], outputBias: [Float]
    let outputNormGamma: [Float], outputNormBeta: [Float]
}

/// The shape of a BERT encoder.
struct BertConfiguration: Sendable {
    var hidden = 384
    var layers = 6
    var heads = 12
    var intermediate = 1536
    var vocabulary = 30522
    var positions = 512
    var layerNormEpsilon: Float = 1e-12

    var headDimension: Int { hidden / heads }

    /// Floating-point operations of one forward pass over a sequence of `tokens` tokens.
    func flops(tokens n: Int) -> Double {
        let h = Double(hidden), f = Double(intermediate), t = Double(n)
        return Double(layers) * (2 * t * (4 * h * h + 2 * h * f) + 4 * t * t * h)
    }
}

/// All parameters of all-MiniLM-L6-v2 that sentence-transformers uses (no pooler).
struct BertWeights: Sendable {
    let configuration: BertConfiguration
    let wordEmbeddings: [Float], positionEmbeddings: [Float], tokenTypeEmbedding: [Float]
    let embeddingNormGamma: [Float], embeddingNormBeta: [Float]
    let layers: [EncoderLayerWeights]

    init(_ file: SafeTensors, configuration c: BertConfiguration = BertConfiguration()) throws {
        configuration = c
        let h = c.hidden
        wordEmbeddings = try file.floats("embeddings.word_embeddings.weight", shape: [c.vocabulary, h])
        positionEmbeddings = try file.floats("embeddings.position_embeddings.weight", shape: [c.positions, h])
        tokenTypeEmbedding = Array(try file.floats("embeddings.token_type_embeddings.weight", shape: [2, h]).prefix(h))
        embeddingNormGamma = try file.floats("embeddings.LayerNorm.weight", shape: [h])
        embeddingNormBeta = try file.floats("embeddings.LayerNorm.bias", shape: [h])
        layers = try (0..<c.layers).map { index in
            let p = "encoder.layer.\(index)."
            func f(_ name: String, _ shape: [Int]) throws -> [Float] { try file.floats(p + name, shape: shape) }
            let qkv = ["query", "key", "value"]
            return EncoderLayerWeights(
                qkvWeight: try qkv.flatMap { try f("attention.self.\($0).weight", [h, h]) },
                qkvBias: try qkv.flatMap { try f("attention.self.\($0).bias", [h]) },
                attentionOutputWeight: try f("attention.output.dense.weight", [h, h]),
                attentionOutputBias: try f("attention.output.dense.bias", [h]),
                attentionNormGamma: try f("attention.output.LayerNorm.weight", [h]),
                attentionNormBeta: try f("attention.output.LayerNorm.bias", [h]),
                intermediateWeight: try f("intermediate.dense.weight", [c.intermediate, h]),
                intermediateBias: try f("intermediate.dense.bias", [c.intermediate]),
                outputWeight: try f("output.dense.weight", [h, c.intermediate]),
                outputBias: try f("output.dense.bias", [h]),
                outputNormGamma: try f("output.LayerNorm.weight", [h]),
                outputNormBeta: try f("output.LayerNorm.bias", [h])
            )
        }
    }
}
