/* SPDX-License-Identifier: Apache-2.0 */
/* Element-wise maps, one operation per kernel: out[i] = f(in[i]), in chunks of
 * the kernel's grain pulled by the workers. Costly kernels (fib: an item may
 * take seconds) go one item per chunk so uneven items balance. */
#include "ops.h"
#include "../kernels/map.h"

JK_KERNEL_VARIANTS(jk_map_i64_shape, fib_i64);
JK_KERNEL_VARIANTS(jk_map_i64_shape, square_i64);
JK_KERNEL_VARIANTS(jk_map_f64_shape, square_f64);

/* What a map definition sets: items per chunk, and whether one chunk is cheap
 * enough to run on the calling thread. */
typedef struct {
    size_t grain;
    int cheap;
} map_params;

static const map_params costly_items = {1, 0};
static const map_params cheap_items = {16384, 1}; /* 128 KiB of doubles per chunk */

/* A kernel call on [begin, end) reported item `bad` (relative) failing with st.
 * Returns where to go on from, or SIZE_MAX when the call must stop. */
static size_t after_failure(jk_op *op, size_t begin, size_t bad, jk_status st) {
    jk_op_record_bad(op, begin + bad);
    if (st != JK_ERR_DOMAIN || !op->args.item_status) return SIZE_MAX;
    op->args.item_status[begin + bad] = (uint8_t)st;
    return begin + bad + 1;
}

static int map_i64_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    jk_map_i64_shape *kernel = (jk_map_i64_shape *)op->kernel[0];
    while (begin < end) {
        size_t bad = 0;
        jk_status st = kernel(jk_op_slot(op, 0, begin), jk_op_slot(op, 1, begin), end - begin, &bad);
        if (st == JK_OK) return JK_OK;
        if ((begin = after_failure(op, begin, bad, st)) == SIZE_MAX) return st;
    }
    return JK_OK;
}

static int map_f64_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    jk_map_f64_shape *kernel = (jk_map_f64_shape *)op->kernel[0];
    while (begin < end) {
        size_t bad = 0;
        jk_status st = kernel(jk_op_slot(op, 0, begin), jk_op_slot(op, 1, begin), end - begin, &bad);
        if (st == JK_OK) return JK_OK;
        if ((begin = after_failure(op, begin, bad, st)) == SIZE_MAX) return st;
    }
    return JK_OK;
}

static jk_status prepare_map(jk_op *op) {
    const map_params *p = op->def->params;
    jk_range_fn fn = op->def->slot_type[0] == JK_TYPE_I64 ? map_i64_range : map_f64_range;
    jk_op_set_range(op, fn, op->args.slot[0].length, p->grain, 1, p->cheap);
    return JK_OK;
}

#define MAP_FLAGS (JK_OP_ITEM_FAILURES | JK_OP_IN_PLACE | JK_OP_SAME_LENGTH)
#define MAP_OP(type) .slots = 2, .slot_type = {type, type}, .slot_role = {JK_ROLE_READ, JK_ROLE_WRITE}, \
                     .result = JK_RESULT_NONE, .prepare = prepare_map

/* The seed's naive fib (n <= 2 -> 1), domain 0..92: compute-bound, items of
 * very uneven cost, so never pinned and one item per chunk. */
static const jk_op_def map_fib_i64 = {.name = "map_fib_i64", MAP_OP(JK_TYPE_I64), .flags = MAP_FLAGS | JK_OP_COSTLY,
                                      .params = &costly_items, .kernels = {JK_KERNEL(fib_i64)}};
JK_REGISTER_OP(map_fib_i64);

/* n * n, wrapping like Java's long multiply. */
static const jk_op_def map_square_i64 = {.name = "map_square_i64", MAP_OP(JK_TYPE_I64),
                                         .flags = MAP_FLAGS | JK_OP_STREAMING, .params = &cheap_items,
                                         .kernels = {JK_KERNEL(square_i64)}};
JK_REGISTER_OP(map_square_i64);

/* x * x, IEEE 754. */
static const jk_op_def map_square_f64 = {.name = "map_square_f64", MAP_OP(JK_TYPE_F64),
                                         .flags = MAP_FLAGS | JK_OP_STREAMING, .params = &cheap_items,
                                         .kernels = {JK_KERNEL(square_f64)}};
JK_REGISTER_OP(map_square_f64);

/* ---- the typed C API (jk_map.h) ---- */

static const jk_op_def *const i64_maps[JK_I64_KERNEL_COUNT] = {[JK_I64_FIB] = &map_fib_i64,
                                                               [JK_I64_SQUARE] = &map_square_i64};
static const jk_op_def *const f64_maps[JK_F64_KERNEL_COUNT] = {[JK_F64_SQUARE] = &map_square_f64};

static jk_args map_args(const void *in, void *out, size_t n, uint8_t *item_status) {
    return (jk_args){.size = sizeof(jk_args), .slot = {{(void *)in, n}, {out, n}}, .item_status = item_status};
}

jk_status jk_map_i64(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out, size_t n,
                     size_t *bad_index, jk_call_flags flags) {
    if (kernel < 0 || kernel >= JK_I64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    jk_args a = map_args(in, out, n, NULL);
    return jk_call(pool, i64_maps[kernel], &a, NULL, bad_index, flags);
}

jk_status jk_map_f64(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out, size_t n,
                     size_t *bad_index, jk_call_flags flags) {
    if (kernel < 0 || kernel >= JK_F64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    jk_args a = map_args(in, out, n, NULL);
    return jk_call(pool, f64_maps[kernel], &a, NULL, bad_index, flags);
}

jk_status jk_map_i64_submit(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out, size_t n,
                            uint8_t *item_status, jk_call_flags flags, void *user, jk_job **job) {
    if (job) *job = NULL;
    if (kernel < 0 || kernel >= JK_I64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    jk_args a = map_args(in, out, n, item_status);
    return jk_call_submit(pool, i64_maps[kernel], &a, flags, user, job);
}

jk_status jk_map_f64_submit(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out, size_t n,
                            uint8_t *item_status, jk_call_flags flags, void *user, jk_job **job) {
    if (job) *job = NULL;
    if (kernel < 0 || kernel >= JK_F64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    jk_args a = map_args(in, out, n, item_status);
    return jk_call_submit(pool, f64_maps[kernel], &a, flags, user, job);
}
