/* SPDX-License-Identifier: Apache-2.0 */
/* Shapes of the vector kernels on doubles. A block kernel reduces one block
 * (1 <= n <= JK_REDUCE_BLOCK elements starting on a block boundary) in the
 * order of jk_vector.h, written once here (jk_reduce_block) and compiled with
 * each path's flags. */
#ifndef JKERNELS_KERNELS_VECTOR_H
#define JKERNELS_KERNELS_VECTOR_H

#include <string.h>

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

/* What a block reduction adds up: x[i], x[i]*x[i] or x[i]*y[i] (each product
 * rounded before it is added). */
typedef enum { JK_TERM_X, JK_TERM_SQUARE, JK_TERM_PRODUCT } jk_term;

/* The order of jk_vector.h written once, for every path: a GCC vector of 8
 * doubles holds one row of a group (lane l in element l), so each lane's tree
 * is the same vector adds whatever the target; the reference file compiles it
 * to SSE2, the AVX2 file to pairs of ymm, the AVX-512 file to zmm. */
typedef double jk_f64x8 __attribute__((vector_size(JK_REDUCE_LANES * sizeof(double))));

#define JK_REDUCE_LEVELS 6 /* log2(JK_REDUCE_GROUPS) */

static inline jk_f64x8 jk_load_row(const double *p) {
    jk_f64x8 v;
    memcpy(&v, p, sizeof v); /* unaligned */
    return v;
}

static inline jk_f64x8 jk_row_terms(jk_term kind, const double *x, const double *y, size_t i) {
    jk_f64x8 a = jk_load_row(x + i);
    if (kind == JK_TERM_X) return a;
    return a * (kind == JK_TERM_PRODUCT ? jk_load_row(y + i) : a);
}

/* One whole group at element `base`: its 8 rows as a balanced tree. */
static inline jk_f64x8 jk_group(jk_term kind, const double *x, const double *y, size_t base) {
    jk_f64x8 r[JK_REDUCE_ROWS];
    for (int row = 0; row < JK_REDUCE_ROWS; row++) r[row] = jk_row_terms(kind, x, y, base + (size_t)row * JK_REDUCE_LANES);
    return ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
}

/* A block's short last group, completed with +0.0 terms. */
static inline jk_f64x8 jk_last_group(jk_term kind, const double *x, const double *y, size_t base, size_t n) {
    double xs[JK_REDUCE_GROUP] = {0}, ys[JK_REDUCE_GROUP] = {0};
    for (size_t i = base; i < n; i++) {
        xs[i - base] = x[i];
        if (kind == JK_TERM_PRODUCT) ys[i - base] = y[i];
    }
    return jk_group(kind, xs, ys, 0);
}

/* The tree over the groups when only the first m (0 < m < JK_REDUCE_GROUPS)
 * hold data: the pending subtrees (stack[l] for each set bit l of m) joined
 * bottom up, a subtree with no data beside it adding +0.0. */
static inline jk_f64x8 jk_pending_tree(const jk_f64x8 stack[JK_REDUCE_LEVELS], size_t m) {
    const jk_f64x8 zero = {0};
    int level = __builtin_ctzll(m);
    jk_f64x8 v = stack[level] + zero;
    for (level++; level < JK_REDUCE_LEVELS; level++) v = (m >> level & 1) ? stack[level] + v : v + zero;
    return v;
}

/* One block (n <= JK_REDUCE_BLOCK elements) in jk_vector.h's order. The tree
 * over the groups is a binary counter of pending subtrees (stack[level]): the
 * balanced tree when groups arrive in order, without storing them. */
static inline double jk_reduce_block(jk_term kind, const double *x, const double *y, size_t n) {
    if (n == 0) return 0.0;
    size_t full = n / JK_REDUCE_GROUP, groups = (n + JK_REDUCE_GROUP - 1) / JK_REDUCE_GROUP;
    jk_f64x8 stack[JK_REDUCE_LEVELS], root = {0};
    for (size_t k = 0; k < groups; k++) {
        jk_f64x8 v = k < full ? jk_group(kind, x, y, k * JK_REDUCE_GROUP)
                              : jk_last_group(kind, x, y, k * JK_REDUCE_GROUP, n);
        int level = 0;
        for (; k >> level & 1; level++) v = stack[level] + v;
        if (level == JK_REDUCE_LEVELS)
            root = v;
        else
            stack[level] = v;
    }
    if (groups < JK_REDUCE_GROUPS) root = jk_pending_tree(stack, groups);
    double lanes[JK_REDUCE_LANES];
    memcpy(lanes, &root, sizeof lanes);
    return jk_combine_lanes(lanes);
}

#endif
