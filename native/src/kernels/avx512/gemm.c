/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 GEMM kits: 32 x 6 doubles (four zmm per column) and 32 x 12 floats (two per column), 24
 * accumulators each, the tile shapes BLIS uses on Zen 4; blocks for a 32-48 KiB L1 and a 1-2 MiB L2. */
#include <immintrin.h>

#include "../gemm.h"

jk_gemm_kit_shape jkk_avx512_gemm_f64, jkk_avx512_gemm_f32;

#define GK_T double
#define GK_V __m512d
#define GK_VLEN 8
#define GK_MV 4
#define GK_NR 6
#define GK_MC 128
#define GK_KC 512
#define GK_NC 4002
#define GK_FMA(a, b, c) _mm512_fmadd_pd(a, b, c)
#define GK_SPLAT(x) _mm512_set1_pd(x)
#define GK_SFMA(a, b, c) __builtin_fma(a, b, c)
#define GK_ID avx512_f64
#define GK_KIT jkk_avx512_gemm_f64
#include "../gemm_kit.h"

#define GK_T float
#define GK_V __m512
#define GK_VLEN 16
#define GK_MV 2
#define GK_NR 12
#define GK_MC 480
#define GK_KC 480
#define GK_NC 6144
#define GK_FMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define GK_SPLAT(x) _mm512_set1_ps(x)
#define GK_SFMA(a, b, c) __builtin_fmaf(a, b, c)
#define GK_ID avx512_f32
#define GK_KIT jkk_avx512_gemm_f32
#include "../gemm_kit.h"
