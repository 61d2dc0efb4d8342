/* SPDX-License-Identifier: Apache-2.0 */
/* Reference vector kernels, the baseline path. The reductions are vector.h's
 * one writing of jk_vector.h's order, here with baseline flags (SSE2); the Java
 * twin is the independent writing that the tests hold every path to. */
#include "../vector.h"

jk_block1_f64_shape jkk_ref_sum_block_f64;
jk_block1_f64_shape jkk_ref_sumsq_block_f64;
jk_block2_f64_shape jkk_ref_dot_block_f64;
jk_axpy_f64_shape jkk_ref_axpy_f64;
jk_scale_f64_shape jkk_ref_scale_f64;

/* The reductions: jk_vector.h's order as vector.h writes it, with this file's flags. */
double jkk_ref_sum_block_f64(const double *x, size_t n) { return jk_reduce_block(JK_TERM_X, x, NULL, n); }

double jkk_ref_sumsq_block_f64(const double *x, size_t n) { return jk_reduce_block(JK_TERM_SQUARE, x, NULL, n); }

double jkk_ref_dot_block_f64(const double *x, const double *y, size_t n) {
    return jk_reduce_block(JK_TERM_PRODUCT, x, y, n);
}

void jkk_ref_axpy_f64(double a, const double *x, double *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] += a * x[i];
}

void jkk_ref_scale_f64(double a, double *x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] *= a;
}
