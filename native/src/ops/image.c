/* Images: one row per runtime index, so the schedule decides who gets which rows. */
#include <math.h>

#include "ops.h"

static int mandelbrot_range(void *ctx, size_t row_begin, size_t row_end) {
    jk_op *op = ctx;
    op->kernels->mandelbrot_rows(&op->u.image.m, row_begin, row_end, op->u.image.out);
    return JK_OK;
}

static int valid(const jk_mandelbrot *m) {
    return m->width >= 1 && m->height >= 1 && m->max_iterations >= 1 && isfinite(m->x_min) &&
           isfinite(m->x_max) && isfinite(m->y_min) && isfinite(m->y_max);
}

static jk_status prepare(jk_op *op, jk_pool *pool, const jk_mandelbrot *m, int32_t *out, jk_schedule schedule) {
    if (!pool || !m || !out) return JK_ERR_NULL;
    if (!valid(m) || (schedule != JK_SCHEDULE_DYNAMIC && schedule != JK_SCHEDULE_STATIC)) return JK_ERR_ARGUMENT;
    size_t rows = (size_t)m->height, width = (size_t)m->width;
    if (width > SIZE_MAX / rows) return JK_ERR_ARGUMENT;
    /* STATIC: one band of rows per worker, fixed before any row runs. */
    size_t threads = (size_t)jk_pool_threads(pool);
    size_t grain = schedule == JK_SCHEDULE_STATIC ? (rows + threads - 1) / threads : 1;
    jk_op_init(op, pool, mandelbrot_range, rows, grain, 0, width, rows * width);
    op->u.image.m = *m;
    op->u.image.out = out;
    return JK_OK;
}

jk_status jk_mandelbrot_i32(jk_pool *pool, const jk_mandelbrot *m, int32_t *out, jk_schedule schedule,
                            jk_call_flags flags) {
    jk_op op;
    jk_status st = prepare(&op, pool, m, out, schedule);
    return st != JK_OK ? st : jk_ops_sync(pool, &op, flags);
}

jk_status jk_mandelbrot_i32_submit(jk_pool *pool, const jk_mandelbrot *m, int32_t *out, jk_schedule schedule,
                                   jk_call_flags flags, void *user, jk_job **job) {
    if (!job) return JK_ERR_NULL;
    jk_op op;
    jk_status st = prepare(&op, pool, m, out, schedule);
    return st != JK_OK ? st : jk_ops_submit(pool, &op, flags, user, job);
}
