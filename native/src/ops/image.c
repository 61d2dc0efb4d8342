/* SPDX-License-Identifier: Apache-2.0 */
/* Images: one row per work index, so the schedule decides who gets which rows.
 * Compute-bound (a pixel may take max_iterations steps): never pinned. */
#include <math.h>

#include "ops.h"
#include "../kernels/image.h"

JK_KERNEL_VARIANTS(jk_mandelbrot_rows_shape, mandelbrot_rows);

/* Scalars of mandelbrot_i32. */
enum { WIDTH, HEIGHT, MAX_ITERATIONS, SCHEDULE };
enum { X_MIN, X_MAX, Y_MIN, Y_MAX };

typedef struct {
    jk_mandelbrot m;
} image_state;

static int mandelbrot_range(void *ctx, size_t row_begin, size_t row_end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    const jk_mandelbrot *m = &JK_OP_STATE(op, image_state)->m;
    ((jk_mandelbrot_rows_shape *)op->kernel[0])(m, row_begin, row_end,
                                                 jk_op_slot(op, 0, row_begin * (size_t)m->width));
    return JK_OK;
}

static jk_status check_mandelbrot(const jk_args *a) {
    const int64_t *i = a->i;
    const double *d = a->d;
    if (i[WIDTH] < 1 || i[WIDTH] > INT32_MAX || i[HEIGHT] < 1 || i[HEIGHT] > INT32_MAX) return JK_ERR_ARGUMENT;
    if (i[MAX_ITERATIONS] < 1 || i[MAX_ITERATIONS] > INT32_MAX) return JK_ERR_ARGUMENT;
    if (i[SCHEDULE] != JK_SCHEDULE_DYNAMIC && i[SCHEDULE] != JK_SCHEDULE_STATIC) return JK_ERR_ARGUMENT;
    if (!isfinite(d[X_MIN]) || !isfinite(d[X_MAX]) || !isfinite(d[Y_MIN]) || !isfinite(d[Y_MAX])) return JK_ERR_ARGUMENT;
    if ((uint64_t)i[WIDTH] * (uint64_t)i[HEIGHT] != a->slot[0].length) return JK_ERR_ARGUMENT;
    return JK_OK;
}

static jk_status prepare_mandelbrot(jk_op *op) {
    const int64_t *i = op->args.i;
    const double *d = op->args.d;
    image_state *s = JK_OP_STATE(op, image_state);
    s->m = (jk_mandelbrot){(int32_t)i[WIDTH], (int32_t)i[HEIGHT], d[X_MIN], d[X_MAX], d[Y_MIN], d[Y_MAX],
                           (int32_t)i[MAX_ITERATIONS], {0}};
    size_t rows = (size_t)s->m.height, threads = (size_t)jk_pool_threads(op->pool);
    /* STATIC: one band of rows per worker, fixed before any row runs. */
    size_t grain = i[SCHEDULE] == JK_SCHEDULE_STATIC ? (rows + threads - 1) / threads : 1;
    jk_op_set_range(op, mandelbrot_range, rows, grain, (size_t)s->m.width, 0);
    return JK_OK;
}

/* Escape counts, row-major (jk_image.h); ints: width, height, max_iterations,
 * schedule; reals: x_min, x_max, y_min, y_max. */
static const jk_op_def mandelbrot_i32 = {.name = "mandelbrot_i32", .slots = 1, .ints = 4, .reals = 4,
                                         .slot_type = {JK_TYPE_I32}, .slot_role = {JK_ROLE_WRITE},
                                         .result = JK_RESULT_NONE, .flags = JK_OP_COSTLY,
                                         .check = check_mandelbrot, .prepare = prepare_mandelbrot,
                                         .kernels = {JK_KERNEL(mandelbrot_rows)}};
JK_REGISTER_OP(mandelbrot_i32);

static jk_status image_args(const jk_mandelbrot *m, int32_t *out, jk_schedule schedule, jk_args *a) {
    if (!m) return JK_ERR_NULL;
    if (m->reserved[0] || m->reserved[1] || m->reserved[2]) return JK_ERR_ARGUMENT;
    size_t pixels = m->width > 0 && m->height > 0 ? (size_t)m->width * (size_t)m->height : 0;
    if (!out) return JK_ERR_NULL;
    *a = (jk_args){.size = sizeof(jk_args), .slot = {{out, pixels}},
                   .i = {m->width, m->height, m->max_iterations, schedule},
                   .d = {m->x_min, m->x_max, m->y_min, m->y_max}};
    return JK_OK;
}

jk_status jk_mandelbrot_i32(jk_pool *pool, const jk_mandelbrot *m, int32_t *out, jk_schedule schedule,
                            jk_call_flags flags) {
    jk_args a;
    jk_status st = image_args(m, out, schedule, &a);
    return st != JK_OK ? st : jk_call(pool, &mandelbrot_i32, &a, NULL, NULL, flags);
}

jk_status jk_mandelbrot_i32_submit(jk_pool *pool, const jk_mandelbrot *m, int32_t *out, jk_schedule schedule,
                                   jk_call_flags flags, void *user, jk_job **job) {
    if (job) *job = NULL;
    jk_args a;
    jk_status st = image_args(m, out, schedule, &a);
    return st != JK_OK ? st : jk_call_submit(pool, &mandelbrot_i32, &a, flags, user, job);
}
