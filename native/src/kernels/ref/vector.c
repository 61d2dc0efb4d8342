/* SPDX-License-Identifier: Apache-2.0 */
/* Reference vector kernels, the baseline path. The reductions are vector.h's
 * one writing of jk_vector.h's order, here with baseline flags (SSE2). The Java
 * twin ports the same algorithm; CrossBackendTest also holds every path to a
 * literal reading of the order as jk_vector.h states it. */
#define JK_EXTREMES_HOW plain /* the loop that defines the answer; the other paths vectorize it */
#include "../vector.h"

JK_VECTOR_KERNELS(ref)

jk_axpy_shape jkk_ref_axpy_f64;
jk_scale_shape jkk_ref_scale_f64;

void jkk_ref_axpy_f64(double a, const void *xv, void *yv, size_t n) {
    const double *x = xv;
    double *y = yv;
    for (size_t i = 0; i < n; i++) y[i] += a * x[i];
}

void jkk_ref_scale_f64(double a, void *xv, size_t n) {
    double *x = xv;
    for (size_t i = 0; i < n; i++) x[i] *= a;
}
