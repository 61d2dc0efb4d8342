/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: vector operations on double arrays ("sum_f64",
 * "dot_f64", "axpy_f64", "scale_f64" in jk_op.h; these are typed shorthands).
 * The float forms ("sum_f32", "dot_f32", "norm2_f32", "axpy_f32", "scale_f32")
 * are reached through jk_op.h: their reductions widen each float to double
 * (exactly), follow the order below and round the total to float once.
 *
 * Determinism: reductions (sum, dot, the sum of squares of norm2) split the
 * input into fixed blocks of JK_REDUCE_BLOCK elements, a block into groups of
 * 64 (8 rows of 8 lanes: element i of a block is in group i / 64, row (i / 8)
 * mod 8, lane i mod 8).
 *   - a group's lane: its 8 rows as ((r0+r1)+(r2+r3)) + ((r4+r5)+(r6+r7));
 *   - a block's lane: its 64 groups as a balanced tree, groups[lo, hi) =
 *     groups[lo, mid) + groups[mid, hi), mid = (lo+hi)/2;
 *   - a block: its lanes as ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7));
 *   - the result: the blocks combined pairwise by index, reduce(lo, hi) =
 *     reduce(lo, mid) + reduce(mid, hi), mid = lo + (hi-lo)/2.
 * Rows, groups and lanes past a block's data contribute nothing (the kernels
 * add -0.0 there, which leaves every sum's bits unchanged). An empty input
 * gives +0.0; a sum of -0.0 terms is -0.0, as IEEE adds them.
 * Accuracy: a term passes through at most 12 + ceil(log2(blocks)) rounding
 * additions (fewer in a short block), a product adds its own rounding, so
 * the error is at most about (13 + ceil(log2(n/4096))) * u * sum|terms|,
 * u = 2^-53, like a pairwise sum. Products are rounded before they are added
 * (no FMA). The result depends on the input only: not on the thread count,
 * the ISA path or the scheduling, and the Java twin reproduces it bit for bit;
 * the one exception is which NaN a NaN result is (its sign and payload).
 *
 * Prefix sums ("prefix_sum_f64", "prefix_sum_f32" in jk_op.h; floats widened
 * to double, each result rounded to float once) use the same blocks, a block
 * in rows of 8 elements (row k holds elements 8k..8k+7 of the block):
 *   - a row's own inclusive prefix r: lane l adds lane l-1, then l-2, then
 *     l-4, each step on the previous step's values (lanes with nothing to add
 *     are left as they are);
 *   - lc, the block's rows before row k: -0.0, then lc + r[7] row by row;
 *   - an element's result: carry + (lc + r[l]);
 *   - the block's carry: -0.0 for the first block, then the previous block's
 *     carry + its last lc (exactly its last result, but for a short last
 *     row, which only the slice's last block can have).
 * A short last row completes with -0.0. An input reaches result i through at
 * most i/4096 + 516 rounded additions. The integer forms ("prefix_sum_i64",
 * "prefix_sum_i32") are exact, wrapping as two's complement does.
 */
#ifndef JKERNELS_JK_VECTOR_H
#define JKERNELS_JK_VECTOR_H

#include "jk_job.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Elements per reduction block (64 groups of 64). Part of the ABI: changing it
 * changes result bits. */
#define JK_REDUCE_BLOCK 4096
/* Lanes inside a block, rows inside a group, groups inside a block. */
#define JK_REDUCE_LANES 8
#define JK_REDUCE_ROWS 8
#define JK_REDUCE_GROUP (JK_REDUCE_ROWS * JK_REDUCE_LANES)
#define JK_REDUCE_GROUPS (JK_REDUCE_BLOCK / JK_REDUCE_GROUP)

/* *result = sum of x[0..n). */
JK_API jk_status jk_sum_f64(jk_pool *pool, const double *x, size_t n, double *result, jk_call_flags flags);

/* *result = sum of x[i]*y[i], each product rounded before it is added. */
JK_API jk_status jk_dot_f64(jk_pool *pool, const double *x, const double *y, size_t n, double *result,
                            jk_call_flags flags);

/* y[i] = y[i] + a*x[i] (product rounded, then sum rounded; no FMA). x and y
 * must not overlap partially; x == y is allowed. */
JK_API jk_status jk_axpy_f64(jk_pool *pool, double a, const double *x, double *y, size_t n, jk_call_flags flags);

/* x[i] = a*x[i]. */
JK_API jk_status jk_scale_f64(jk_pool *pool, double a, double *x, size_t n, jk_call_flags flags);

/* Asynchronous forms; sum and dot give their value through jk_job_result (.f64). */
JK_API jk_status jk_sum_f64_submit(jk_pool *pool, const double *x, size_t n, jk_call_flags flags, void *user,
                                   jk_job **job);
JK_API jk_status jk_dot_f64_submit(jk_pool *pool, const double *x, const double *y, size_t n, jk_call_flags flags,
                                   void *user, jk_job **job);
JK_API jk_status jk_axpy_f64_submit(jk_pool *pool, double a, const double *x, double *y, size_t n,
                                    jk_call_flags flags, void *user, jk_job **job);
JK_API jk_status jk_scale_f64_submit(jk_pool *pool, double a, double *x, size_t n, jk_call_flags flags, void *user,
                                     jk_job **job);

#ifdef __cplusplus
}
#endif

#endif
