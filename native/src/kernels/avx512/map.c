/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (F + DQ) map kernels; only this folder is compiled with -mavx512f
 * -mavx512dq. Same bits as the reference. Tails use masked loads and stores. */
#include <immintrin.h>

#include "../map.h"

jk_map_i64_shape jkk_avx512_square_i64;
jk_map_f64_shape jkk_avx512_square_f64;

static inline __mmask8 tail_mask(size_t left) { return (__mmask8)((1u << left) - 1u); }

jk_status jkk_avx512_square_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
    (void)bad;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512i v = _mm512_loadu_si512(in + i);
        _mm512_storeu_si512(out + i, _mm512_mullo_epi64(v, v));
    }
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        __m512i v = _mm512_maskz_loadu_epi64(m, in + i);
        _mm512_mask_storeu_epi64(out + i, m, _mm512_mullo_epi64(v, v));
    }
    return JK_OK;
}

jk_status jkk_avx512_square_f64(const double *in, double *out, size_t n, size_t *bad) {
    (void)bad;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512d v = _mm512_loadu_pd(in + i);
        _mm512_storeu_pd(out + i, _mm512_mul_pd(v, v));
    }
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        __m512d v = _mm512_maskz_loadu_pd(m, in + i);
        _mm512_mask_storeu_pd(out + i, m, _mm512_mul_pd(v, v));
    }
    return JK_OK;
}
