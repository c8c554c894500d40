// Int8 dot products for the vector index (see include/CEmbeddingKernels.h). Like the GEMM,
// the AVX2 function carries its own target attribute and runs only after a run-time check.
#include "CEmbeddingKernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PF_X86 1
#endif

static const int8_t *row_at(const int8_t *codes, const int32_t *rows, int i, int dims) {
    return codes + (long)(rows ? rows[i] : i) * dims;
}

static void dots_scalar(const int8_t *query, const int8_t *codes, const int32_t *rows, int count, int dims,
                        int32_t *dots) {
    for (int i = 0; i < count; i++) {
        const int8_t *row = row_at(codes, rows, i, dims);
        int32_t sum = 0;
        for (int d = 0; d < dims; d++) sum += (int32_t)query[d] * row[d];
        dots[i] = sum;
    }
}

#if PF_X86
// Rows a few ahead are fetched into the cache while the current one is scored, since a list's
// rows lie anywhere in the index.
enum { AHEAD = 4, MAX_DIMS = 4096 };

static inline void prefetch_ahead(const int8_t *codes, const int32_t *rows, int i, int count, int dims) {
    if (i + AHEAD >= count) return;
    const char *next = (const char *)row_at(codes, rows, i + AHEAD, dims);
    for (int offset = 0; offset < dims; offset += 64) _mm_prefetch(next + offset, _MM_HINT_T0);
}

// The query widened to 16 bits once; each row widened 16 values at a time and multiplied
// pairwise into 32-bit sums (vpmaddwd: exact, as |q| <= 127).
__attribute__((target("avx2")))
static void dots_avx2(const int8_t *query, const int8_t *codes, const int32_t *rows, int count, int dims,
                      int32_t *dots) {
    __m256i wide[MAX_DIMS / 16];
    int blocks = dims / 16;
    for (int b = 0; b < blocks; b++) wide[b] = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(query + 16 * b)));
    for (int i = 0; i < count; i++) {
        prefetch_ahead(codes, rows, i, count, dims);
        const int8_t *row = row_at(codes, rows, i, dims);
        __m256i sum = _mm256_setzero_si256();
        for (int b = 0; b < blocks; b++) {
            __m256i r = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + 16 * b)));
            sum = _mm256_add_epi32(sum, _mm256_madd_epi16(wide[b], r));
        }
        __m128i half = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(1, 0, 3, 2)));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(2, 3, 0, 1)));
        int32_t total = _mm_cvtsi128_si32(half);
        for (int d = blocks * 16; d < dims; d++) total += (int32_t)query[d] * row[d];
        dots[i] = total;
    }
}
#endif

#if PF_X86
// As `dots_avx2`, 32 values at a time, multiplied and added by one `vpdpwssd`.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))
static void dots_avx512(const int8_t *query, const int8_t *codes, const int32_t *rows, int count, int dims,
                        int32_t *dots) {
    __m512i wide[MAX_DIMS / 32];
    int blocks = dims / 32;
    for (int b = 0; b < blocks; b++) wide[b] = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(query + 32 * b)));
    for (int i = 0; i < count; i++) {
        prefetch_ahead(codes, rows, i, count, dims);
        const int8_t *row = row_at(codes, rows, i, dims);
        __m512i sum = _mm512_setzero_si512();
        for (int b = 0; b < blocks; b++) {
            __m512i r = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(row + 32 * b)));
            sum = _mm512_dpwssd_epi32(sum, wide[b], r);
        }
        int32_t total = _mm512_reduce_add_epi32(sum);
        for (int d = blocks * 32; d < dims; d++) total += (int32_t)query[d] * row[d];
        dots[i] = total;
    }
}
#endif

void pf_int8_dots(pf_kernel_path path, const int8_t *query, const int8_t *codes, const int32_t *rows, int count,
                  int dims, int32_t *dots) {
#if PF_X86
    if (path == PF_KERNEL_AVX512_VNNI && dims <= 4096) { dots_avx512(query, codes, rows, count, dims, dots); return; }
    if (path >= PF_KERNEL_AVX2 && dims <= 4096) { dots_avx2(query, codes, rows, count, dims, dots); return; }
#endif
    dots_scalar(query, codes, rows, count, dims, dots);
}
