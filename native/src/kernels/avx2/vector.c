/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 vector kernels (-mavx2 -mfma, no FMA contraction: -ffp-contract=off).
 * Same bits as the reference: a reduction's group row is a pair of ymm. */
#include <immintrin.h>

#include "../vector.h"

jk_block1_f64_shape jkk_avx2_sum_block_f64;
jk_block1_f64_shape jkk_avx2_sumsq_block_f64;
jk_block2_f64_shape jkk_avx2_dot_block_f64;
jk_axpy_f64_shape jkk_avx2_axpy_f64;
jk_scale_f64_shape jkk_avx2_scale_f64;
/* The reductions: jk_vector.h's order as vector.h writes it, with this file's flags. */
double jkk_avx2_sum_block_f64(const double *x, size_t n) { return jk_reduce_block(JK_TERM_X, x, NULL, n); }

double jkk_avx2_sumsq_block_f64(const double *x, size_t n) { return jk_reduce_block(JK_TERM_SQUARE, x, NULL, n); }

double jkk_avx2_dot_block_f64(const double *x, const double *y, size_t n) {
    return jk_reduce_block(JK_TERM_PRODUCT, x, y, n);
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
