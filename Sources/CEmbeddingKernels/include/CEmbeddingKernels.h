// Kernels of the embedder chosen at run time by CPU: integer matrix products for the Linear
// layers (and for matching vectors to centroids in PaperSearch's VectorPartitions), softmax
// and GELU rows.
//
// Operands are 16-bit integers holding at most 11 significant bits (|q| <= 1023): weights
// quantised per output channel once, activations per row before each product. Products are
// summed exactly in 32 bits (1536 * 1023 * 1023 < 2^31), so every path gives the same sums.
#ifndef CEMBEDDING_KERNELS_H
#define CEMBEDDING_KERNELS_H

#include <stdint.h>

/// The largest magnitude of a quantised value.
#define PF_QUANT_MAX 1023

/// Which implementation runs a product.
typedef enum {
    /// Plain C, any CPU.
    PF_KERNEL_SCALAR = 0,
    /// AVX2 `vpmaddwd` (x86-64 with AVX2, checked at run time).
    PF_KERNEL_AVX2 = 1,
    /// AVX-512 VNNI `vpdpwssd` for the products, AVX2 for the rest (checked at run time).
    PF_KERNEL_AVX512_VNNI = 2,
} pf_kernel_path;

/// The fastest path this CPU runs.
pf_kernel_path pf_best_kernel_path(void);

/// Packs a PyTorch Linear weight `w` `[n, k]` (row-major; n a multiple of 16, k even) into
/// `packed` (n * k values) with one scale per output channel in `scales` (n values).
void pf_pack_weights(const float *w, int n, int k, int16_t *packed, float *scales);

/// Quantises each of `m` rows of `k` values (`ldx` apart) to `q` `[m, k]` with one scale per row.
void pf_quantize_rows(pf_kernel_path path, const float *x, int m, int k, int ldx, int16_t *q, float *scales);

/// `C[i, j] (+)= ascale[i] * bscale[j] * sum_k qa[i, k] * W[j, k]` for `qa` `[m, k]` from
/// `pf_quantize_rows` and `W` from `pf_pack_weights`; `accumulate` adds to `C` instead of writing.
void pf_qgemm(pf_kernel_path path, int m, int n, int k,
              const int16_t *qa, const float *ascale,
              const int16_t *packed, const float *bscale,
              float *c, int ldc, int accumulate);

/// `dots[i] = sum_d query[d] * codes[row * dims + d]` over int8 values in [-127, 127], where
/// `row` is `rows[i]` (or `i` when `rows` is NULL), for `count` rows: the vector index's scores.
void pf_int8_dots(pf_kernel_path path, const int8_t *query, const int8_t *codes, const int32_t *rows, int count,
                  int dims, int32_t *dots);

/// `e^x` to about 1 ulp for x in [-87, 88] (Cephes `expf`: x = n·ln 2 + r, a degree-6
/// polynomial for e^r, 2^n through the exponent bits). Below -87 it returns ~1e-38, not 0.
float pf_exp(float x);

/// `erf(x)` to a few ulp: the rational approximation on [-4, 4] used by Eigen and XLA
/// (beyond ±4, erf is ±1 in single precision).
float pf_erf(float x);

/// Softmax over each of `rows` rows of `width` values, `stride` apart, in place.
void pf_softmax_rows(pf_kernel_path path, float *s, int rows, int width, int stride);

/// `x[r] = GELU(x[r] + bias)` (exact erf GELU) for each of `rows` rows of `width`.
void pf_bias_gelu(pf_kernel_path path, float *x, int rows, int width, const float *bias);

#endif
