/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: element-wise math, reached through jk_op.h
 * ("math_exp_f64", "math_log_f64", "math_sqrt_f64" and their "_f32" forms):
 * slot 0 the input x (read), slot 1 the output out (written, the same length),
 * which may be exactly x; no scalars, no result. out[i] = f(x[i]).
 *
 * Every ISA path and the Java twin give the same bits: each result depends on
 * its element's value only, computed by the same IEEE operations and fused
 * multiply-adds (the algorithms: src/kernels/vmath.h). Accuracy: within 1 ulp
 * of the exact result (sqrt correctly rounded); the bound measured is in the
 * Java API's documentation (VectorMath). Special values as Java's Math: NaN in
 * gives that NaN back; exp overflows to +Infinity and underflows to +0.0 at
 * the thresholds of the correctly rounded function; log of a negative number
 * is the canonical NaN, of +-0.0 -Infinity, of +Infinity +Infinity.
 */
#ifndef JKERNELS_JK_MATH_H
#define JKERNELS_JK_MATH_H

#include "jk_op.h"

#endif
