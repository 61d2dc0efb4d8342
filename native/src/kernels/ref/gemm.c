/* SPDX-License-Identifier: Apache-2.0 */
/* Reference GEMM kits: baseline x86-64 (SSE2 vectors of 16 bytes), multiply then add (two roundings, no FMA
 * on this path). 4 x 4 doubles and 8 x 4 floats per tile: 8 accumulators of the 16 xmm registers. */
#include "../gemm.h"

typedef double jk_v2d __attribute__((vector_size(16)));
typedef float jk_v4f __attribute__((vector_size(16)));

jk_gemm_kit_shape jkk_ref_gemm_f64, jkk_ref_gemm_f32;

#define GK_T double
#define GK_V jk_v2d
#define GK_VLEN 2
#define GK_MV 2
#define GK_NR 4
#define GK_MC 96
#define GK_KC 256
#define GK_NC 2048
#define GK_FMA(a, b, c) ((a) * (b) + (c))
#define GK_SPLAT(x) ((jk_v2d){0, 0} + (double)(x))
#define GK_SFMA(a, b, c) ((a) * (b) + (c))
#define GK_ID ref_f64
#define GK_KIT jkk_ref_gemm_f64
#include "../gemm_kit.h"

#define GK_T float
#define GK_V jk_v4f
#define GK_VLEN 4
#define GK_MV 2
#define GK_NR 4
#define GK_MC 128
#define GK_KC 256
#define GK_NC 2048
#define GK_FMA(a, b, c) ((a) * (b) + (c))
#define GK_SPLAT(x) ((jk_v4f){0, 0, 0, 0} + (float)(x))
#define GK_SFMA(a, b, c) ((a) * (b) + (c))
#define GK_ID ref_f32
#define GK_KIT jkk_ref_gemm_f32
#include "../gemm_kit.h"
