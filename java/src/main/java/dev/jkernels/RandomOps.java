// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.OpSpec;
import dev.jkernels.internal.RandomSpecs;
import java.util.Objects;

/**
 * Counter-based random numbers on one {@link KernelPool}: get them with {@link KernelPool#random()}.
 * Thread-safe; the same argument and closed-pool rules as the pool's.
 *
 * <p><b>The stream.</b> A seed names a stream of values at indices 0 to {@link Long#MAX_VALUE} - 1; value
 * {@code i} is a pure function of
 * {@code (seed, i)}: the Philox4x32-10 generator (Salmon, Moraes, Dror and Shaw, SC'11; it matches
 * Random123's known-answer vectors) with key (the seed's low 32 bits, its high 32 bits), block {@code j} of
 * four 32-bit words coming from counter ({@code j}'s low 32 bits, its high 32 bits, 0, 0). A call fills its
 * array with the values at stream indices {@code offset, offset + 1, ...}; so the output for (seed, offset,
 * length) is the same on every backend, thread count and ISA path, and filling {@code [0, n)} in one call
 * equals filling {@code [0, k)} and {@code [k, n)} in two. Philox4x32 rather than Philox4x64: its 32 x 32-bit
 * products are what every SIMD path multiplies natively.
 *
 * <p><b>Values.</b> {@code int} value {@code i} is word {@code i}; {@code long} value {@code i} is word
 * {@code 2i} with word {@code 2i + 1} as its high half. A uniform {@code double} is the top 53 bits of the
 * {@code long} value times 2<sup>-53</sup> (in [0, 1), never 1.0, each of the 2<sup>53</sup> multiples of
 * 2<sup>-53</sup> equally likely); a uniform {@code float} the top 24 bits of the {@code int} value times
 * 2<sup>-24</sup>. So {@code uniform(seed, k, double[])} and {@code bits(seed, k, long[])} read the same
 * stream values, and {@code bits(seed, 2k, int[])} their words (as far as the int indices reach: below
 * 2<sup>62</sup> for the long index k).
 *
 * <p><b>Offsets.</b> {@code offset >= 0}, and {@code offset + length} must not exceed {@link Long#MAX_VALUE};
 * otherwise {@link IllegalArgumentException} naming the values. Asynchronously: through
 * {@link KernelPool#submit(KernelPool.Call)}, e.g. {@code pool.submit(p -> { p.random().uniform(s, 0, x);
 * return x; })}.
 */
public final class RandomOps {
    private final KernelPool pool;

    RandomOps(KernelPool pool) {
        this.pool = pool;
    }

    /**
     * Fills {@code out} with the stream's raw 64-bit values at indices {@code offset .. offset + out.length - 1}.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[0]}
     * @param out the array filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void bits(long seed, long offset, long[] out) {
        bits(seed, offset, out, 0, Checks.notNull(out, "out").length);
    }

    /**
     * Fills {@code out[outOffset, outOffset + length)} with the stream's raw 64-bit values at indices
     * {@code offset .. offset + length - 1}; the rest of {@code out} is not touched.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[outOffset]}
     * @param out the array
     * @param outOffset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if out is null
     * @throws IndexOutOfBoundsException if the slice is not within out ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if offset is negative or offset + length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void bits(long seed, long offset, long[] out, int outOffset, int length) {
        fill(RandomSpecs.BITS_I64, seed, offset, out, outOffset, length);
    }

    /**
     * Fills {@code out} with the stream's raw 32-bit values at indices {@code offset .. offset + out.length - 1}.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[0]}
     * @param out the array filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void bits(long seed, long offset, int[] out) {
        bits(seed, offset, out, 0, Checks.notNull(out, "out").length);
    }

    /**
     * {@link #bits(long, long, int[])} into the slice {@code out[outOffset, outOffset + length)}.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[outOffset]}
     * @param out the array
     * @param outOffset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if out is null
     * @throws IndexOutOfBoundsException if the slice is not within out ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if offset is negative or offset + length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void bits(long seed, long offset, int[] out, int outOffset, int length) {
        fill(RandomSpecs.BITS_I32, seed, offset, out, outOffset, length);
    }

    /**
     * Fills {@code out} with uniform doubles in [0, 1) (53 random bits each), the stream's values at indices
     * {@code offset .. offset + out.length - 1}.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[0]}
     * @param out the array filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void uniform(long seed, long offset, double[] out) {
        uniform(seed, offset, out, 0, Checks.notNull(out, "out").length);
    }

    /**
     * {@link #uniform(long, long, double[])} into the slice {@code out[outOffset, outOffset + length)}.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[outOffset]}
     * @param out the array
     * @param outOffset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if out is null
     * @throws IndexOutOfBoundsException if the slice is not within out ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if offset is negative or offset + length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void uniform(long seed, long offset, double[] out, int outOffset, int length) {
        fill(RandomSpecs.UNIFORM_F64, seed, offset, out, outOffset, length);
    }

    /**
     * Fills {@code out} with uniform floats in [0, 1) (24 random bits each), the stream's values at indices
     * {@code offset .. offset + out.length - 1}.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[0]}
     * @param out the array filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void uniform(long seed, long offset, float[] out) {
        uniform(seed, offset, out, 0, Checks.notNull(out, "out").length);
    }

    /**
     * {@link #uniform(long, long, float[])} into the slice {@code out[outOffset, outOffset + length)}.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[outOffset]}
     * @param out the array
     * @param outOffset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if out is null
     * @throws IndexOutOfBoundsException if the slice is not within out ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if offset is negative or offset + length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void uniform(long seed, long offset, float[] out, int outOffset, int length) {
        fill(RandomSpecs.UNIFORM_F32, seed, offset, out, outOffset, length);
    }

    /**
     * Estimates pi by Monte Carlo: sample {@code k} (0 to samples - 1) is the point (x, y) of the stream's
     * uniform doubles {@code 2k} and {@code 2k + 1}, and the estimate is {@code 4 * inside / samples}, where
     * {@code inside} counts the points with {@code x * x + y * y < 1}. The samples are split over the pool;
     * the counts add up exactly, so the estimate has the same bits on every backend, thread count and ISA
     * path. Its standard error is {@code 4 * sqrt(p (1 - p) / samples)}, p = pi/4: about 1.6/sqrt(samples).
     *
     * @param seed the stream
     * @param samples the number of points, 1 to 2<sup>62</sup>
     * @return the estimate of pi
     * @throws IllegalArgumentException if samples is outside [1, 2<sup>62</sup>]
     * @throws IllegalStateException if the pool is closed
     */
    public double estimatePi(long seed, long samples) {
        if (samples < 1 || samples > 1L << 62) {
            throw new IllegalArgumentException("samples " + samples + " is outside [1, 2^62]");
        }
        return pool.callDouble(RandomSpecs.ESTIMATE_PI, new Args().integer(seed).integer(samples));
    }

    private void fill(OpSpec op, long seed, long offset, Object out, int outOffset, int length) {
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(outOffset, length, java.lang.reflect.Array.getLength(out));
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative: stream indices start at 0");
        }
        if (offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("offset " + offset + " + length " + length
                    + " exceeds Long.MAX_VALUE: the stream's indices end there");
        }
        pool.call(op, new Args().slot(out, outOffset, length).integer(seed).integer(offset));
    }
}
