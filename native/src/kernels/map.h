/* SPDX-License-Identifier: Apache-2.0 */
/* Shapes of the element-wise map kernels: out[i] = f(in[i]) for i < n, in ==
 * out allowed. On a domain error a kernel returns JK_ERR_DOMAIN with *bad = the
 * first bad index (relative to `in`), having written the items before it. */
#ifndef JKERNELS_KERNELS_MAP_H
#define JKERNELS_KERNELS_MAP_H

#include "kernels.h"

typedef jk_status jk_map_i64_shape(const int64_t *in, int64_t *out, size_t n, size_t *bad);
typedef jk_status jk_map_f64_shape(const double *in, double *out, size_t n, size_t *bad);

#endif
