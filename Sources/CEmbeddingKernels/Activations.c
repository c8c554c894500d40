// Softmax and GELU rows for the embedder, AVX2 when the caller's run-time check allows it.
// Both paths evaluate the same polynomials (Cephes expf; Eigen's rational erf), so they agree
// to rounding; the scalar path is the definition.
#include "CEmbeddingKernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PF_X86 1
#endif

float pf_exp(float x) {
    x = x < -87.3f ? -87.3f : (x > 88.3f ? 88.3f : x);
    const float magic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
    float shifted = x * 1.44269504f + magic;
    float n = shifted - magic;
    float r = x - n * 0.693359375f + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * (r * r) + r + 1;
    union { float f; int32_t i; } s = {shifted}, e;
    e.i = (s.i - 0x4B400000 + 127) << 23;
    return y * e.f;
}

float pf_erf(float x) {
    x = x < -4 ? -4 : (x > 4 ? 4 : x);
    float x2 = x * x;
    float p = -2.72614225801306e-10f;
    p = p * x2 + 2.77068142495902e-08f;
    p = p * x2 - 2.10102402082508e-06f;
    p = p * x2 - 5.69250639462346e-05f;
    p = p * x2 - 7.34990630326855e-04f;
    p = p * x2 - 2.95459980854025e-03f;
    p = p * x2 - 1.60960333262415e-02f;
    float q = -1.45660718464996e-05f;
    q = q * x2 - 2.13374055278905e-04f;
    q = q * x2 - 1.68282697438203e-03f;
    q = q * x2 - 7.37332916720468e-03f;
    q = q * x2 - 1.42647390514189e-02f;
    return x * p / q;
}

#if PF_X86
#define AVX2 __attribute__((target("avx2,fma")))

AVX2 static inline __m256 exp_avx2(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.3f));
    const __m256 magic = _mm256_set1_ps(12582912.0f);
    __m256 shifted = _mm256_add_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)), magic);
    __m256 n = _mm256_sub_ps(shifted, magic);
    __m256 r = _mm256_add_ps(_mm256_sub_ps(x, _mm256_mul_ps(n, _mm256_set1_ps(0.693359375f))),
                             _mm256_mul_ps(n, _mm256_set1_ps(2.12194440e-4f)));
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(5.0000001201e-1f));
    __m256 y = _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(p, _mm256_mul_ps(r, r)), r), _mm256_set1_ps(1));
    __m256i e = _mm256_slli_epi32(
        _mm256_add_epi32(_mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_set1_epi32(0x4B400000)),
                         _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
}

AVX2 static inline __m256 erf_avx2(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-4)), _mm256_set1_ps(4));
    __m256 x2 = _mm256_mul_ps(x, x);
    __m256 p = _mm256_set1_ps(-2.72614225801306e-10f);
    p = _mm256_add_ps(_mm256_mul_ps(p, x2), _mm256_set1_ps(2.77068142495902e-08f));
    p = _mm256_sub_ps(_mm256_mul_ps(p, x2), _mm256_set1_ps(2.10102402082508e-06f));
    p = _mm256_sub_ps(_mm256_mul_ps(p, x2), _mm256_set1_ps(5.69250639462346e-05f));
    p = _mm256_sub_ps(_mm256_mul_ps(p, x2), _mm256_set1_ps(7.34990630326855e-04f));
    p = _mm256_sub_ps(_mm256_mul_ps(p, x2), _mm256_set1_ps(2.95459980854025e-03f));
    p = _mm256_sub_ps(_mm256_mul_ps(p, x2), _mm256_set1_ps(1.60960333262415e-02f));
    __m256 q = _mm256_set1_ps(-1.45660718464996e-05f);
    q = _mm256_sub_ps(_mm256_mul_ps(q, x2), _mm256_set1_ps(2.13374055278905e-04f));
    q = _mm256_sub_ps(_mm256_mul_ps(q, x2), _mm256_set1_ps(1.68282697438203e-03f));
    q = _mm256_sub_ps(_mm256_mul_ps(q, x2), _mm256_set1_ps(7.37332916720468e-03f));
    q = _mm256_sub_ps(_mm256_mul_ps(q, x2), _mm256_set1_ps(1.42647390514189e-02f));
    return _mm256_div_ps(_mm256_mul_ps(x, p), q);
}

AVX2 static void softmax_avx2(float *s, int rows, int width, int stride) {
    for (int r = 0; r < rows; r++) {
        float *row = s + (long)r * stride;
        int i = 0;
        __m256 maxima = _mm256_set1_ps(-3.4e38f);
        for (; i + 8 <= width; i += 8) maxima = _mm256_max_ps(maxima, _mm256_loadu_ps(row + i));
        float lanes[8], m = -3.4e38f;
        _mm256_storeu_ps(lanes, maxima);
        for (int l = 0; l < 8; l++) m = lanes[l] > m ? lanes[l] : m;
        for (; i < width; i++) m = row[i] > m ? row[i] : m;
        __m256 vm = _mm256_set1_ps(m), sums = _mm256_setzero_ps();
        for (i = 0; i + 8 <= width; i += 8) {
            __m256 e = exp_avx2(_mm256_sub_ps(_mm256_loadu_ps(row + i), vm));
            _mm256_storeu_ps(row + i, e);
            sums = _mm256_add_ps(sums, e);
        }
        _mm256_storeu_ps(lanes, sums);
        float total = 0;
        for (int l = 0; l < 8; l++) total += lanes[l];
        for (; i < width; i++) { row[i] = pf_exp(row[i] - m); total += row[i]; }
        __m256 inverse = _mm256_set1_ps(1 / total);
        for (i = 0; i + 8 <= width; i += 8) _mm256_storeu_ps(row + i, _mm256_mul_ps(_mm256_loadu_ps(row + i), inverse));
        for (; i < width; i++) row[i] *= 1 / total;
    }
}

AVX2 static void bias_gelu_avx2(float *x, int rows, int width, const float *bias) {
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1), root = _mm256_set1_ps(0.70710678118654752f);
    for (int r = 0; r < rows; r++) {
        float *row = x + (long)r * width;
        int i = 0;
        for (; i + 8 <= width; i += 8) {
            __m256 v = _mm256_add_ps(_mm256_loadu_ps(row + i), _mm256_loadu_ps(bias + i));
            __m256 g = _mm256_mul_ps(_mm256_mul_ps(half, v), _mm256_add_ps(one, erf_avx2(_mm256_mul_ps(v, root))));
            _mm256_storeu_ps(row + i, g);
        }
        for (; i < width; i++) {
            float v = row[i] + bias[i];
            row[i] = 0.5f * v * (1 + pf_erf(v * 0.70710678118654752f));
        }
    }
}
#endif

void pf_softmax_rows(pf_kernel_path path, float *s, int rows, int width, int stride) {
#if PF_X86
    if (path >= PF_KERNEL_AVX2) { softmax_avx2(s, rows, width, stride); return; }
#endif
    for (int r = 0; r < rows; r++) {
        float *row = s + (long)r * stride;
        float m = -3.4e38f, total = 0;
        for (int i = 0; i < width; i++) m = row[i] > m ? row[i] : m;
        for (int i = 0; i < width; i++) { row[i] = pf_exp(row[i] - m); total += row[i]; }
        for (int i = 0; i < width; i++) row[i] *= 1 / total;
    }
}

void pf_bias_gelu(pf_kernel_path path, float *x, int rows, int width, const float *bias) {
#if PF_X86
    if (path >= PF_KERNEL_AVX2) { bias_gelu_avx2(x, rows, width, bias); return; }
#endif
    for (int r = 0; r < rows; r++) {
        float *row = x + (long)r * width;
        for (int i = 0; i < width; i++) {
            float v = row[i] + bias[i];
            row[i] = 0.5f * v * (1 + pf_erf(v * 0.70710678118654752f));
        }
    }
}
