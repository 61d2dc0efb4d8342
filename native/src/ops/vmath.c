/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Element-wise math (jk_math.h): out[i] = f(x[i]), one op per function and type, x read, out written,
 * out may be exactly x. Each element's result depends on its value only (kernels/vmath.h), so any cut of
 * the range (threads, windows, paths) gives the same bits.
 */
#include "ops.h"
#include "../kernels/vmath.h"

JK_KERNEL_VARIANTS(jk_vmath_f64_shape, exp_f64);
JK_KERNEL_VARIANTS(jk_vmath_f64_shape, log_f64);
JK_KERNEL_VARIANTS(jk_vmath_f64_shape, sqrt_f64);
JK_KERNEL_VARIANTS(jk_vmath_f32_shape, exp_f32);
JK_KERNEL_VARIANTS(jk_vmath_f32_shape, log_f32);
JK_KERNEL_VARIANTS(jk_vmath_f32_shape, sqrt_f32);

#define MATH_VARIANTS(fn)                                                                                    \
    JK_KERNEL_VARIANTS(jk_vmath_f64_shape, fn##_f64);                                                        \
    JK_KERNEL_VARIANTS(jk_vmath_f32_shape, fn##_f32)

MATH_VARIANTS(expm1);
MATH_VARIANTS(log1p);
MATH_VARIANTS(tanh);
MATH_VARIANTS(sigmoid);
MATH_VARIANTS(sin);
MATH_VARIANTS(cos);

/* Elements per chunk: a few microseconds of exp on one core, small enough to balance two threads at
 * 64 Ki elements, large enough that claiming a chunk costs well under 1%. */
#define MATH_GRAIN 8192

static int math_f64_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    ((jk_vmath_f64_shape *)op->kernel[0])(jk_op_slot(op, 0, begin), jk_op_slot(op, 1, begin), end - begin);
    return JK_OK;
}

static int math_f32_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    ((jk_vmath_f32_shape *)op->kernel[0])(jk_op_slot(op, 0, begin), jk_op_slot(op, 1, begin), end - begin);
    return JK_OK;
}

static jk_status prepare_math(jk_op *op) {
    jk_range_fn fn = op->def->slot_type[0] == JK_TYPE_F64 ? math_f64_range : math_f32_range;
    jk_op_set_range(op, fn, op->args.slot[0].length, MATH_GRAIN, 1, 1);
    return JK_OK;
}

#define MATH_OP(opname, type, kernel)                                                                        \
    static const jk_op_def opname = {.name = #opname, .slots = 2, .slot_type = {type, type},                 \
                                     .slot_role = {JK_ROLE_READ, JK_ROLE_WRITE}, .result = JK_RESULT_NONE,    \
                                     .flags = JK_OP_STREAMING | JK_OP_IN_PLACE | JK_OP_SAME_LENGTH,           \
                                     .prepare = prepare_math, .kernels = {JK_KERNEL(kernel)}};               \
    JK_REGISTER_OP(opname)

MATH_OP(math_exp_f64, JK_TYPE_F64, exp_f64);
MATH_OP(math_log_f64, JK_TYPE_F64, log_f64);
MATH_OP(math_sqrt_f64, JK_TYPE_F64, sqrt_f64);
MATH_OP(math_exp_f32, JK_TYPE_F32, exp_f32);
MATH_OP(math_log_f32, JK_TYPE_F32, log_f32);
MATH_OP(math_sqrt_f32, JK_TYPE_F32, sqrt_f32);

#define MATH_OPS(fn)                                                                                         \
    MATH_OP(math_##fn##_f64, JK_TYPE_F64, fn##_f64);                                                         \
    MATH_OP(math_##fn##_f32, JK_TYPE_F32, fn##_f32)

MATH_OPS(expm1);
MATH_OPS(log1p);
MATH_OPS(tanh);
MATH_OPS(sigmoid);
MATH_OPS(sin);
MATH_OPS(cos);
