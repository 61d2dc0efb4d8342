/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 sort kits: 8 keys per zmm for f64 and i64, 16 for f32 and i32. The partition compresses the lanes
 * that go left into the low lanes of a register and stores it whole (the room is free), and stores the
 * compressed other lanes with a masked store ending at the right write position (a register compress: the
 * memory form is microcoded and slow on Zen 4). The network sorts up to 16 registers (128 or 256 keys). */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>

#include "../sort.h"
#include "../sort_lanes.h"

jk_sort_kit_shape jkk_avx512_sort_f64, jkk_avx512_sort_f32, jkk_avx512_sort_i64, jkk_avx512_sort_i32;

/* Lane l of the result: lane l ^ j (permutation indices). */
static inline __m512i xor_index64(int j) {
    return _mm512_xor_si512(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), _mm512_set1_epi64(j));
}
static inline __m512i xor_index32(int j) {
    return _mm512_xor_si512(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                            _mm512_set1_epi32(j));
}
/* The lanes l with (l & j) != 0 (16 lanes; the 8-lane kits use the low byte). */
static inline unsigned high_lanes(int j) { return j == 1 ? 0xAAAAu : j == 2 ? 0xCCCCu : j == 4 ? 0xF0F0u : 0xFF00u; }

#define SK512_X(name, sfx) _mm512_##name##_##sfx
#define SK512(name, sfx) SK512_X(name, sfx)

/* Operations shared by the four kits, through SK_SFX (pd, ps, epi64, epi32), SK_MASK (the mask type),
 * SK_XINDEX (lane permutation indices) and SK_CMP (compare to a mask, with a `le` flag). The 16-lane kits
 * partition by compressing (SK_PART_COMPRESS), the 8-lane ones through the lane table (below). */
#define SK_LOADU(p) SK512(loadu, SK_SFX)(p)
#define SK_STOREU(p, v) SK512(storeu, SK_SFX)(p, v)
#define SK_SET1(x) SK512(set1, SK_SFX)(x)
#define SK_MIN(a, b) SK512(min, SK_SFX)(a, b)
#define SK_MAX(a, b) SK512(max, SK_SFX)(a, b)
#define SK_XOR(v, j) SK512(permutexvar, SK_SFX)(SK_XINDEX(j), v)
/* The minimum, then the maximum over it in the high lanes: one instruction fewer than a blend of both. */
#define SK_SORT2(j, v, p) SK512(mask_max, SK_SFX)(SK_MIN(v, p), (SK_MASK)high_lanes(j), v, p)
#define SK_PART_COMPRESS(a, v, pv, le, wl, wr)                                                         \
    do {                                                                                               \
        SK_MASK m_ = SK_CMP(v, pv, le);                                                                \
        size_t cl_ = (size_t)__builtin_popcount((unsigned)m_), cr_ = SK_LANES - cl_;                   \
        SK_STOREU((a) + *(wl), SK512(maskz_compress, SK_SFX)(m_, v));                                  \
        SK512(mask_storeu, SK_SFX)((a) + *(wr) - cr_, (SK_MASK)((1u << cr_) - 1),                      \
                                   SK512(maskz_compress, SK_SFX)((SK_MASK)~m_, v));                    \
        *(wl) += cl_;                                                                                  \
        *(wr) -= cr_;                                                                                  \
    } while (0)

#define SK_LANES 8
#define SK_REGS 16
#define SK_MASK __mmask8
#define SK_XINDEX(j) xor_index64(j)
/* 8 lanes: one permutation from the lane table instead of two compresses, stored twice (each store is right
 * for its own lanes; the rest falls in free room). */
#undef SK_PART
#define SK_PART(a, v, pv, le, wl, wr)                                                                  \
    do {                                                                                               \
        unsigned m_ = (unsigned)SK_CMP(v, pv, le);                                                     \
        size_t cl_ = (size_t)__builtin_popcount(m_);                                                   \
        __m512i order_ = _mm512_srlv_epi64(_mm512_set1_epi64(LEFT_FIRST[m_]),                          \
                                           _mm512_setr_epi64(0, 4, 8, 12, 16, 20, 24, 28));            \
        SK_V c_ = SK512(permutexvar, SK_SFX)(order_, v);                                               \
        SK_STOREU((a) + *(wl), c_);                                                                    \
        SK_STOREU((a) + *(wr) - SK_LANES, c_);                                                         \
        *(wl) += cl_;                                                                                  \
        *(wr) -= SK_LANES - cl_;                                                                       \
    } while (0)

#define SK_SFX pd
#define SK_CMP(v, p, le) ((le) ? _mm512_cmp_pd_mask(v, p, _CMP_LE_OQ) : _mm512_cmp_pd_mask(v, p, _CMP_LT_OQ))
#define SK_T double
#define SK_BITS int64_t
#define SK_V __m512d
#define SK_MAXKEY INFINITY
#define SK_ID avx512_f64
#define SK_KIT jkk_avx512_sort_f64
#include "../sort_kit.h"
#undef SK_SFX
#undef SK_CMP

#define SK_SFX epi64
#define SK_CMP(v, p, le) ((le) ? _mm512_cmp_epi64_mask(v, p, _MM_CMPINT_LE) : _mm512_cmp_epi64_mask(v, p, _MM_CMPINT_LT))
#define SK_T int64_t
#define SK_V __m512i
#define SK_MAXKEY INT64_MAX
#define SK_ID avx512_i64
#define SK_KIT jkk_avx512_sort_i64
#include "../sort_kit.h"
#undef SK_SFX
#undef SK_CMP

#undef SK_LANES
#undef SK_MASK
#undef SK_XINDEX
#undef SK_PART
#define SK_PART SK_PART_COMPRESS
#define SK_LANES 16
#define SK_MASK __mmask16
#define SK_XINDEX(j) xor_index32(j)

#define SK_SFX ps
#define SK_CMP(v, p, le) ((le) ? _mm512_cmp_ps_mask(v, p, _CMP_LE_OQ) : _mm512_cmp_ps_mask(v, p, _CMP_LT_OQ))
#define SK_T float
#define SK_BITS int32_t
#define SK_V __m512
#define SK_MAXKEY INFINITY
#define SK_ID avx512_f32
#define SK_KIT jkk_avx512_sort_f32
#include "../sort_kit.h"
#undef SK_SFX
#undef SK_CMP

#define SK_SFX epi32
#define SK_CMP(v, p, le) ((le) ? _mm512_cmp_epi32_mask(v, p, _MM_CMPINT_LE) : _mm512_cmp_epi32_mask(v, p, _MM_CMPINT_LT))
#define SK_T int32_t
#define SK_V __m512i
#define SK_MAXKEY INT32_MAX
#define SK_ID avx512_i32
#define SK_KIT jkk_avx512_sort_i32
#include "../sort_kit.h"
