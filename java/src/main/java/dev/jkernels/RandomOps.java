// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.OpSpec;
import dev.jkernels.internal.RandomSpecs;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
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
 * <p><b>Normals</b> come from the Box-Muller transform of each block: pair (u1, u2) becomes
 * {@code sqrt(-2 ln u1) cos(2 pi u2)} and {@code sqrt(-2 ln u1) sin(2 pi u2)}. Normal {@code double}s
 * {@code 2j} and {@code 2j + 1} are block {@code j}'s pair, with u1 = {@code ((long value 2j >>> 11) + 1)}
 * 2<sup>-53</sup>, in (0, 1] so never log 0, and u2 the uniform double {@code 2j + 1}; normal {@code float}s
 * {@code 4j .. 4j + 3} are two pairs computed in float arithmetic, from words ({@code 4j}, {@code 4j + 1}) and
 * ({@code 4j + 2}, {@code 4j + 3}), u1 = {@code ((word >>> 8) + 1)} 2<sup>-24</sup> and u2 the uniform float. The
 * logarithm, sine and cosine are jkernels' own (within about 1 ulp; the sine and cosine take the angle in
 * turns, so 2 pi u2 is never rounded) and the square root is correctly rounded: the same bits on every
 * backend and ISA path. Box-Muller
 * rather than a Ziggurat: no tables and no rejection, so every value costs the same and vectorizes, and any
 * index is computed directly.
 *
 * <p><b>Offsets.</b> {@code offset >= 0}, and {@code offset + length} must not exceed {@link Long#MAX_VALUE};
 * otherwise {@link IllegalArgumentException} naming the values. Asynchronously: through
 * {@link KernelPool#submit(KernelPool.Call)}, e.g. {@code pool.submit(p -> { p.random().uniform(s, 0, x);
 * return x; })}, or {@code pool.submit(p -> p.random().europeanOption(...))}, whose future completes with the
 * {@link MonteCarloResult}.
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
     * {@link #bits(long, long, long[])} into the buffer's remaining elements: {@code out.get(out.position() + i)}
     * gets the stream's value at index {@code offset + i}, written where it is on the native backend (see
     * "Off-heap memory" at {@link KernelPool}).
     *
     * @param seed the stream
     * @param offset the stream index of the element at {@code out.position()}
     * @param out the buffer filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.remaining() exceeds Long.MAX_VALUE,
     *     or out is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or out is of a closed {@link OffHeapArray}
     */
    public void bits(long seed, long offset, LongBuffer out) {
        fill(RandomSpecs.BITS_I64, seed, offset, out, 0, Checks.notNull(out, "out").remaining());
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
     * {@link #bits(long, long, int[])} into the buffer's remaining elements: {@code out.get(out.position() + i)}
     * gets the stream's value at index {@code offset + i}, written where it is on the native backend (see
     * "Off-heap memory" at {@link KernelPool}).
     *
     * @param seed the stream
     * @param offset the stream index of the element at {@code out.position()}
     * @param out the buffer filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.remaining() exceeds Long.MAX_VALUE,
     *     or out is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or out is of a closed {@link OffHeapArray}
     */
    public void bits(long seed, long offset, IntBuffer out) {
        fill(RandomSpecs.BITS_I32, seed, offset, out, 0, Checks.notNull(out, "out").remaining());
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
     * {@link #uniform(long, long, double[])} into the buffer's remaining elements: {@code out.get(out.position() + i)}
     * gets the stream's value at index {@code offset + i}, written where it is on the native backend (see
     * "Off-heap memory" at {@link KernelPool}).
     *
     * @param seed the stream
     * @param offset the stream index of the element at {@code out.position()}
     * @param out the buffer filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.remaining() exceeds Long.MAX_VALUE,
     *     or out is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or out is of a closed {@link OffHeapArray}
     */
    public void uniform(long seed, long offset, DoubleBuffer out) {
        fill(RandomSpecs.UNIFORM_F64, seed, offset, out, 0, Checks.notNull(out, "out").remaining());
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
     * {@link #uniform(long, long, float[])} into the buffer's remaining elements: {@code out.get(out.position() + i)}
     * gets the stream's value at index {@code offset + i}, written where it is on the native backend (see
     * "Off-heap memory" at {@link KernelPool}).
     *
     * @param seed the stream
     * @param offset the stream index of the element at {@code out.position()}
     * @param out the buffer filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.remaining() exceeds Long.MAX_VALUE,
     *     or out is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or out is of a closed {@link OffHeapArray}
     */
    public void uniform(long seed, long offset, FloatBuffer out) {
        fill(RandomSpecs.UNIFORM_F32, seed, offset, out, 0, Checks.notNull(out, "out").remaining());
    }

    /**
     * Fills {@code out} with standard normal doubles, the stream's normal values at indices {@code offset ..
     * offset + out.length - 1} (Box-Muller; the class comment says which bits make which value). Never NaN or
     * infinite; |value| is below 8.5717 (sqrt(106 ln 2) = 8.57167 plus rounding), the tails beyond having
     * probability 1e-17.
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[0]}
     * @param out the array filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void normal(long seed, long offset, double[] out) {
        normal(seed, offset, out, 0, Checks.notNull(out, "out").length);
    }

    /**
     * {@link #normal(long, long, double[])} into the slice {@code out[outOffset, outOffset + length)}.
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
    public void normal(long seed, long offset, double[] out, int outOffset, int length) {
        fill(RandomSpecs.NORMAL_F64, seed, offset, out, outOffset, length);
    }

    /**
     * {@link #normal(long, long, double[])} into the buffer's remaining elements: {@code out.get(out.position() + i)}
     * gets the stream's value at index {@code offset + i}, written where it is on the native backend (see
     * "Off-heap memory" at {@link KernelPool}).
     *
     * @param seed the stream
     * @param offset the stream index of the element at {@code out.position()}
     * @param out the buffer filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.remaining() exceeds Long.MAX_VALUE,
     *     or out is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or out is of a closed {@link OffHeapArray}
     */
    public void normal(long seed, long offset, DoubleBuffer out) {
        fill(RandomSpecs.NORMAL_F64, seed, offset, out, 0, Checks.notNull(out, "out").remaining());
    }

    /**
     * Fills {@code out} with standard normal floats, computed in float arithmetic from 24-bit uniforms (the
     * class comment says which): never NaN or infinite, |value| below 5.7682 (sqrt(48 ln 2) = 5.76811 plus
     * rounding; the normal distribution's tails beyond have probability 8e-9).
     *
     * @param seed the stream
     * @param offset the stream index of {@code out[0]}
     * @param out the array filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.length exceeds Long.MAX_VALUE
     * @throws IllegalStateException if the pool is closed
     */
    public void normal(long seed, long offset, float[] out) {
        normal(seed, offset, out, 0, Checks.notNull(out, "out").length);
    }

    /**
     * {@link #normal(long, long, float[])} into the slice {@code out[outOffset, outOffset + length)}.
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
    public void normal(long seed, long offset, float[] out, int outOffset, int length) {
        fill(RandomSpecs.NORMAL_F32, seed, offset, out, outOffset, length);
    }

    /**
     * {@link #normal(long, long, float[])} into the buffer's remaining elements: {@code out.get(out.position() + i)}
     * gets the stream's value at index {@code offset + i}, written where it is on the native backend (see
     * "Off-heap memory" at {@link KernelPool}).
     *
     * @param seed the stream
     * @param offset the stream index of the element at {@code out.position()}
     * @param out the buffer filled
     * @throws NullPointerException if out is null
     * @throws IllegalArgumentException if offset is negative or offset + out.remaining() exceeds Long.MAX_VALUE,
     *     or out is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or out is of a closed {@link OffHeapArray}
     */
    public void normal(long seed, long offset, FloatBuffer out) {
        fill(RandomSpecs.NORMAL_F32, seed, offset, out, 0, Checks.notNull(out, "out").remaining());
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

    /**
     * Prices a European option by Monte Carlo under Black-Scholes dynamics (the stock's log follows a Brownian
     * motion with drift {@code rate - volatility^2 / 2} and volatility {@code volatility}, paying no dividend),
     * with antithetic variates: path {@code i} takes {@code z}, the stream's normal double {@code i} (as
     * {@link #normal(long, long, double[])} gives it), and values both {@code S = F e^(s z)} and {@code F
     * e^(-s z)}, with {@code F = spot e^((rate - volatility^2 / 2) years)} and {@code s = volatility
     * sqrt(years)}; the path's value is the mean of the two payoffs. The price is {@code e^(-rate years)}
     * times the mean over the paths, its standard error that factor times the paths' sample standard
     * deviation over {@code sqrt(paths)}. The paths are split over the pool in blocks whose size depends on
     * {@code paths} only, each block's sums taken in a fixed order (in units of the strike): the result has
     * the same bits on every backend, thread count and ISA path. A price beyond double's range is infinite.
     *
     * @param type call or put
     * @param spot the stock's price today, positive
     * @param strike the strike price, positive
     * @param rate the continuously compounded risk-free rate, per year; finite, and |rate * years| at most 700
     * @param volatility the annual volatility, positive, with {@code volatility * sqrt(years)} at most 10
     * @param years the time to expiry, positive
     * @param paths antithetic pairs, 2 to 2<sup>62</sup>
     * @param seed the stream
     * @return the price, its standard error and the number of paths
     * @throws NullPointerException if type is null
     * @throws IllegalArgumentException naming the value if an argument is outside its range, or if the forward
     *     price in strikes {@code F / strike} is outside [1e-100, 1e100] (where the paths' sums could overflow)
     * @throws IllegalStateException if the pool is closed
     */
    public MonteCarloResult europeanOption(OptionType type, double spot, double strike, double rate, double volatility,
            double years, long paths, long seed) {
        Checks.notNull(type, "type");
        positive("spot", spot);
        positive("strike", strike);
        positive("volatility", volatility);
        positive("years", years);
        if (!(Math.abs(rate * years) <= 700)) {
            throw new IllegalArgumentException("rate " + rate + " * years " + years + " is not within [-700, 700]: "
                    + "the discount factor would leave double's range");
        }
        if (paths < 2 || paths > 1L << 62) {
            throw new IllegalArgumentException("paths " + paths + " is outside [2, 2^62]: a standard error needs two");
        }
        double diffusion = volatility * StrictMath.sqrt(years);
        if (!(diffusion <= 10)) {
            throw new IllegalArgumentException("volatility " + volatility + " * sqrt(years " + years + ") = " + diffusion
                    + " exceeds 10: the paths' prices would span more than double's range");
        }
        // the drift's v^2 T is diffusion^2 (at most 100), so the exponent cannot overflow
        double moneyness = spot / strike * StrictMath.exp(rate * years - 0.5 * diffusion * diffusion);
        if (!(moneyness >= 1e-100 && moneyness <= 1e100)) {
            throw new IllegalArgumentException("the forward price in strikes, spot " + spot + " / strike " + strike
                    + " * e^(rate " + rate + " * years " + years + " - volatility^2 years / 2) = " + moneyness
                    + ", is outside [1e-100, 1e100]");
        }
        double[] sums = new double[2];
        boolean put = type == OptionType.PUT;
        double scale = strike * StrictMath.exp(-rate * years); // the discounted strike: the sums are in strikes
        return pool.callFinished(RandomSpecs.EUROPEAN_OPTION, new Args().slot(sums, 0, 2).integer(seed).integer(paths)
                .integer(put ? 1 : 0).real(moneyness).real(diffusion), () -> {
                    double centre = RandomSpecs.payoff(moneyness, put); // the sums are of the values minus it
                    double mean = centre + sums[0] / paths;
                    double variance = Math.max(0.0, (sums[1] - sums[0] * (sums[0] / paths)) / (paths - 1));
                    return new MonteCarloResult(scale * mean, scale * Math.sqrt(variance / paths), paths);
                });
    }

    private static void positive(String name, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " " + value + " is not a positive finite number");
        }
    }

    private void fill(OpSpec op, long seed, long offset, Object out, int outOffset, int length) {
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(outOffset, length, Checks.length(out));
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
