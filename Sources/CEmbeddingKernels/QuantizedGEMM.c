// Integer GEMM for the embedder (see include/CEmbeddingKernels.h). Each SIMD function carries
// its own target attribute and is only called after a run-time CPU check, so the target is
// built for plain x86-64 (or any other architecture, where only the scalar path exists).
#include "CEmbeddingKernels.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PF_X86 1
#endif

// Rows of the output computed together, and columns (two 8-lane vectors).
enum { MR = 6, NR = 16 };

pf_kernel_path pf_best_kernel_path(void) {
#if PF_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("avx512vnni")) return PF_KERNEL_AVX512_VNNI;
    if (__builtin_cpu_supports("avx2")) return PF_KERNEL_AVX2;
#endif
    return PF_KERNEL_SCALAR;
}

static int16_t quantize(float v, float inverse) {
    float r = v * inverse;
    r = r > PF_QUANT_MAX ? PF_QUANT_MAX : (r < -PF_QUANT_MAX ? -PF_QUANT_MAX : r);
    return (int16_t)(r + (r >= 0 ? 0.5f : -0.5f));
}

// Layout: for each block of 16 output channels, for each pair of inputs (k, k+1), the 16
// channels' two weights side by side: one 32-value run that two vpmaddwd consume.
void pf_pack_weights(const float *w, int n, int k, int16_t *packed, float *scales) {
    for (int j = 0; j < n; j++) {
        float largest = 0;
        for (int i = 0; i < k; i++) largest = fmaxf(largest, fabsf(w[(long)j * k + i]));
        scales[j] = largest > 0 ? largest / PF_QUANT_MAX : 1;
    }
    for (int block = 0; block < n / NR; block++) {
        for (int pair = 0; pair < k / 2; pair++) {
            int16_t *out = packed + ((long)block * (k / 2) + pair) * 2 * NR;
            for (int lane = 0; lane < NR; lane++) {
                int j = block * NR + lane;
                float inverse = 1 / scales[j];
                out[2 * lane] = quantize(w[(long)j * k + 2 * pair], inverse);
                out[2 * lane + 1] = quantize(w[(long)j * k + 2 * pair + 1], inverse);
            }
        }
    }
}

#if PF_X86
// The same rounding as `quantize`: clamp, add ±0.5, truncate.
__attribute__((target("avx2,fma")))
static void quantize_rows_avx2(const float *x, int m, int k, int ldx, int16_t *q, float *scales) {
    const __m256 sign = _mm256_set1_ps(-0.0f), limit = _mm256_set1_ps(PF_QUANT_MAX), half = _mm256_set1_ps(0.5f);
    for (int r = 0; r < m; r++) {
        const float *row = x + (long)r * ldx;
        __m256 largest = _mm256_setzero_ps();
        int i = 0;
        for (; i + 8 <= k; i += 8) largest = _mm256_max_ps(largest, _mm256_andnot_ps(sign, _mm256_loadu_ps(row + i)));
        float lanes[8], top = 0;
        _mm256_storeu_ps(lanes, largest);
        for (int l = 0; l < 8; l++) top = fmaxf(top, lanes[l]);
        for (; i < k; i++) top = fmaxf(top, fabsf(row[i]));
        float scale = top > 0 ? top / PF_QUANT_MAX : 1;
        float inverse = 1 / scale;
        scales[r] = scale;
        int16_t *out = q + (long)r * k;
        __m256 vi = _mm256_set1_ps(inverse);
        for (i = 0; i + 16 <= k; i += 16) {
            __m256i n[2];
            for (int h = 0; h < 2; h++) {
                __m256 v = _mm256_mul_ps(_mm256_loadu_ps(row + i + 8 * h), vi);
                v = _mm256_min_ps(_mm256_max_ps(v, _mm256_xor_ps(limit, sign)), limit);
                v = _mm256_add_ps(v, _mm256_or_ps(half, _mm256_and_ps(v, sign)));
                n[h] = _mm256_cvttps_epi32(v);
            }
            __m256i packed = _mm256_permute4x64_epi64(_mm256_packs_epi32(n[0], n[1]), 0xD8);
            _mm256_storeu_si256((__m256i *)(out + i), packed);
        }
        for (; i < k; i++) out[i] = quantize(row[i], inverse);
    }
}
#endif

void pf_quantize_rows(pf_kernel_path path, const float *x, int m, int k, int ldx, int16_t *q, float *scales) {
#if PF_X86
    if (path >= PF_KERNEL_AVX2) { quantize_rows_avx2(x, m, k, ldx, q, scales); return; }
#endif
    for (int r = 0; r < m; r++) {
        const float *row = x + (long)r * ldx;
        float largest = 0;
        for (int i = 0; i < k; i++) largest = fmaxf(largest, fabsf(row[i]));
        float scale = largest > 0 ? largest / PF_QUANT_MAX : 1;
        float inverse = 1 / scale;
        scales[r] = scale;
        int16_t *out = q + (long)r * k;
        for (int i = 0; i < k; i++) out[i] = quantize(row[i], inverse);
    }
}

static void store_tile(const int32_t acc[MR][NR], int rows, const float *ascale, const float *bscale,
                       float *c, int ldc, int accumulate) {
    for (int i = 0; i < rows; i++) {
        float *out = c + (long)i * ldc;
        for (int j = 0; j < NR; j++) {
            float v = (float)acc[i][j] * (ascale[i] * bscale[j]);
            out[j] = accumulate ? out[j] + v : v;
        }
    }
}

static void tile_scalar(int rows, int k, const int16_t *a, const int16_t *b, const float *ascale,
                        const float *bscale, float *c, int ldc, int accumulate) {
    int32_t acc[MR][NR];
    memset(acc, 0, sizeof acc);
    for (int pair = 0; pair < k / 2; pair++) {
        const int16_t *w = b + (long)pair * 2 * NR;
        for (int i = 0; i < rows; i++) {
            int32_t a0 = a[(long)i * k + 2 * pair], a1 = a[(long)i * k + 2 * pair + 1];
            for (int j = 0; j < NR; j++) acc[i][j] += a0 * w[2 * j] + a1 * w[2 * j + 1];
        }
    }
    store_tile(acc, rows, ascale, bscale, c, ldc, accumulate);
}

#if PF_X86
__attribute__((target("avx2,fma")))
static inline __m256i broadcast_pair(const int16_t *p) {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return _mm256_set1_epi32(v);
}

__attribute__((target("avx2,fma")))
static inline void store_row_avx2(__m256i lo, __m256i hi, float s, const float *bscale, float *out, int accumulate) {
    __m256 scale = _mm256_set1_ps(s);
    __m256 v0 = _mm256_mul_ps(_mm256_cvtepi32_ps(lo), _mm256_mul_ps(scale, _mm256_loadu_ps(bscale)));
    __m256 v1 = _mm256_mul_ps(_mm256_cvtepi32_ps(hi), _mm256_mul_ps(scale, _mm256_loadu_ps(bscale + 8)));
    if (accumulate) {
        v0 = _mm256_add_ps(v0, _mm256_loadu_ps(out));
        v1 = _mm256_add_ps(v1, _mm256_loadu_ps(out + 8));
    }
    _mm256_storeu_ps(out, v0);
    _mm256_storeu_ps(out + 8, v1);
}

// A 6 x 16 tile in 12 accumulators; rows past `rows` repeat the last row and are not stored.
__attribute__((target("avx2,fma")))
static void tile_avx2(int rows, int k, const int16_t *a, const int16_t *b, const float *ascale,
                      const float *bscale, float *c, int ldc, int accumulate) {
    const int16_t *r0 = a, *r1 = a + (long)(rows > 1 ? 1 : 0) * k, *r2 = a + (long)(rows > 2 ? 2 : 0) * k,
                  *r3 = a + (long)(rows > 3 ? 3 : 0) * k, *r4 = a + (long)(rows > 4 ? 4 : 0) * k,
                  *r5 = a + (long)(rows > 5 ? 5 : 0) * k;
    __m256i c00 = _mm256_setzero_si256(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
            c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int i = 0; i < k; i += 2) {
        __m256i b0 = _mm256_loadu_si256((const __m256i *)b), b1 = _mm256_loadu_si256((const __m256i *)(b + 16));
        b += 2 * NR;
        __m256i x = broadcast_pair(r0 + i);
        c00 = _mm256_add_epi32(c00, _mm256_madd_epi16(x, b0));
        c01 = _mm256_add_epi32(c01, _mm256_madd_epi16(x, b1));
        x = broadcast_pair(r1 + i);
        c10 = _mm256_add_epi32(c10, _mm256_madd_epi16(x, b0));
        c11 = _mm256_add_epi32(c11, _mm256_madd_epi16(x, b1));
        x = broadcast_pair(r2 + i);
        c20 = _mm256_add_epi32(c20, _mm256_madd_epi16(x, b0));
        c21 = _mm256_add_epi32(c21, _mm256_madd_epi16(x, b1));
        x = broadcast_pair(r3 + i);
        c30 = _mm256_add_epi32(c30, _mm256_madd_epi16(x, b0));
        c31 = _mm256_add_epi32(c31, _mm256_madd_epi16(x, b1));
        x = broadcast_pair(r4 + i);
        c40 = _mm256_add_epi32(c40, _mm256_madd_epi16(x, b0));
        c41 = _mm256_add_epi32(c41, _mm256_madd_epi16(x, b1));
        x = broadcast_pair(r5 + i);
        c50 = _mm256_add_epi32(c50, _mm256_madd_epi16(x, b0));
        c51 = _mm256_add_epi32(c51, _mm256_madd_epi16(x, b1));
    }
    __m256i lo[MR] = {c00, c10, c20, c30, c40, c50}, hi[MR] = {c01, c11, c21, c31, c41, c51};
    for (int r = 0; r < rows; r++) store_row_avx2(lo[r], hi[r], ascale[r], bscale, c + (long)r * ldc, accumulate);
}
#endif

#if PF_X86
enum { MR512 = 12 };

// A 12 x 16 tile, one 16-lane accumulator per row: a block's pair of weights for its 16
// channels is one 512-bit load, and `vpdpwssd` multiplies and adds it in one instruction.
// Rows past `rows` repeat the last row and are not stored. The sums are the same integers as
// the other paths', and they are scaled in the same order, so the results are the same floats.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))
static void tile_avx512(int rows, int k, const int16_t *a, const int16_t *b, const float *ascale,
                        const float *bscale, float *c, int ldc, int accumulate) {
    const int16_t *row[MR512];
    __m512i acc[MR512];
    for (int r = 0; r < MR512; r++) {
        row[r] = a + (long)(r < rows ? r : rows - 1) * k;
        acc[r] = _mm512_setzero_si512();
    }
    for (int i = 0; i < k; i += 2) {
        __m512i w = _mm512_loadu_si512((const void *)b);
        b += 2 * NR;
        for (int r = 0; r < MR512; r++) {
            int32_t pair;
            memcpy(&pair, row[r] + i, sizeof pair);
            acc[r] = _mm512_dpwssd_epi32(acc[r], _mm512_set1_epi32(pair), w);
        }
    }
    __m512 bs = _mm512_loadu_ps(bscale);
    for (int r = 0; r < rows; r++) {
        float *out = c + (long)r * ldc;
        __m512 v = _mm512_mul_ps(_mm512_cvtepi32_ps(acc[r]), _mm512_mul_ps(_mm512_set1_ps(ascale[r]), bs));
        if (accumulate) v = _mm512_add_ps(v, _mm512_loadu_ps(out));
        _mm512_storeu_ps(out, v);
    }
}
#endif

// Rows are taken in panels that stay in L2 while every 16-column weight block passes over them.
enum { ROW_PANEL = 48 };

void pf_qgemm(pf_kernel_path path, int m, int n, int k,
              const int16_t *qa, const float *ascale,
              const int16_t *packed, const float *bscale,
              float *c, int ldc, int accumulate) {
    for (int panel = 0; panel < m; panel += ROW_PANEL) {
        int panelEnd = panel + ROW_PANEL < m ? panel + ROW_PANEL : m;
        for (int block = 0; block < n / NR; block++) {
            const int16_t *b = packed + (long)block * k * NR;
#if PF_X86
            if (path == PF_KERNEL_AVX512_VNNI) {
                for (int r = panel; r < panelEnd; r += MR512) {
                    int rows = panelEnd - r < MR512 ? panelEnd - r : MR512;
                    tile_avx512(rows, k, qa + (long)r * k, b, ascale + r, bscale + block * NR,
                                c + (long)r * ldc + block * NR, ldc, accumulate);
                }
                continue;
            }
#endif
            for (int r = panel; r < panelEnd; r += MR) {
                int rows = panelEnd - r < MR ? panelEnd - r : MR;
                const int16_t *a = qa + (long)r * k;
                float *out = c + (long)r * ldc + block * NR;
#if PF_X86
                if (path >= PF_KERNEL_AVX2) {
                    tile_avx2(rows, k, a, b, ascale + r, bscale + block * NR, out, ldc, accumulate);
                    continue;
                }
#endif
                tile_scalar(rows, k, a, b, ascale + r, bscale + block * NR, out, ldc, accumulate);
            }
        }
    }
}
