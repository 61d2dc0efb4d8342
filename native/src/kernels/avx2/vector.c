/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 vector kernels (-mavx2 -mfma, no FMA contraction: -ffp-contract=off).
 * Same bits as the reference: lanes 0-3 live in one register, 4-7 in another. */
#include <immintrin.h>

#include "../vector.h"

jk_block1_f64_shape jkk_avx2_sum_block_f64;
jk_block1_f64_shape jkk_avx2_sumsq_block_f64;
jk_block2_f64_shape jkk_avx2_dot_block_f64;
jk_axpy_f64_shape jkk_avx2_axpy_f64;
jk_scale_f64_shape jkk_avx2_scale_f64;

/* The tail joins its lane (i mod 8). */
static double finish_lanes(__m256d lo, __m256d hi, const double *tail, size_t start, size_t n,
                           const double *tail_y) {
    double lanes[JK_REDUCE_LANES];
    _mm256_storeu_pd(lanes, lo);
    _mm256_storeu_pd(lanes + 4, hi);
    for (size_t i = start; i < n; i++)
        lanes[i % JK_REDUCE_LANES] += tail_y ? tail[i] * tail_y[i] : tail[i];
    return jk_combine_lanes(lanes);
}

double jkk_avx2_sum_block_f64(const double *x, size_t n) {
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        lo = _mm256_add_pd(lo, _mm256_loadu_pd(x + i));
        hi = _mm256_add_pd(hi, _mm256_loadu_pd(x + i + 4));
    }
    return finish_lanes(lo, hi, x, i, n, NULL);
}

double jkk_avx2_sumsq_block_f64(const double *x, size_t n) {
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d a = _mm256_loadu_pd(x + i), b = _mm256_loadu_pd(x + i + 4);
        lo = _mm256_add_pd(lo, _mm256_mul_pd(a, a));
        hi = _mm256_add_pd(hi, _mm256_mul_pd(b, b));
    }
    return finish_lanes(lo, hi, x, i, n, x);
}

double jkk_avx2_dot_block_f64(const double *x, const double *y, size_t n) {
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        lo = _mm256_add_pd(lo, _mm256_mul_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i)));
        hi = _mm256_add_pd(hi, _mm256_mul_pd(_mm256_loadu_pd(x + i + 4), _mm256_loadu_pd(y + i + 4)));
    }
    return finish_lanes(lo, hi, x, i, n, y);
}

void jkk_avx2_axpy_f64(double a, const double *x, double *y, size_t n) {
    __m256d va = _mm256_set1_pd(a);
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _mm256_add_pd(_mm256_loadu_pd(y + i), _mm256_mul_pd(va, _mm256_loadu_pd(x + i))));
    for (; i < n; i++) y[i] += a * x[i];
}

void jkk_avx2_scale_f64(double a, double *x, size_t n) {
    __m256d va = _mm256_set1_pd(a);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(x + i, _mm256_mul_pd(_mm256_loadu_pd(x + i), va));
    for (; i < n; i++) x[i] *= a;
}
