/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 vector kernels (-mavx2 -mfma, no FMA contraction: -ffp-contract=off).
 * Same bits as the reference: a reduction's group row is a pair of ymm. */
#include <immintrin.h>

#include "../vector.h"

JK_VECTOR_KERNELS(avx2)

jk_axpy_shape jkk_avx2_axpy_f64;
jk_scale_shape jkk_avx2_scale_f64;

void jkk_avx2_axpy_f64(double a, const void *xv, void *yv, size_t n) {
    const double *x = xv;
    double *y = yv;
    __m256d va = _mm256_set1_pd(a);
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _mm256_add_pd(_mm256_loadu_pd(y + i), _mm256_mul_pd(va, _mm256_loadu_pd(x + i))));
    for (; i < n; i++) y[i] += a * x[i];
}

void jkk_avx2_scale_f64(double a, void *xv, size_t n) {
    double *x = xv;
    __m256d va = _mm256_set1_pd(a);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(x + i, _mm256_mul_pd(_mm256_loadu_pd(x + i), va));
    for (; i < n; i++) x[i] *= a;
}
