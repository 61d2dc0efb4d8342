/*
 * Vector operations. Reductions cut x into JK_REDUCE_BLOCK-element blocks
 * (the last one shorter), reduce each block with the ISA path's kernel, and
 * add the block results pairwise in a fixed tree. The blocking depends on n
 * only, so the result has the same bits for every thread count and ISA path.
 */
#include <stdlib.h>

#include "ops.h"

#define REDUCE_GRAIN_BLOCKS 4
#define STREAM_GRAIN 16384

static double *partials(jk_op *op) {
    return op->u.reduce.heap ? op->u.reduce.heap : op->u.reduce.inline_partials;
}

static int reduce_range(void *ctx, size_t first_block, size_t end_block) {
    jk_op *op = ctx;
    double *p = partials(op);
    const double *x = op->u.reduce.x, *y = op->u.reduce.y;
    size_t n = op->u.reduce.len;
    for (size_t b = first_block; b < end_block; b++) {
        size_t begin = b * JK_REDUCE_BLOCK;
        size_t len = n - begin < JK_REDUCE_BLOCK ? n - begin : JK_REDUCE_BLOCK;
        p[b] = y ? op->kernels->dot_block(x + begin, y + begin, len) : op->kernels->sum_block(x + begin, len);
    }
    return JK_OK;
}

static double pairwise(const double *p, size_t lo, size_t hi) {
    if (hi - lo == 1) return p[lo];
    size_t mid = lo + (hi - lo) / 2;
    return pairwise(p, lo, mid) + pairwise(p, mid, hi);
}

static jk_status complete_reduce(jk_op *op, jk_status st) {
    op->value = st == JK_OK && op->n ? pairwise(partials(op), 0, op->n) : 0.0;
    return st;
}

static void release_reduce(jk_op *op) {
    free(op->u.reduce.heap);
    op->u.reduce.heap = NULL;
}

static jk_status prepare_reduce(jk_op *op, jk_pool *pool, const double *x, const double *y, size_t n) {
    size_t blocks = n ? (n - 1) / JK_REDUCE_BLOCK + 1 : 0;
    jk_op_init(op, pool, reduce_range, blocks, REDUCE_GRAIN_BLOCKS, 1, JK_REDUCE_BLOCK, n);
    op->complete = complete_reduce;
    op->release = release_reduce;
    op->u.reduce.x = x;
    op->u.reduce.y = y;
    op->u.reduce.len = n;
    op->u.reduce.heap = NULL;
    if (blocks > JK_OPS_INLINE_BLOCKS && !(op->u.reduce.heap = malloc(blocks * sizeof(double)))) return JK_ERR_NOMEM;
    return JK_OK;
}

static jk_status reduce_sync(jk_pool *pool, const double *x, const double *y, size_t n, double *result,
                             jk_call_flags flags) {
    jk_op op;
    jk_status st = prepare_reduce(&op, pool, x, y, n);
    if (st == JK_OK) st = jk_ops_sync(pool, &op, flags);
    if (st == JK_OK) *result = op.value;
    jk_op_release(&op);
    return st;
}

static jk_status reduce_submit(jk_pool *pool, const double *x, const double *y, size_t n, jk_call_flags flags,
                               void *user, jk_job **job) {
    jk_op op;
    jk_status st = prepare_reduce(&op, pool, x, y, n);
    if (st == JK_OK) st = jk_ops_submit(pool, &op, flags, user, job); /* the job owns the partials now */
    if (st != JK_OK) jk_op_release(&op);
    return st;
}

jk_status jk_sum_f64(jk_pool *pool, const double *x, size_t n, double *result, jk_call_flags flags) {
    if (!pool || !result || (!x && n)) return JK_ERR_NULL;
    return reduce_sync(pool, x, NULL, n, result, flags);
}

jk_status jk_dot_f64(jk_pool *pool, const double *x, const double *y, size_t n, double *result,
                     jk_call_flags flags) {
    if (!pool || !result || ((!x || !y) && n)) return JK_ERR_NULL;
    return reduce_sync(pool, x, y, n, result, flags);
}

jk_status jk_sum_f64_submit(jk_pool *pool, const double *x, size_t n, jk_call_flags flags, void *user,
                            jk_job **job) {
    if (!pool || !job || (!x && n)) return JK_ERR_NULL;
    return reduce_submit(pool, x, NULL, n, flags, user, job);
}

jk_status jk_dot_f64_submit(jk_pool *pool, const double *x, const double *y, size_t n, jk_call_flags flags,
                            void *user, jk_job **job) {
    if (!pool || !job || ((!x || !y) && n)) return JK_ERR_NULL;
    return reduce_submit(pool, x, y, n, flags, user, job);
}

static int axpy_range(void *ctx, size_t begin, size_t end) {
    jk_op *op = ctx;
    op->kernels->axpy(op->u.stream.a, op->u.stream.x + begin, op->u.stream.y + begin, end - begin);
    return JK_OK;
}

static int scale_range(void *ctx, size_t begin, size_t end) {
    jk_op *op = ctx;
    op->kernels->scale(op->u.stream.a, op->u.stream.y + begin, end - begin);
    return JK_OK;
}

/* x is NULL for scale, which works on y in place. */
static void prepare_stream(jk_op *op, jk_pool *pool, jk_range_fn fn, double a, const double *x, double *y, size_t n) {
    jk_op_init(op, pool, fn, n, STREAM_GRAIN, 1, 1, n);
    op->u.stream.a = a;
    op->u.stream.x = x;
    op->u.stream.y = y;
}

jk_status jk_axpy_f64(jk_pool *pool, double a, const double *x, double *y, size_t n, jk_call_flags flags) {
    if (!pool || ((!x || !y) && n)) return JK_ERR_NULL;
    jk_op op;
    prepare_stream(&op, pool, axpy_range, a, x, y, n);
    return jk_ops_sync(pool, &op, flags);
}

jk_status jk_scale_f64(jk_pool *pool, double a, double *x, size_t n, jk_call_flags flags) {
    if (!pool || (!x && n)) return JK_ERR_NULL;
    jk_op op;
    prepare_stream(&op, pool, scale_range, a, NULL, x, n);
    return jk_ops_sync(pool, &op, flags);
}

jk_status jk_axpy_f64_submit(jk_pool *pool, double a, const double *x, double *y, size_t n, jk_call_flags flags,
                             void *user, jk_job **job) {
    if (!pool || !job || ((!x || !y) && n)) return JK_ERR_NULL;
    jk_op op;
    prepare_stream(&op, pool, axpy_range, a, x, y, n);
    return jk_ops_submit(pool, &op, flags, user, job);
}

jk_status jk_scale_f64_submit(jk_pool *pool, double a, double *x, size_t n, jk_call_flags flags, void *user,
                              jk_job **job) {
    if (!pool || !job || (!x && n)) return JK_ERR_NULL;
    jk_op op;
    prepare_stream(&op, pool, scale_range, a, NULL, x, n);
    return jk_ops_submit(pool, &op, flags, user, job);
}
