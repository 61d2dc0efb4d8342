/* SPDX-License-Identifier: Apache-2.0 */
/* Reference sort kits: baseline x86-64, one key per "vector": the partition is a branch-free scalar loop
 * (each key is stored at both write positions, and one of them advances) and the small-array network sorts
 * 8 keys with branch-free minima and maxima. */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "../sort.h"

jk_sort_kit_shape jkk_ref_sort_f64, jkk_ref_sort_f32, jkk_ref_sort_i64, jkk_ref_sort_i32;

#define SK_LANES 1
#define SK_REGS 8
#define SK_LOADU(p) (*(p))
#define SK_STOREU(p, v) (*(p) = (v))
#define SK_SET1(x) (x)
#define SK_MIN(a, b) ((b) < (a) ? (b) : (a))
#define SK_MAX(a, b) ((a) < (b) ? (b) : (a))
#define SK_XOR(v, j) (v)
#define SK_SORT2(j, v, p) SK_MIN(v, p)
#define SK_PART(a, v, pv, le, wl, wr)                \
    do {                                             \
        int left_ = (le) ? (v) <= (pv) : (v) < (pv); \
        (a)[*(wl)] = (v);                            \
        (a)[*(wr) - 1] = (v);                        \
        *(wl) += (size_t)left_;                      \
        *(wr) -= (size_t)!left_;                     \
    } while (0)

#define SK_T double
#define SK_BITS int64_t
#define SK_V double
#define SK_MAXKEY INFINITY
#define SK_ID ref_f64
#define SK_KIT jkk_ref_sort_f64
#include "../sort_kit.h"

#define SK_T float
#define SK_BITS int32_t
#define SK_V float
#define SK_MAXKEY INFINITY
#define SK_ID ref_f32
#define SK_KIT jkk_ref_sort_f32
#include "../sort_kit.h"

#define SK_T int64_t
#define SK_V int64_t
#define SK_MAXKEY INT64_MAX
#define SK_ID ref_i64
#define SK_KIT jkk_ref_sort_i64
#include "../sort_kit.h"

#define SK_T int32_t
#define SK_V int32_t
#define SK_MAXKEY INT32_MAX
#define SK_ID ref_i32
#define SK_KIT jkk_ref_sort_i32
#include "../sort_kit.h"
