/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Counter-based random numbers: value i of a seed's stream is a pure function of (seed, i), so a call's
 * output for (seed, offset, length) is the same however its range is cut (threads, windows, paths), and
 * filling [0, n) at once equals filling [0, k) and [k, n). The kernels (kernels/random.h) make values
 * [first, first + n) of a stream from Philox4x32-10 blocks; jk_random.h states the mapping, normals included.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "ops.h"
#include "../kernels/random.h"

JK_KERNEL_VARIANTS(jk_random_fill_shape, random_i64);
JK_KERNEL_VARIANTS(jk_random_fill_shape, random_i32);
JK_KERNEL_VARIANTS(jk_random_fill_shape, uniform_f64);
JK_KERNEL_VARIANTS(jk_random_fill_shape, uniform_f32);
JK_KERNEL_VARIANTS(jk_random_fill_shape, normal_f64);
JK_KERNEL_VARIANTS(jk_random_fill_shape, normal_f32);

#define RANDOM_GRAIN 16384 /* values per chunk */

/* Values [begin, end) of the slice are stream values offset + begin ... (i[0] the seed, i[1] the offset). */
static int random_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    uint64_t seed = (uint64_t)op->args.i[0], offset = (uint64_t)op->args.i[1];
    ((jk_random_fill_shape *)op->kernel[0])(seed, offset + begin, end - begin, jk_op_slot(op, 0, begin));
    return JK_OK;
}

/* The offset is a stream index (>= 0), and the end of the range, offset + length, fits in a long. */
static jk_status check_random(const jk_args *a) {
    int64_t offset = a->i[1];
    if (offset < 0 || (uint64_t)offset > (uint64_t)INT64_MAX - a->slot[0].length) return JK_ERR_ARGUMENT;
    return JK_OK;
}

static jk_status prepare_random(jk_op *op) {
    jk_op_set_range(op, random_range, op->args.slot[0].length, RANDOM_GRAIN, 1, 1);
    return JK_OK;
}

#define RANDOM_OP(opname, type, kernel)                                                                      \
    static const jk_op_def opname = {.name = #opname, .slots = 1, .ints = 2, .slot_type = {type},            \
                                     .slot_role = {JK_ROLE_WRITE}, .result = JK_RESULT_NONE,                \
                                     .flags = JK_OP_STREAMING, .check = check_random,                       \
                                     .prepare = prepare_random, .kernels = {JK_KERNEL(kernel)}};            \
    JK_REGISTER_OP(opname)

RANDOM_OP(random_bits_i64, JK_TYPE_I64, random_i64);
RANDOM_OP(random_bits_i32, JK_TYPE_I32, random_i32);
RANDOM_OP(random_uniform_f64, JK_TYPE_F64, uniform_f64);
RANDOM_OP(random_uniform_f32, JK_TYPE_F32, uniform_f32);
RANDOM_OP(random_normal_f64, JK_TYPE_F64, normal_f64);
RANDOM_OP(random_normal_f32, JK_TYPE_F32, normal_f32);

/* ---- estimatePi: sample k is the point (uniform double 2k, uniform double 2k + 1) of the stream (block k's
 * two 64-bit values); the estimate is 4 * (points with x^2 + y^2 < 1) / samples. Counts add in any order,
 * so the estimate is the same for every cut of the samples. */

#define PI_GRAIN 65536 /* samples per chunk */
#define PI_BATCH 512   /* samples generated at a time, on the stack (8 KiB) */

typedef struct {
    atomic_uint_fast64_t inside;
} pi_state;

static int pi_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    uint64_t seed = (uint64_t)op->args.i[0], inside = 0;
    double xy[2 * PI_BATCH];
    for (size_t k = begin; k < end; k += PI_BATCH) {
        size_t m = end - k < PI_BATCH ? end - k : PI_BATCH;
        ((jk_random_fill_shape *)op->kernel[0])(seed, 2 * (uint64_t)k, 2 * m, xy);
        for (size_t i = 0; i < m; i++) inside += xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1] < 1.0;
    }
    atomic_fetch_add_explicit(&JK_OP_STATE(op, pi_state)->inside, inside, memory_order_relaxed);
    return JK_OK;
}

static jk_status complete_pi(jk_op *op, jk_status st) {
    if (st != JK_OK) return st;
    uint64_t inside = atomic_load(&JK_OP_STATE(op, pi_state)->inside);
    op->value.f64 = 4.0 * (double)inside / (double)op->args.i[1];
    return st;
}

/* 1 <= samples <= 2^62 (the stream indices 2k + 1 stay below 2^63), within the runtime's index range. */
static jk_status check_pi(const jk_args *a) {
    return a->i[1] >= 1 && a->i[1] <= (int64_t)1 << 62 && (uint64_t)a->i[1] <= JK_RT_MAX_INDEX ? JK_OK : JK_ERR_ARGUMENT;
}

static jk_status prepare_pi(jk_op *op) {
    jk_op_set_range(op, pi_range, (size_t)op->args.i[1], PI_GRAIN, 1, 1);
    op->complete = complete_pi;
    atomic_init(&JK_OP_STATE(op, pi_state)->inside, 0);
    return JK_OK;
}

static const jk_op_def random_pi = {.name = "random_pi", .slots = 0, .ints = 2, .result = JK_RESULT_F64,
                                    .check = check_pi, .prepare = prepare_pi, .kernels = {JK_KERNEL(uniform_f64)}};
JK_REGISTER_OP(random_pi);

/* ---- europeanOption: path i is normal double i of the stream and its antithetic (kernels/random.h's
 * jk_option_paths, which states the value). The paths fall in blocks of a size that depends on their count
 * only (at least OPTION_BLOCK, at most 2^20 blocks), each block's two sums computed in a fixed order, the
 * blocks' added pairwise: the same bits for every cut. Slot 0 (two doubles, written) receives the sums of
 * Y - C and (Y - C)^2, in strikes; the caller makes the price and its standard error of them. Integers: the
 * seed, the paths (2 to 2^62), 1 for a put (0 a call); reals: the forward price over the strike, volatility
 * * sqrt(years). The sums are written by complete(), which is safe because the op is not streaming: its slot
 * is a native copy (sync) or the job's own (async) until after complete() has run. */

JK_KERNEL_VARIANTS(jk_option_shape, option_f64);

#define OPTION_BLOCK 65536 /* paths: a millisecond or two, so two threads balance from a few blocks */
#define OPTION_MAX_BLOCKS ((uint64_t)1 << 20)

typedef struct {
    double *sums; /* two per block */
    uint64_t per_block;
} option_state;

static uint64_t option_block_paths(uint64_t paths) {
    uint64_t even = (paths + OPTION_MAX_BLOCKS - 1) / OPTION_MAX_BLOCKS;
    return even > OPTION_BLOCK ? even : OPTION_BLOCK;
}

static int option_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    option_state *s = JK_OP_STATE(op, option_state);
    uint64_t paths = (uint64_t)op->args.i[1];
    for (size_t b = begin; b < end; b++) {
        uint64_t first = b * s->per_block, n = paths - first < s->per_block ? paths - first : s->per_block;
        ((jk_option_shape *)op->kernel[0])((uint64_t)op->args.i[0], first, (size_t)n, op->args.d, (int)op->args.i[2],
                                           s->sums + 2 * b);
    }
    return JK_OK;
}

/* Sum k (0 or 1) of blocks [lo, hi), halved recursively. */
static double option_pairwise(const double *sums, size_t lo, size_t hi, int k) {
    if (hi - lo == 1) return sums[2 * lo + k];
    size_t mid = lo + (hi - lo) / 2;
    return option_pairwise(sums, lo, mid, k) + option_pairwise(sums, mid, hi, k);
}

static jk_status complete_option(jk_op *op, jk_status st) {
    if (st != JK_OK) return st;
    option_state *s = JK_OP_STATE(op, option_state);
    double *out = jk_op_slot(op, 0, 0);
    out[0] = option_pairwise(s->sums, 0, op->work.end, 0);
    out[1] = option_pairwise(s->sums, 0, op->work.end, 1);
    return st;
}

static void release_option(jk_op *op) {
    option_state *s = JK_OP_STATE(op, option_state);
    free(s->sums);
    s->sums = NULL;
}

/* The bounds keep every value and both sums finite (jk_option_paths): m within [1e-100, 1e100], d within [0, 10]. */
static jk_status check_option(const jk_args *a) {
    double moneyness = a->d[0], diffusion = a->d[1];
    if (a->slot[0].length != 2 || a->i[1] < 2 || a->i[1] > (int64_t)1 << 62 || (a->i[2] != 0 && a->i[2] != 1))
        return JK_ERR_ARGUMENT;
    if (!(moneyness >= 1e-100 && moneyness <= 1e100) || !(diffusion >= 0 && diffusion <= 10)) return JK_ERR_ARGUMENT;
    return JK_OK;
}

static jk_status prepare_option(jk_op *op) {
    option_state *s = JK_OP_STATE(op, option_state);
    uint64_t paths = (uint64_t)op->args.i[1];
    s->per_block = option_block_paths(paths);
    size_t blocks = (size_t)((paths + s->per_block - 1) / s->per_block);
    jk_op_set_range(op, option_range, blocks, 1, (size_t)s->per_block, 1);
    op->items = (size_t)paths;
    op->complete = complete_option;
    op->release = release_option;
    s->sums = malloc(blocks * 2 * sizeof(double));
    return s->sums ? JK_OK : JK_ERR_NOMEM;
}

static const jk_op_def random_option = {.name = "random_option", .slots = 1, .ints = 3, .reals = 2,
                                        .slot_type = {JK_TYPE_F64}, .slot_role = {JK_ROLE_WRITE},
                                        .result = JK_RESULT_NONE, .check = check_option,
                                        .prepare = prepare_option, .kernels = {JK_KERNEL(option_f64)}};
JK_REGISTER_OP(random_option);
