/* AVX-512 (F + DQ) overrides. Only this folder is compiled with -mavx512f
 * -mavx512dq; its init runs only when the CPU and OS support both. Results equal
 * the reference kernels bit for bit. Tails use masked loads and stores. */
#include <immintrin.h>

#include "../kernel_table.h"

static inline __mmask8 tail_mask(size_t left) { return (__mmask8)((1u << left) - 1u); }

static jk_status square_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
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

static jk_status square_f64(const double *in, double *out, size_t n, size_t *bad) {
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

/* One 8-lane accumulator is exactly the reference's lanes[i % 8]; the masked
 * tail add leaves the lanes it does not cover untouched. */
static double lanes_result(__m512d acc) {
    double lanes[JK_REDUCE_LANES];
    _mm512_storeu_pd(lanes, acc);
    return jk_combine_lanes(lanes);
}

static double sum_block(const double *x, size_t n) {
    __m512d acc = _mm512_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) acc = _mm512_add_pd(acc, _mm512_loadu_pd(x + i));
    if (i < n) acc = _mm512_mask_add_pd(acc, tail_mask(n - i), acc, _mm512_maskz_loadu_pd(tail_mask(n - i), x + i));
    return lanes_result(acc);
}

static double dot_block(const double *x, const double *y, size_t n) {
    __m512d acc = _mm512_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) acc = _mm512_add_pd(acc, _mm512_mul_pd(_mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i)));
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        __m512d p = _mm512_mul_pd(_mm512_maskz_loadu_pd(m, x + i), _mm512_maskz_loadu_pd(m, y + i));
        acc = _mm512_mask_add_pd(acc, m, acc, p);
    }
    return lanes_result(acc);
}

static void axpy(double a, const double *x, double *y, size_t n) {
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

static void scale(double a, double *x, size_t n) {
    __m512d va = _mm512_set1_pd(a);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(x + i, _mm512_mul_pd(_mm512_loadu_pd(x + i), va));
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        _mm512_mask_storeu_pd(x + i, m, _mm512_mul_pd(_mm512_maskz_loadu_pd(m, x + i), va));
    }
}

const jk_kernel_table jk_avx512_kernels = {
    .map_i64 = {[JK_I64_SQUARE] = {.fn = square_i64}},
    .map_f64 = {[JK_F64_SQUARE] = {.fn = square_f64}},
    .sum_block = sum_block,
    .dot_block = dot_block,
    .axpy = axpy,
    .scale = scale,
};
