import CEmbeddingKernels

extension MiniLMModel {
    /// One encoder layer, in place on `workspace.x`:
    /// `x = LN(Attention(x)·Woᵀ + bo + x)`, `x = LN(GELU(x·Wiᵀ + bi)·W2ᵀ + b2 + x)`.
    func encode(_ layer: EncoderLayerWeights, quantized q: QuantizedLayerWeights?, workspace w: Workspace,
                rows: Int, starts: [Int], lengths: [Int]) {
        let c = configuration
        let h = c.hidden, f = c.intermediate, eps = c.layerNormEpsilon
        linear(w.x, rows: rows, layer.qkvWeight, q?.qkv, outputs: 3 * h, inputs: h, into: w.qkv, accumulate: false, w)
        layer.qkvBias.withUnsafeBufferPointer { Kernels.addBias(w.qkv, rows: rows, width: 3 * h, bias: $0.baseAddress!) }
        for (start, length) in zip(starts, lengths) {
            attention(qkv: w.qkv + start * 3 * h, context: w.context + start * h, length: length, scores: w.scores)
        }
        // The residual is added by accumulating into x (beta 1); the bias joins in the LayerNorm pass.
        linear(w.context, rows: rows, layer.attentionOutputWeight, q?.attentionOutput, outputs: h, inputs: h,
               into: w.x, accumulate: true, w)
        layer.attentionOutputBias.withUnsafeBufferPointer { bias in
            layer.attentionNormGamma.withUnsafeBufferPointer { gamma in
                layer.attentionNormBeta.withUnsafeBufferPointer { beta in
                    Kernels.addBiasLayerNorm(w.x, rows: rows, width: h, bias: bias.baseAddress!,
                                             gamma: gamma.baseAddress!, beta: beta.baseAddress!, epsilon: eps)
                }
            }
        }
        linear(w.x, rows: rows, layer.intermediateWeight, q?.intermediate, outputs: f, inputs: h,
               into: w.intermediate, accumulate: false, w)
        layer.intermediateBias.withUnsafeBufferPointer {
            pf_bias_gelu(kernel.c, w.intermediate, Int32(rows), Int32(f), $0.baseAddress!)
        }
        linear(w.intermediate, rows: rows, layer.outputWeight, q?.output, outputs: h, inputs: f,
               into: w.x, accumulate: true, w)
        layer.outputBias.withUnsafeBufferPointer { bias in
            layer.outputNormGamma.withUnsafeBufferPointer { gamma in
                layer.outputNormBeta.withUnsafeBufferPointer { beta in
                    Kernels.addBiasLayerNorm(w.x, rows: rows, width: h, bias: bias.baseAddress!,
                                             gamma: gamma.baseAddress!, beta: beta.baseAddress!, epsilon: eps)
                }
            }
        }
    }

    /// `c = x·Wᵀ` (`c += x·Wᵀ` when `accumulate`): integer kernels when the layer has a
    /// quantised weight, else OpenBLAS on the Float32 one.
    private func linear(
        _ x: UnsafeMutablePointer<Float>, rows: Int, _ weight: [Float], _ quantized: QuantizedLinear?,
        outputs n: Int, inputs k: Int, into c: UnsafeMutablePointer<Float>, accumulate: Bool, _ w: Workspace
    ) {
        if let quantized {
            quantized.apply(x, rows: rows, into: c, accumulate: accumulate, scratch: w.quantizedInput,
                            rowScales: w.rowScales, path: kernel)
            return
        }
        weight.withUnsafeBufferPointer { weight in
            BLAS.gemm(m: rows, n: n, k: k, a: x, lda: k, b: weight.baseAddress!, ldb: k,
                      transposeB: true, beta: accumulate ? 1 : 0, c: c, ldc: n)
        }
    }

    /// Multi-head self-attention of one sequence: for each head,
    /// `context_h = softmax(q_h·k_hᵀ/√d)·v_h`, read from and written to strided column blocks.
    private func attention(qkv: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>,
                           length t: Int, scores: UnsafeMutablePointer<Float>) {
        let c = configuration
        let h = c.hidden, d = c.headDimension
        let scale = 1 / Float(d).squareRoot()
        for head in 0..<c.heads {
            let q = qkv + head * d, k = qkv + h + head * d, v = qkv + 2 * h + head * d
            BLAS.gemm(m: t, n: t, k: d, alpha: scale, a: q, lda: 3 * h, b: k, ldb: 3 * h,
                      transposeB: true, beta: 0, c: scores, ldc: t)
            pf_softmax_rows(kernel.c, scores, Int32(t), Int32(t), Int32(t))
            BLAS.gemm(m: t, n: d, k: t, a: scores, lda: t, b: v, ldb: 3 * h,
                      transposeB: false, beta: 0, c: context + head * d, ldc: h)
        }
    }
}
