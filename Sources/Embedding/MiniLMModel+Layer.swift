extension MiniLMModel {
    /// One encoder layer, in place on `workspace.x`:
    /// `x = LN(Attention(x)·Woᵀ + bo + x)`, `x = LN(GELU(x·Wiᵀ + bi)·W2ᵀ + b2 + x)`.
    func encode(_ layer: EncoderLayerWeights, workspace w: Workspace, rows: Int, starts: [Int], lengths: [Int]) {
        let c = configuration
        let h = c.hidden, f = c.intermediate, eps = c.layerNormEpsilon
        layer.qkvWeight.withUnsafeBufferPointer { weight in
            BLAS.gemm(m: rows, n: 3 * h, k: h, a: w.x, lda: h, b: weight.baseAddress!, ldb: h,
                      transposeB: true, beta: 0, c: w.qkv, ldc: 3 * h)
        }
        layer.qkvBias.withUnsafeBufferPointer { Kernels.addBias(w.qkv, rows: rows, width: 3 * h, bias: $0.baseAddress!) }
        for (start, length) in zip(starts, lengths) {
            attention(qkv: w.qkv + start * 3 * h, context: w.context + start * h, length: length, scores: w.scores)
        }
        // The residual is added by accumulating into x (beta 1); the bias joins in the LayerNorm pass.
        layer.attentionOutputWeight.withUnsafeBufferPointer { weight in
            BLAS.gemm(m: rows, n: h, k: h, a: w.context, lda: h, b: weight.baseAddress!, ldb: h,
                      transposeB: true, beta: 1, c: w.x, ldc: h)
        }
        layer.attentionOutputBias.withUnsafeBufferPointer { bias in
            layer.attentionNormGamma.withUnsafeBufferPointer { gamma in
                layer.attentionNormBeta.withUnsafeBufferPointer { beta in
                    Kernels.addBiasLayerNorm(w.x, rows: rows, width: h, bias: bias.baseAddress!,
                                             gamma: gamma.baseAddress!, beta: beta.baseAddress!, epsilon: eps)
                }
            }
        }
        layer.intermediateWeight.withUnsafeBufferPointer { weight in
            BLAS.gemm(m: rows, n: f, k: h, a: w.x, lda: h, b: weight.baseAddress!, ldb: h,
                      transposeB: true, beta: 0, c: w.intermediate, ldc: f)
        }
        layer.intermediateBias.withUnsafeBufferPointer {
            Kernels.addBiasGELU(w.intermediate, rows: rows, width: f, bias: $0.baseAddress!)
        }
        layer.outputWeight.withUnsafeBufferPointer { weight in
            BLAS.gemm(m: rows, n: h, k: f, a: w.intermediate, lda: f, b: weight.baseAddress!, ldb: f,
                      transposeB: true, beta: 1, c: w.x, ldc: h)
        }
        layer.outputBias.withUnsafeBufferPointer { bias in
            layer.outputNormGamma.withUnsafeBufferPointer { gamma in
                layer.outputNormBeta.withUnsafeBufferPointer { beta in
                    Kernels.addBiasLayerNorm(w.x, rows: rows, width: h, bias: bias.baseAddress!,
                                             gamma: gamma.baseAddress!, beta: beta.baseAddress!, epsilon: eps)
                }
            }
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
            Kernels.softmaxRows(scores, rows: t, width: t, stride: t)
            BLAS.gemm(m: t, n: d, k: t, a: scores, lda: t, b: v, ldb: 3 * h,
                      transposeB: false, beta: 0, c: context + head * d, ldc: h)
        }
    }
}
