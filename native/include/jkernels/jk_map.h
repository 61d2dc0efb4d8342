/*
 * jkernels public C ABI: element-wise maps, out[i] = kernel(in[i]).
 *
 * `in` and `out` may be the same array (in-place); partial overlap is not
 * allowed. Items are split into chunks that idle workers pull dynamically, so
 * items of uneven cost balance on their own.
 */
#ifndef JKERNELS_JK_MAP_H
#define JKERNELS_JK_MAP_H

#include "jk_pool.h"

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
 * input outside the kernel's domain that was seen; the contents of `out` are
 * then unspecified. n == 0 is valid and does nothing. */
JK_API jk_status jk_map_i64(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out,
                     size_t n, size_t *bad_index, jk_call_flags flags);

JK_API jk_status jk_map_f64(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out,
                     size_t n, size_t *bad_index, jk_call_flags flags);

#ifdef __cplusplus
}
#endif

#endif
