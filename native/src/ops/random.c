/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Counter-based random numbers: value i of a seed's stream is a pure function of (seed, i), so a call's
 * output for (seed, offset, length) is the same however its range is cut (threads, windows, paths), and
 * filling [0, n) at once equals filling [0, k) and [k, n). The kernels (kernels/random.h) make values
 * [first, first + n) of a stream from Philox4x32-10 blocks; jk_random.h states the mapping.
 */
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
