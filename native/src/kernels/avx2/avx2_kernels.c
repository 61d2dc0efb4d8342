/* AVX2 overrides. Only this folder is compiled with -mavx2 -mfma; its init is
 * called only when the CPU reports AVX2 and FMA. Results equal the reference
 * kernels bit for bit (no FMA contraction: -ffp-contract=off). */
#include <immintrin.h>

#include "../kernel_table.h"

/* x*x mod 2^64 from 32-bit halves: lo*lo + ((lo*hi) << 33). */
static inline __m256i square_epi64(__m256i v) {
    __m256i lolo = _mm256_mul_epu32(v, v);
    __m256i lohi = _mm256_mul_epu32(v, _mm256_srli_epi64(v, 32));
    return _mm256_add_epi64(lolo, _mm256_slli_epi64(lohi, 33));
}

static jk_status square_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
    (void)bad;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(in + i));
        _mm256_storeu_si256((__m256i *)(out + i), square_epi64(v));
    }
    for (; i < n; i++) {
        uint64_t v = (uint64_t)in[i];
        out[i] = (int64_t)(v * v);
    }
    return JK_OK;
}

static jk_status square_f64(const double *in, double *out, size_t n, size_t *bad) {
    (void)bad;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d v = _mm256_loadu_pd(in + i);
        _mm256_storeu_pd(out + i, _mm256_mul_pd(v, v));
    }
    for (; i < n; i++) out[i] = in[i] * in[i];
    return JK_OK;
}

/* Lanes 0-3 live in lo, 4-7 in hi; the tail joins its lane (i mod 8). */
static double finish_lanes(__m256d lo, __m256d hi, const double *tail, size_t start, size_t n,
                           const double *tail_y) {
    double lanes[JK_REDUCE_LANES];
    _mm256_storeu_pd(lanes, lo);
    _mm256_storeu_pd(lanes + 4, hi);
    for (size_t i = start; i < n; i++)
        lanes[i % JK_REDUCE_LANES] += tail_y ? tail[i] * tail_y[i] : tail[i];
    return jk_combine_lanes(lanes);
}

static double sum_block(const double *x, size_t n) {
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        lo = _mm256_add_pd(lo, _mm256_loadu_pd(x + i));
        hi = _mm256_add_pd(hi, _mm256_loadu_pd(x + i + 4));
    }
    return finish_lanes(lo, hi, x, i, n, NULL);
}

static double dot_block(const double *x, const double *y, size_t n) {
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        lo = _mm256_add_pd(lo, _mm256_mul_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i)));
        hi = _mm256_add_pd(hi, _mm256_mul_pd(_mm256_loadu_pd(x + i + 4), _mm256_loadu_pd(y + i + 4)));
    }
    return finish_lanes(lo, hi, x, i, n, y);
}

static void axpy(double a, const double *x, double *y, size_t n) {
    __m256d va = _mm256_set1_pd(a);
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _mm256_add_pd(_mm256_loadu_pd(y + i), _mm256_mul_pd(va, _mm256_loadu_pd(x + i))));
    for (; i < n; i++) y[i] += a * x[i];
}

static void scale(double a, double *x, size_t n) {
    __m256d va = _mm256_set1_pd(a);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(x + i, _mm256_mul_pd(_mm256_loadu_pd(x + i), va));
    for (; i < n; i++) x[i] *= a;
}

const jk_kernel_table jk_avx2_kernels = {
    .map_i64 = {[JK_I64_SQUARE] = {.fn = square_i64}},
    .map_f64 = {[JK_F64_SQUARE] = {.fn = square_f64}},
    .sum_block = sum_block,
    .dot_block = dot_block,
    .axpy = axpy,
    .scale = scale,
};
