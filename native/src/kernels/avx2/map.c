/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 map kernels. Only this folder is compiled with -mavx2 -mfma; the op
 * layer runs them only where the CPU has both. Same bits as the reference. */
#include <immintrin.h>

#include "../map.h"

jk_map_i64_shape jkk_avx2_square_i64;
jk_map_f64_shape jkk_avx2_square_f64;

/* x*x mod 2^64 from 32-bit halves: lo*lo + ((lo*hi) << 33). */
static inline __m256i square_epi64(__m256i v) {
    __m256i lolo = _mm256_mul_epu32(v, v);
    __m256i lohi = _mm256_mul_epu32(v, _mm256_srli_epi64(v, 32));
    return _mm256_add_epi64(lolo, _mm256_slli_epi64(lohi, 33));
}

jk_status jkk_avx2_square_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
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

jk_status jkk_avx2_square_f64(const double *in, double *out, size_t n, size_t *bad) {
    (void)bad;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d v = _mm256_loadu_pd(in + i);
        _mm256_storeu_pd(out + i, _mm256_mul_pd(v, v));
    }
    for (; i < n; i++) out[i] = in[i] * in[i];
    return JK_OK;
}
