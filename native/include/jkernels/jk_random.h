/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: counter-based random numbers, reached through jk_op.h
 * ("random_bits_i64", "random_bits_i32", "random_uniform_f64",
 * "random_uniform_f32", "random_normal_f64", "random_normal_f32"; one written
 * slot, integer arguments i[0] = the seed and i[1] = the offset, the stream
 * index of the slot's first element).
 *
 * The stream of a seed is Philox4x32-10 (Salmon et al., SC'11; it matches
 * Random123's known-answer vectors) with key (k0, k1) = (the seed's low 32 bits,
 * its high 32 bits) and block j's counter (j mod 2^32, j / 2^32, 0, 0); block j
 * gives words 4j .. 4j+3 in its output order. Then:
 *   - 32-bit value i is word i;
 *   - 64-bit value i is word 2i | word 2i+1 << 32;
 *   - uniform double i is (64-bit value i >> 11) * 2^-53: in [0, 1), never 1.0,
 *     each of the 2^53 multiples of 2^-53 equally likely;
 *   - uniform float i is (word i >> 8) * 2^-24: in [0, 1), never 1.0f;
 *   - normal doubles 2j and 2j+1 are block j's Box-Muller pair: with u1 =
 *     ((64-bit value 2j >> 11) + 1) * 2^-53 in (0, 1] and u2 = uniform double
 *     2j + 1, they are R cos(2 pi u2) and R sin(2 pi u2), R = sqrt(-2 log u1);
 *     normal floats 4j .. 4j+3 are two such pairs in float arithmetic, from
 *     words (4j, 4j+1) and (4j+2, 4j+3) (u1 = ((word >> 8) + 1) * 2^-24, u2 the
 *     uniform float). log, sqrt, sine and cosine are jkernels' own, the same
 *     bits on every path; never NaN or infinite, |value| <= 8.58 (floats 5.77).
 * Value i depends on (seed, i) only: any cut of a range into calls, threads or
 * ISA paths gives the same values. The offset is >= 0 and offset + length must
 * not exceed INT64_MAX (JK_ERR_ARGUMENT otherwise).
 *
 * "random_option" prices a European option by Monte Carlo, in units of the
 * strike K: slot 0 is two written doubles, i[0] the seed, i[1] the paths
 * (2 .. 2^62), i[2] 1 for a put (0 a call), d[0] m = F / K, the forward price
 * spot e^((rate - volatility^2 / 2) years) over the strike (1e-100 .. 1e100),
 * d[1] s = volatility * sqrt(years) (0 .. 10). Path i takes z = normal double
 * i, Y = (payoff(m e^(s z)) + payoff(m e^(-s z))) / 2 with payoff(S) =
 * max(S - 1, 0) (a put: max(1 - S, 0)), and slot 0 receives S1 and S2, the
 * sums of Y - C and (Y - C)^2 with C = payoff(m). With n paths and D = K
 * e^(-rate years): price = D (C + S1 / n), standard error = D sqrt(max(0,
 * (S2 - S1 S1 / n) / (n - 1)) / n). The sums are the same bits for every
 * thread count.
 */
#ifndef JKERNELS_JK_RANDOM_H
#define JKERNELS_JK_RANDOM_H

#include "jk_op.h"

#endif
