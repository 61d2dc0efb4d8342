/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: counter-based random numbers, reached through jk_op.h
 * ("random_bits_i64", "random_bits_i32", "random_uniform_f64",
 * "random_uniform_f32"; one written slot, integer arguments i[0] = the seed and
 * i[1] = the offset, the stream index of the slot's first element).
 *
 * The stream of a seed is Philox4x32-10 (Salmon et al., SC'11; it matches
 * Random123's known-answer vectors) with key (k0, k1) = (the seed's low 32 bits,
 * its high 32 bits) and block j's counter (j mod 2^32, j / 2^32, 0, 0); block j
 * gives words 4j .. 4j+3 in its output order. Then:
 *   - 32-bit value i is word i;
 *   - 64-bit value i is word 2i | word 2i+1 << 32;
 *   - uniform double i is (64-bit value i >> 11) * 2^-53: in [0, 1), never 1.0,
 *     each of the 2^53 multiples of 2^-53 equally likely;
 *   - uniform float i is (word i >> 8) * 2^-24: in [0, 1), never 1.0f.
 * Value i depends on (seed, i) only: any cut of a range into calls, threads or
 * ISA paths gives the same values. The offset is >= 0 and offset + length must
 * not exceed INT64_MAX (JK_ERR_ARGUMENT otherwise).
 */
#ifndef JKERNELS_JK_RANDOM_H
#define JKERNELS_JK_RANDOM_H

#include "jk_op.h"

#endif
