/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Counter-based random numbers: value i of a seed's stream is a pure function of (seed, i), so a call's
 * output for (seed, offset, length) is the same however its range is cut (threads, windows, paths), and
 * filling [0, n) at once equals filling [0, k) and [k, n). The kernels (kernels/random.h) make values
 * [first, first + n) of a stream from Philox4x32-10 blocks; jk_random.h states the mapping.
 */
#include <stdatomic.h>

#include "ops.h"
#include "../kernels/random.h"

JK_KERNEL_VARIANTS(jk_random_fill_shape, random_i64);
JK_KERNEL_VARIANTS(jk_random_fill_shape, random_i32);
JK_KERNEL_VARIANTS(jk_random_fill_shape, uniform_f64);
JK_KERNEL_VARIANTS(jk_random_fill_shape, uniform_f32);

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
