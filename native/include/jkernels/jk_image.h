/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: images ("mandelbrot_i32" in jk_op.h). Mandelbrot
 * escape counts, an irregular workload: rows inside the set cost
 * max_iterations per pixel, rows outside a few, so how the rows are shared
 * decides the parallel efficiency.
 */
#ifndef JKERNELS_JK_IMAGE_H
#define JKERNELS_JK_IMAGE_H

#include "jk_job.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pixel (col, row) is c = (x_min + col * dx) + i (y_min + row * dy) with
 * dx = (x_max - x_min) / width and dy = (y_max - y_min) / height, computed in
 * that order in IEEE double without fused multiply-add; its value is the
 * number of iterations z = z^2 + c (z0 = 0) run while |z|^2 <= 4 held before
 * each, at most max_iterations: 1 for a c that leaves at once (|c| > 2),
 * max_iterations for one that never leaves. out is row-major, width * height
 * values. */
typedef struct jk_mandelbrot {
    int32_t width, height; /* >= 1 each */
    double x_min, x_max, y_min, y_max; /* finite */
    int32_t max_iterations; /* >= 1 */
    int32_t reserved[3];    /* zero */
} jk_mandelbrot;

/* How rows are shared among workers: DYNAMIC hands out one row at a time to
 * whichever worker is free; STATIC cuts the image into one band per worker,
 * decided up front (the classic split, kept to show what DYNAMIC buys). */
typedef enum jk_schedule { JK_SCHEDULE_DYNAMIC = 0, JK_SCHEDULE_STATIC = 1 } jk_schedule;

/* Errors: JK_ERR_NULL, JK_ERR_ARGUMENT (a size, bound, schedule or reserved field). */
JK_API jk_status jk_mandelbrot_i32(jk_pool *pool, const jk_mandelbrot *m, int32_t *out, jk_schedule schedule,
                                   jk_call_flags flags);
JK_API jk_status jk_mandelbrot_i32_submit(jk_pool *pool, const jk_mandelbrot *m, int32_t *out, jk_schedule schedule,
                                          jk_call_flags flags, void *user, jk_job **job);

#ifdef __cplusplus
}
#endif

#endif
