/* SPDX-License-Identifier: Apache-2.0 */
/* Reference vector kernels: the lane order of jk_vector.h, which every ISA
 * path reproduces bit for bit. */
#include "../vector.h"

jk_block1_f64_shape jkk_ref_sum_block_f64;
jk_block1_f64_shape jkk_ref_sumsq_block_f64;
jk_block2_f64_shape jkk_ref_dot_block_f64;
jk_axpy_f64_shape jkk_ref_axpy_f64;
jk_scale_f64_shape jkk_ref_scale_f64;

double jkk_ref_sum_block_f64(const double *x, size_t n) {
    double lanes[JK_REDUCE_LANES] = {0};
    for (size_t i = 0; i < n; i++) lanes[i % JK_REDUCE_LANES] += x[i];
    return jk_combine_lanes(lanes);
}

double jkk_ref_sumsq_block_f64(const double *x, size_t n) {
    double lanes[JK_REDUCE_LANES] = {0};
    for (size_t i = 0; i < n; i++) lanes[i % JK_REDUCE_LANES] += x[i] * x[i];
    return jk_combine_lanes(lanes);
}

double jkk_ref_dot_block_f64(const double *x, const double *y, size_t n) {
    double lanes[JK_REDUCE_LANES] = {0};
    for (size_t i = 0; i < n; i++) lanes[i % JK_REDUCE_LANES] += x[i] * y[i];
    return jk_combine_lanes(lanes);
}

void jkk_ref_axpy_f64(double a, const double *x, double *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] += a * x[i];
}

void jkk_ref_scale_f64(double a, double *x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] *= a;
}
