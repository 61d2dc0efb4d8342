/* SPDX-License-Identifier: Apache-2.0 */
/* Reference map kernels: portable C, the definition every ISA path must match
 * bit for bit. Compiled for baseline x86-64 with -ffp-contract=off. */
#include "../map.h"

jk_map_i64_shape jkk_ref_fib_i64, jkk_ref_square_i64;
jk_map_f64_shape jkk_ref_square_f64;

/* The seed's fib, naive on purpose: it exists to burn CPU evenly. */
static int64_t fib(int64_t n) { return n <= 2 ? 1 : fib(n - 1) + fib(n - 2); }

#define FIB_MAX 92 /* fib(93) overflows int64 */

jk_status jkk_ref_fib_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
    for (size_t i = 0; i < n; i++) {
        if (in[i] < 0 || in[i] > FIB_MAX) {
            *bad = i;
            return JK_ERR_DOMAIN;
        }
        out[i] = fib(in[i]);
    }
    return JK_OK;
}

jk_status jkk_ref_square_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
    (void)bad;
    for (size_t i = 0; i < n; i++) {
        uint64_t v = (uint64_t)in[i]; /* unsigned: wraps like Java instead of UB */
        out[i] = (int64_t)(v * v);
    }
    return JK_OK;
}

jk_status jkk_ref_square_f64(const double *in, double *out, size_t n, size_t *bad) {
    (void)bad;
    for (size_t i = 0; i < n; i++) out[i] = in[i] * in[i];
    return JK_OK;
}
