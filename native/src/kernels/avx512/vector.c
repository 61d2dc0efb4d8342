/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (F + DQ) vector kernels: a reduction's group row is one zmm; axpy and
 * scale finish with masked tails. Same bits as the reference. */
#include <immintrin.h>

#include "../vector.h"

JK_VECTOR_KERNELS(avx512)

jk_axpy_shape jkk_avx512_axpy_f64;
jk_scale_shape jkk_avx512_scale_f64;

static inline __mmask8 tail_mask(size_t left) { return (__mmask8)((1u << left) - 1u); }

void jkk_avx512_axpy_f64(double a, const void *xv, void *yv, size_t n) {
    const double *x = xv;
    double *y = yv;
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

void jkk_avx512_scale_f64(double a, void *xv, size_t n) {
    double *x = xv;
    __m512d va = _mm512_set1_pd(a);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(x + i, _mm512_mul_pd(_mm512_loadu_pd(x + i), va));
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        _mm512_mask_storeu_pd(x + i, m, _mm512_mul_pd(_mm512_maskz_loadu_pd(m, x + i), va));
    }
}
