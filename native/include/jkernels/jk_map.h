/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: element-wise maps, out[i] = kernel(in[i]).
 *
 * Each kernel is an operation of its own (jk_op.h: "map_fib_i64",
 * "map_square_i64", "map_square_f64"); these are typed shorthands. `in` and
 * `out` may be the same array (in-place); partial overlap is not allowed.
 * Items are split into chunks that idle workers pull dynamically, so items of
 * uneven cost balance on their own.
 */
#ifndef JKERNELS_JK_MAP_H
#define JKERNELS_JK_MAP_H

#include "jk_job.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jk_i64_kernel {
    JK_I64_FIB = 0,    /* the seed's naive recursive fib: n <= 2 -> 1; domain 0..92 */
    JK_I64_SQUARE = 1, /* n * n, wrapping modulo 2^64 like Java's long multiply */
    JK_I64_KERNEL_COUNT = 2
} jk_i64_kernel;

typedef enum jk_f64_kernel {
    JK_F64_SQUARE = 0, /* x * x, IEEE 754 */
    JK_F64_KERNEL_COUNT = 1
} jk_f64_kernel;

/* On JK_ERR_DOMAIN, *bad_index (when not NULL) receives the lowest index of an
 * input outside the kernel's domain that was seen; `out` is then partly
 * written. n == 0 is valid and does nothing. */
JK_API jk_status jk_map_i64(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out, size_t n,
                            size_t *bad_index, jk_call_flags flags);
JK_API jk_status jk_map_f64(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out, size_t n,
                            size_t *bad_index, jk_call_flags flags);

/* Asynchronous maps. item_status (optional, n bytes, zeroed by the caller):
 * when given, a failing item gets its status there and the job goes on with the
 * others (it ends with JK_ERR_DOMAIN and the lowest bad index if any item
 * failed); when NULL, the first failure stops the job. */
JK_API jk_status jk_map_i64_submit(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out, size_t n,
                                   uint8_t *item_status, jk_call_flags flags, void *user, jk_job **job);
JK_API jk_status jk_map_f64_submit(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out, size_t n,
                                   uint8_t *item_status, jk_call_flags flags, void *user, jk_job **job);

#ifdef __cplusplus
}
#endif

#endif
