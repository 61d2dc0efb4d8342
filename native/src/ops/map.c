/* Element-wise maps: chunks of the kernel's grain, pulled by the workers. */
#include "ops.h"

static void record_bad(jk_op *op, size_t index) {
    size_t seen = atomic_load(&op->bad_index);
    while (index < seen && !atomic_compare_exchange_weak(&op->bad_index, &seen, index)) {
    }
}

/* A kernel call on [begin, end) reported item `bad` (relative) as failing with
 * st. Returns where to go on from, or SIZE_MAX when the job must stop. */
static size_t after_failure(jk_op *op, size_t begin, size_t bad, jk_status st) {
    record_bad(op, begin + bad);
    if (st != JK_ERR_DOMAIN || !op->u.map.item_status) return SIZE_MAX;
    op->u.map.item_status[begin + bad] = (uint8_t)st;
    return begin + bad + 1;
}

static int map_i64_range(void *ctx, size_t begin, size_t end) {
    jk_op *op = ctx;
    while (begin < end) {
        size_t bad = 0;
        jk_status st = op->u.map.i64->fn((const int64_t *)op->u.map.in + begin, (int64_t *)op->u.map.out + begin,
                                         end - begin, &bad);
        if (st == JK_OK) return JK_OK;
        if ((begin = after_failure(op, begin, bad, st)) == SIZE_MAX) return st;
    }
    return JK_OK;
}

static int map_f64_range(void *ctx, size_t begin, size_t end) {
    jk_op *op = ctx;
    while (begin < end) {
        size_t bad = 0;
        jk_status st = op->u.map.f64->fn((const double *)op->u.map.in + begin, (double *)op->u.map.out + begin,
                                         end - begin, &bad);
        if (st == JK_OK) return JK_OK;
        if ((begin = after_failure(op, begin, bad, st)) == SIZE_MAX) return st;
    }
    return JK_OK;
}

/* Items that failed while the job went on make the whole map fail with DOMAIN. */
static jk_status complete_map(jk_op *op, jk_status st) {
    if (st == JK_OK && atomic_load(&op->bad_index) != SIZE_MAX) return JK_ERR_DOMAIN;
    return st;
}

/* What both element types set once the kernel's entry and range function are chosen. */
static void set_map(jk_op *op, const void *in, void *out, uint8_t *item_status) {
    op->complete = complete_map;
    op->u.map.in = in;
    op->u.map.out = out;
    op->u.map.item_status = item_status;
}

static jk_status prepare_i64(jk_op *op, jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out,
                             size_t n, uint8_t *item_status) {
    if (!pool || ((!in || !out) && n)) return JK_ERR_NULL;
    if (kernel < 0 || kernel >= JK_I64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    const jk_map_i64_entry *entry = &pool->kernels->map_i64[kernel];
    jk_op_init(op, pool, map_i64_range, n, entry->grain, entry->cheap, 1, n);
    op->u.map.i64 = entry;
    set_map(op, in, out, item_status);
    return JK_OK;
}

static jk_status prepare_f64(jk_op *op, jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out,
                             size_t n, uint8_t *item_status) {
    if (!pool || ((!in || !out) && n)) return JK_ERR_NULL;
    if (kernel < 0 || kernel >= JK_F64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    const jk_map_f64_entry *entry = &pool->kernels->map_f64[kernel];
    jk_op_init(op, pool, map_f64_range, n, entry->grain, entry->cheap, 1, n);
    op->u.map.f64 = entry;
    set_map(op, in, out, item_status);
    return JK_OK;
}

/* Runs a prepared map (or returns why it could not be prepared) and reports the lowest bad item. */
static jk_status run_map(jk_pool *pool, jk_op *op, jk_status prepared, size_t *bad_index, jk_call_flags flags) {
    if (prepared != JK_OK) return prepared;
    jk_status st = jk_ops_sync(pool, op, flags);
    if (st == JK_ERR_DOMAIN && bad_index) *bad_index = atomic_load(&op->bad_index);
    return st;
}

jk_status jk_map_i64(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out, size_t n,
                     size_t *bad_index, jk_call_flags flags) {
    jk_op op;
    return run_map(pool, &op, prepare_i64(&op, pool, kernel, in, out, n, NULL), bad_index, flags);
}

jk_status jk_map_f64(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out, size_t n,
                     size_t *bad_index, jk_call_flags flags) {
    jk_op op;
    return run_map(pool, &op, prepare_f64(&op, pool, kernel, in, out, n, NULL), bad_index, flags);
}

jk_status jk_map_i64_submit(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out, size_t n,
                            uint8_t *item_status, jk_call_flags flags, void *user, jk_job **job) {
    if (!job) return JK_ERR_NULL;
    jk_op op;
    jk_status st = prepare_i64(&op, pool, kernel, in, out, n, item_status);
    return st != JK_OK ? st : jk_ops_submit(pool, &op, flags, user, job);
}

jk_status jk_map_f64_submit(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out, size_t n,
                            uint8_t *item_status, jk_call_flags flags, void *user, jk_job **job) {
    if (!job) return JK_ERR_NULL;
    jk_op op;
    jk_status st = prepare_f64(&op, pool, kernel, in, out, n, item_status);
    return st != JK_OK ? st : jk_ops_submit(pool, &op, flags, user, job);
}
