/* SPDX-License-Identifier: Apache-2.0 */
/* Shapes of the vector kernels on doubles. A block kernel reduces one block
 * (n <= JK_REDUCE_BLOCK elements starting on a block boundary) in the lane
 * order of jk_vector.h; jk_combine_lanes is that order, written once. */
#ifndef JKERNELS_KERNELS_VECTOR_H
#define JKERNELS_KERNELS_VECTOR_H

#include "kernels.h"
#include "jkernels/jk_vector.h"

typedef double jk_block1_f64_shape(const double *x, size_t n);                   /* sum, sum of squares */
typedef double jk_block2_f64_shape(const double *x, const double *y, size_t n);  /* dot */
typedef void jk_axpy_f64_shape(double a, const double *x, double *y, size_t n);
typedef void jk_scale_f64_shape(double a, double *x, size_t n);

/* ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)): the order a 512-bit horizontal add
 * takes, so every path combines lanes identically. */
static inline double jk_combine_lanes(const double l[JK_REDUCE_LANES]) {
    return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
}

#endif
