/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 sort kits: 4 keys per ymm for f64 and i64, 8 for f32 and i32. AVX2 has no compress: the partition
 * permutes the lanes that go left to the front and the others behind them (one table entry per comparison
 * mask), then stores the register twice, at the left write position and ending at the right one; each store
 * is right for its own lanes and the rest falls in free room. int64 minima and maxima are a compare and a
 * blend (AVX2 has no vpminsq). The network sorts up to 8 registers (32 or 64 keys: 16 ymm hold them and the temporaries). */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>

#include "../sort.h"
#include "../sort_lanes.h"

jk_sort_kit_shape jkk_avx2_sort_f64, jkk_avx2_sort_f32, jkk_avx2_sort_i64, jkk_avx2_sort_i32;

/* Permutation indices that put the lanes of an 8-lane mask first (the register permute reads the low 3 bits). */
static inline __m256i left_first(unsigned mask8) {
    return _mm256_srlv_epi32(_mm256_set1_epi32((int)LEFT_FIRST[mask8]), _mm256_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28));
}

/* A 4-bit mask with each bit doubled: the 8-lane mask of the same 64-bit lanes. */
static inline unsigned doubled(unsigned mask4) {
    return (mask4 & 1) * 3u | (mask4 & 2) * 6u | (mask4 & 4) * 12u | (mask4 & 8) * 24u;
}

/* 32-bit lane indices: lane l gets lane l ^ j, for 8 lanes of 32 bits or (pairs) 4 lanes of 64. */
static inline __m256i xor_index32(int j) {
    return _mm256_xor_si256(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(j));
}
static inline __m256i xor_index64(int j) {
    return _mm256_xor_si256(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(2 * j));
}
/* All ones in the lanes l with (l & j) != 0. */
static inline __m256i high32(int j) {
    __m256i l = _mm256_and_si256(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(j));
    return _mm256_cmpgt_epi32(l, _mm256_setzero_si256());
}
static inline __m256i high64(int j) {
    __m256i l = _mm256_and_si256(_mm256_setr_epi64x(0, 1, 2, 3), _mm256_set1_epi64x(j));
    return _mm256_cmpgt_epi64(l, _mm256_setzero_si256());
}

static inline __m256i min_i64(__m256i a, __m256i b) { return _mm256_blendv_epi8(a, b, _mm256_cmpgt_epi64(a, b)); }
static inline __m256i max_i64(__m256i a, __m256i b) { return _mm256_blendv_epi8(b, a, _mm256_cmpgt_epi64(a, b)); }

/* The comparison masks (bit l: lane l goes left). */
static inline unsigned left_f64(__m256d v, __m256d p, int le) {
    return (unsigned)_mm256_movemask_pd(le ? _mm256_cmp_pd(v, p, _CMP_LE_OQ) : _mm256_cmp_pd(v, p, _CMP_LT_OQ));
}
static inline unsigned left_f32(__m256 v, __m256 p, int le) {
    return (unsigned)_mm256_movemask_ps(le ? _mm256_cmp_ps(v, p, _CMP_LE_OQ) : _mm256_cmp_ps(v, p, _CMP_LT_OQ));
}
static inline unsigned left_i64(__m256i v, __m256i p, int le) {
    return le ? 15u & ~(unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(v, p)))
              : (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(p, v)));
}
static inline unsigned left_i32(__m256i v, __m256i p, int le) {
    return le ? 255u & ~(unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(v, p)))
              : (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(p, v)));
}

/* Shared by the four kits: SK_CAST_IN / SK_CAST_OUT between the key vector and __m256i, SK_LEFT (the mask),
 * SK_MASK8 (it as an 8-lane mask), SK_XINDEX and SK_HIGH. */
#define SK_XOR(v, j) SK_CAST_OUT(_mm256_permutevar8x32_epi32(SK_CAST_IN(v), SK_XINDEX(j)))
#define SK_SORT2(j, v, p) SK_CAST_OUT(_mm256_blendv_epi8(SK_CAST_IN(SK_MIN(v, p)), SK_CAST_IN(SK_MAX(v, p)), SK_HIGH(j)))
#define SK_PART(a, v, pv, le, wl, wr)                                                         \
    do {                                                                                      \
        unsigned m_ = SK_LEFT(v, pv, le);                                                     \
        size_t cl_ = (size_t)__builtin_popcount(m_);                                          \
        SK_V c_ = SK_CAST_OUT(_mm256_permutevar8x32_epi32(SK_CAST_IN(v), left_first(SK_MASK8(m_)))); \
        SK_STOREU((a) + *(wl), c_);                                                           \
        SK_STOREU((a) + *(wr) - SK_LANES, c_);                                                \
        *(wl) += cl_;                                                                         \
        *(wr) -= SK_LANES - cl_;                                                              \
    } while (0)

#define SK_LANES 4
#define SK_REGS 8
#define SK_XINDEX(j) xor_index64(j)
#define SK_HIGH(j) high64(j)
#define SK_MASK8(m) doubled(m)

#define SK_LOADU(p) _mm256_loadu_pd(p)
#define SK_STOREU(p, v) _mm256_storeu_pd(p, v)
#define SK_SET1(x) _mm256_set1_pd(x)
#define SK_MIN(a, b) _mm256_min_pd(a, b)
#define SK_MAX(a, b) _mm256_max_pd(a, b)
#define SK_CAST_IN(v) _mm256_castpd_si256(v)
#define SK_CAST_OUT(v) _mm256_castsi256_pd(v)
#define SK_LEFT(v, p, le) left_f64(v, p, le)
#define SK_T double
#define SK_BITS int64_t
#define SK_V __m256d
#define SK_MAXKEY INFINITY
#define SK_ID avx2_f64
#define SK_KIT jkk_avx2_sort_f64
#include "../sort_kit.h"

#undef SK_LOADU
#undef SK_STOREU
#undef SK_SET1
#undef SK_MIN
#undef SK_MAX
#undef SK_CAST_IN
#undef SK_CAST_OUT
#undef SK_LEFT
#define SK_LOADU(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define SK_STOREU(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), v)
#define SK_SET1(x) _mm256_set1_epi64x(x)
#define SK_MIN(a, b) min_i64(a, b)
#define SK_MAX(a, b) max_i64(a, b)
#define SK_CAST_IN(v) (v)
#define SK_CAST_OUT(v) (v)
#define SK_LEFT(v, p, le) left_i64(v, p, le)
#define SK_T int64_t
#define SK_V __m256i
#define SK_MAXKEY INT64_MAX
#define SK_ID avx2_i64
#define SK_KIT jkk_avx2_sort_i64
#include "../sort_kit.h"

#undef SK_LANES
#undef SK_XINDEX
#undef SK_HIGH
#undef SK_MASK8
#define SK_LANES 8
#define SK_XINDEX(j) xor_index32(j)
#define SK_HIGH(j) high32(j)
#define SK_MASK8(m) (m)

#undef SK_SET1
#undef SK_MIN
#undef SK_MAX
#undef SK_LEFT
#define SK_SET1(x) _mm256_set1_epi32(x)
#define SK_MIN(a, b) _mm256_min_epi32(a, b)
#define SK_MAX(a, b) _mm256_max_epi32(a, b)
#define SK_LEFT(v, p, le) left_i32(v, p, le)
#define SK_T int32_t
#define SK_V __m256i
#define SK_MAXKEY INT32_MAX
#define SK_ID avx2_i32
#define SK_KIT jkk_avx2_sort_i32
#include "../sort_kit.h"

#undef SK_LOADU
#undef SK_STOREU
#undef SK_SET1
#undef SK_MIN
#undef SK_MAX
#undef SK_CAST_IN
#undef SK_CAST_OUT
#undef SK_LEFT
#define SK_LOADU(p) _mm256_loadu_ps(p)
#define SK_STOREU(p, v) _mm256_storeu_ps(p, v)
#define SK_SET1(x) _mm256_set1_ps(x)
#define SK_MIN(a, b) _mm256_min_ps(a, b)
#define SK_MAX(a, b) _mm256_max_ps(a, b)
#define SK_CAST_IN(v) _mm256_castps_si256(v)
#define SK_CAST_OUT(v) _mm256_castsi256_ps(v)
#define SK_LEFT(v, p, le) left_f32(v, p, le)
#define SK_T float
#define SK_BITS int32_t
#define SK_V __m256
#define SK_MAXKEY INFINITY
#define SK_ID avx2_f32
#define SK_KIT jkk_avx2_sort_f32
#include "../sort_kit.h"
