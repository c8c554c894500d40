import CEmbeddingKernels

/// A Linear weight `[outputs, inputs]` packed for the integer kernels: one scale per output
/// channel, values in ±1023, laid out in 16-channel blocks of input pairs.
struct QuantizedLinear: Sendable {
    let outputs: Int, inputs: Int
    let packed: [Int16]
    let scales: [Float]

    init(_ weight: [Float], outputs: Int, inputs: Int) {
        precondition(outputs % 16 == 0 && inputs % 2 == 0 && weight.count == outputs * inputs)
        (self.outputs, self.inputs) = (outputs, inputs)
        var packed = [Int16](repeating: 0, count: outputs * inputs)
        var scales = [Float](repeating: 0, count: outputs)
        pf_pack_weights(weight, Int32(outputs), Int32(inputs), &packed, &scales)
        (self.packed, self.scales) = (packed, scales)
    }

    /// `c = x·Wᵀ` (or `c += x·Wᵀ` when `accumulate`) for `rows` rows of `x` `[rows, inputs]`;
    /// `scratch` holds the quantised rows (`rows·inputs` values) and `rowScales` their scales.
    func apply(
        _ x: UnsafePointer<Float>, rows: Int, into c: UnsafeMutablePointer<Float>, accumulate: Bool,
        scratch: UnsafeMutablePointer<Int16>, rowScales: UnsafeMutablePointer<Float>, path: KernelPath
    ) {
        guard rows > 0 else { return }
        pf_quantize_rows(path.c, x, Int32(rows), Int32(inputs), Int32(inputs), scratch, rowScales)
        packed.withUnsafeBufferPointer { weight in
            scales.withUnsafeBufferPointer { scale in
                pf_qgemm(path.c, Int32(rows), Int32(outputs), Int32(inputs), scratch, rowScales,
                         weight.baseAddress!, scale.baseAddress!, c, Int32(outputs), accumulate ? 1 : 0)
            }
        }
    }
}

/// The four Linear weights of one encoder layer, quantised.
struct QuantizedLayerWeights: Sendable {
    let qkv: QuantizedLinear, attentionOutput: QuantizedLinear
    let intermediate: QuantizedLinear, output: QuantizedLinear

    init(_ layer: EncoderLayerWeights, configuration c: BertConfiguration) {
        let h = c.hidden, f = c.intermediate
        qkv = QuantizedLinear(layer.qkvWeight, outputs: 3 * h, inputs: h)
        attentionOutput = QuantizedLinear(layer.attentionOutputWeight, outputs: h, inputs: h)
        intermediate = QuantizedLinear(layer.intermediateWeight, outputs: f, inputs: h)
        output = QuantizedLinear(layer.outputWeight, outputs: h, inputs: f)
    }
}
