/* Vector operations. Reductions follow the fixed blocking of jk_vector.h:
 * workers fill one partial per block, then the partials are combined pairwise
 * by index on the calling thread, so the bits never depend on scheduling. */
#include <stdlib.h>

#include "ops.h"

/* Blocks per chunk: 4 blocks = 128 KiB of doubles, a few microseconds. */
#define REDUCE_GRAIN_BLOCKS 4
/* Elements per chunk for axpy and scale. */
#define STREAM_GRAIN 16384
/* Partials for inputs up to this many blocks live on the stack. */
#define STACK_BLOCKS 64

typedef struct {
    const jk_kernel_table *kernels;
    const double *x, *y; /* y is NULL for sum */
    size_t n;
    double *partials;
} reduce_job;

static int reduce_range(void *ctx, size_t first_block, size_t end_block) {
    reduce_job *job = ctx;
    for (size_t b = first_block; b < end_block; b++) {
        size_t begin = b * JK_REDUCE_BLOCK;
        size_t len = job->n - begin < JK_REDUCE_BLOCK ? job->n - begin : JK_REDUCE_BLOCK;
        job->partials[b] = job->y ? job->kernels->dot_block(job->x + begin, job->y + begin, len)
                                  : job->kernels->sum_block(job->x + begin, len);
    }
    return JK_OK;
}

static double pairwise(const double *p, size_t lo, size_t hi) {
    if (hi - lo == 1) return p[lo];
    size_t mid = lo + (hi - lo) / 2;
    return pairwise(p, lo, mid) + pairwise(p, mid, hi);
}

static jk_status reduce(jk_pool *pool, const double *x, const double *y, size_t n, double *result,
                        jk_call_flags flags) {
    if (n == 0) {
        *result = 0.0;
        return JK_OK;
    }
    size_t blocks = (n - 1) / JK_REDUCE_BLOCK + 1;
    double stack[STACK_BLOCKS];
    double *partials = blocks <= STACK_BLOCKS ? stack : malloc(blocks * sizeof *partials);
    if (!partials) return JK_ERR_NOMEM;
    reduce_job job = {pool->kernels, x, y, n, partials};
    jk_status st = jk_ops_run(pool, reduce_range, &job, blocks, REDUCE_GRAIN_BLOCKS, 1, flags);
    if (st == JK_OK) *result = pairwise(partials, 0, blocks);
    if (partials != stack) free(partials);
    return st;
}

jk_status jk_sum_f64(jk_pool *pool, const double *x, size_t n, double *result, jk_call_flags flags) {
    if (!pool || !result || (!x && n)) return JK_ERR_NULL;
    return reduce(pool, x, NULL, n, result, flags);
}

jk_status jk_dot_f64(jk_pool *pool, const double *x, const double *y, size_t n, double *result,
                     jk_call_flags flags) {
    if (!pool || !result || ((!x || !y) && n)) return JK_ERR_NULL;
    return reduce(pool, x, y, n, result, flags);
}

typedef struct {
    const jk_kernel_table *kernels;
    double a;
    const double *x;
    double *y;
} stream_job;

static int axpy_range(void *ctx, size_t begin, size_t end) {
    stream_job *job = ctx;
    job->kernels->axpy(job->a, job->x + begin, job->y + begin, end - begin);
    return JK_OK;
}

static int scale_range(void *ctx, size_t begin, size_t end) {
    stream_job *job = ctx;
    job->kernels->scale(job->a, job->y + begin, end - begin);
    return JK_OK;
}

jk_status jk_axpy_f64(jk_pool *pool, double a, const double *x, double *y, size_t n, jk_call_flags flags) {
    if (!pool || ((!x || !y) && n)) return JK_ERR_NULL;
    stream_job job = {pool->kernels, a, x, y};
    return jk_ops_run(pool, axpy_range, &job, n, STREAM_GRAIN, 1, flags);
}

jk_status jk_scale_f64(jk_pool *pool, double a, double *x, size_t n, jk_call_flags flags) {
    if (!pool || (!x && n)) return JK_ERR_NULL;
    stream_job job = {pool->kernels, a, NULL, x};
    return jk_ops_run(pool, scale_range, &job, n, STREAM_GRAIN, 1, flags);
}
