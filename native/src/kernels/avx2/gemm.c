/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 + FMA GEMM kits: 8 x 6 doubles and 16 x 6 floats per tile (two ymm per column, 12 accumulators, the
 * shape of BLIS's Haswell kernels); blocks sized for a 32 KiB L1 and a 512 KiB to 1 MiB L2. */
#include <immintrin.h>

#include "../gemm.h"

jk_gemm_kit_shape jkk_avx2_gemm_f64, jkk_avx2_gemm_f32;

#define GK_T double
#define GK_V __m256d
#define GK_VLEN 4
#define GK_MV 2
#define GK_NR 6
#define GK_MC 96
#define GK_KC 256
#define GK_NC 4080
#define GK_FMA(a, b, c) _mm256_fmadd_pd(a, b, c)
#define GK_SPLAT(x) _mm256_set1_pd(x)
#define GK_SFMA(a, b, c) __builtin_fma(a, b, c)
#define GK_ID avx2_f64
#define GK_KIT jkk_avx2_gemm_f64
#include "../gemm_kit.h"

#define GK_T float
#define GK_V __m256
#define GK_VLEN 8
#define GK_MV 2
#define GK_NR 6
#define GK_MC 192
#define GK_KC 256
#define GK_NC 4080
#define GK_FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define GK_SPLAT(x) _mm256_set1_ps(x)
#define GK_SFMA(a, b, c) __builtin_fmaf(a, b, c)
#define GK_ID avx2_f32
#define GK_KIT jkk_avx2_gemm_f32
#include "../gemm_kit.h"
