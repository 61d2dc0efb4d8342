/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (F + DQ) vector kernels: a reduction's group row is one zmm; axpy and
 * scale finish with masked tails. Same bits as the reference. */
#include <immintrin.h>

#include "../vector.h"

jk_block1_f64_shape jkk_avx512_sum_block_f64;
jk_block1_f64_shape jkk_avx512_sumsq_block_f64;
jk_block2_f64_shape jkk_avx512_dot_block_f64;
jk_axpy_f64_shape jkk_avx512_axpy_f64;
jk_scale_f64_shape jkk_avx512_scale_f64;

static inline __mmask8 tail_mask(size_t left) { return (__mmask8)((1u << left) - 1u); }

/* The reductions: jk_vector.h's order as vector.h writes it, with this file's flags. */
double jkk_avx512_sum_block_f64(const double *x, size_t n) { return jk_reduce_block(JK_TERM_X, x, NULL, n); }

double jkk_avx512_sumsq_block_f64(const double *x, size_t n) { return jk_reduce_block(JK_TERM_SQUARE, x, NULL, n); }

double jkk_avx512_dot_block_f64(const double *x, const double *y, size_t n) {
    return jk_reduce_block(JK_TERM_PRODUCT, x, y, n);
}

void jkk_avx512_axpy_f64(double a, const double *x, double *y, size_t n) {
    __m512d va = _mm512_set1_pd(a);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm512_storeu_pd(y + i, _mm512_add_pd(_mm512_loadu_pd(y + i), _mm512_mul_pd(va, _mm512_loadu_pd(x + i))));
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        __m512d r = _mm512_add_pd(_mm512_maskz_loadu_pd(m, y + i), _mm512_mul_pd(va, _mm512_maskz_loadu_pd(m, x + i)));
        _mm512_mask_storeu_pd(y + i, m, r);
    }
}

void jkk_avx512_scale_f64(double a, double *x, size_t n) {
    __m512d va = _mm512_set1_pd(a);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(x + i, _mm512_mul_pd(_mm512_loadu_pd(x + i), va));
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        _mm512_mask_storeu_pd(x + i, m, _mm512_mul_pd(_mm512_maskz_loadu_pd(m, x + i), va));
    }
}
