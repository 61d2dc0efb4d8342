// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.MathSpecs;
import dev.jkernels.internal.OpSpec;
import java.util.Objects;

/**
 * Element-wise math on {@code double[]} and {@code float[]}, run on one {@link KernelPool}: get it with
 * {@link KernelPool#math()}. Thread-safe; the same argument and closed-pool rules as the pool's. Each function
 * {@code f} comes as {@code f(x, out)} ({@code out} may be {@code x}: in place), {@code f(x)} (a new array)
 * and {@code f(x, xOffset, out, outOffset, length)} (slices; a slice outside its array throws
 * {@link IndexOutOfBoundsException} naming the values, as {@link Objects#checkFromIndexSize} does). The
 * input is never modified unless it is the output; any other overlap of the two is refused.
 *
 * <p><b>The same bits everywhere.</b> Every element's result depends on its value only, computed by the same
 * IEEE operations and fused multiply-adds on every ISA path of the native library (SIMD, a vector of elements
 * at a time) and in the pure-Java twin ({@link Math#fma} where the native code fuses): NATIVE, JAVA and AUTO
 * give the same bits at every thread count. The algorithms are in the native source
 * ({@code native/src/kernels/vmath.h}): exp by {@code x = n ln2 + r} and a degree-13 (float: 8) polynomial,
 * log by {@code x = 2^k m} and a series in {@code s = (m - 1)/(m + 1)}, summed as an exact pair. The Java twin
 * needs the CPU's fused multiply-add to be fast (without one, {@code Math.fma} is emulated).
 *
 * <p><b>Accuracy.</b> exp and log are within 1 ulp of the exact result for doubles and floats over their whole
 * domain, subnormal results included; sqrt is correctly rounded. The measured maxima are in the project's
 * README ("Element-wise math").
 *
 * <p><b>Special values</b> as {@link Math}: a NaN input gives that NaN back; exp(+Infinity) = +Infinity,
 * exp(-Infinity) = +0.0, exp overflows to +Infinity above 709.782712893384 (floats: 88.72283) and underflows to
 * +0.0 below -745.1332191019411 (floats: -103.97208), as {@link StrictMath#exp} does; log of a negative number
 * is NaN, of ±0.0 -Infinity, log(+Infinity) = +Infinity, log(1) = +0.0; sqrt(-0.0) = -0.0.
 *
 * <p><b>Asynchronously:</b> every method here has its asynchronous form through
 * {@link KernelPool#submit(KernelPool.Call)}, e.g. {@code pool.submit(p -> p.math().exp(x))}.
 */
public final class VectorMath {
    private final KernelPool pool;

    VectorMath(KernelPool pool) {
        this.pool = pool;
    }

    /**
     * {@code out[i] = exp(x[i])} for every i: e<sup>x</sup>, in double arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void exp(double[] x, double[] out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Checks.sameLength("x", x.length, "out", out.length);
        apply(MathSpecs.EXP, x, 0, out, 0, x.length);
    }

    /**
     * {@code exp(x[i])} for every i, into a new array.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] exp(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.EXP, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = exp(x[xOffset + i])} for {@code i < length}; elements outside the out slice
     * are not touched. The slices may be the same slice of one array, but may not otherwise share elements.
     *
     * @param x the array read
     * @param xOffset the x slice's first index
     * @param out the array written
     * @param outOffset the out slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or out is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void exp(double[] x, int xOffset, double[] out, int outOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        apply(MathSpecs.EXP, x, xOffset, out, outOffset, length);
    }

    /**
     * {@code out[i] = log(x[i])} for every i: the natural logarithm, in double arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void log(double[] x, double[] out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Checks.sameLength("x", x.length, "out", out.length);
        apply(MathSpecs.LOG, x, 0, out, 0, x.length);
    }

    /**
     * {@code log(x[i])} for every i, into a new array.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] log(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.LOG, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = log(x[xOffset + i])} for {@code i < length}; elements outside the out slice
     * are not touched. The slices may be the same slice of one array, but may not otherwise share elements.
     *
     * @param x the array read
     * @param xOffset the x slice's first index
     * @param out the array written
     * @param outOffset the out slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or out is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void log(double[] x, int xOffset, double[] out, int outOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        apply(MathSpecs.LOG, x, xOffset, out, outOffset, length);
    }

    /**
     * {@code out[i] = sqrt(x[i])} for every i: the square root (correctly rounded, as {@link Math#sqrt}), in double arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sqrt(double[] x, double[] out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Checks.sameLength("x", x.length, "out", out.length);
        apply(MathSpecs.SQRT, x, 0, out, 0, x.length);
    }

    /**
     * {@code sqrt(x[i])} for every i, into a new array.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] sqrt(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.SQRT, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = sqrt(x[xOffset + i])} for {@code i < length}; elements outside the out slice
     * are not touched. The slices may be the same slice of one array, but may not otherwise share elements.
     *
     * @param x the array read
     * @param xOffset the x slice's first index
     * @param out the array written
     * @param outOffset the out slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or out is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void sqrt(double[] x, int xOffset, double[] out, int outOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        apply(MathSpecs.SQRT, x, xOffset, out, outOffset, length);
    }

    /**
     * {@code out[i] = exp(x[i])} for every i: e<sup>x</sup>, in float arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void exp(float[] x, float[] out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Checks.sameLength("x", x.length, "out", out.length);
        apply(MathSpecs.EXP_F32, x, 0, out, 0, x.length);
    }

    /**
     * {@code exp(x[i])} for every i, into a new array.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] exp(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.EXP_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = exp(x[xOffset + i])} for {@code i < length}; elements outside the out slice
     * are not touched. The slices may be the same slice of one array, but may not otherwise share elements.
     *
     * @param x the array read
     * @param xOffset the x slice's first index
     * @param out the array written
     * @param outOffset the out slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or out is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void exp(float[] x, int xOffset, float[] out, int outOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        apply(MathSpecs.EXP_F32, x, xOffset, out, outOffset, length);
    }

    /**
     * {@code out[i] = log(x[i])} for every i: the natural logarithm, in float arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void log(float[] x, float[] out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Checks.sameLength("x", x.length, "out", out.length);
        apply(MathSpecs.LOG_F32, x, 0, out, 0, x.length);
    }

    /**
     * {@code log(x[i])} for every i, into a new array.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] log(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.LOG_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = log(x[xOffset + i])} for {@code i < length}; elements outside the out slice
     * are not touched. The slices may be the same slice of one array, but may not otherwise share elements.
     *
     * @param x the array read
     * @param xOffset the x slice's first index
     * @param out the array written
     * @param outOffset the out slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or out is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void log(float[] x, int xOffset, float[] out, int outOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        apply(MathSpecs.LOG_F32, x, xOffset, out, outOffset, length);
    }

    /**
     * {@code out[i] = sqrt(x[i])} for every i: the square root (correctly rounded, as {@link Math#sqrt}), in float arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sqrt(float[] x, float[] out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Checks.sameLength("x", x.length, "out", out.length);
        apply(MathSpecs.SQRT_F32, x, 0, out, 0, x.length);
    }

    /**
     * {@code sqrt(x[i])} for every i, into a new array.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] sqrt(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.SQRT_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = sqrt(x[xOffset + i])} for {@code i < length}; elements outside the out slice
     * are not touched. The slices may be the same slice of one array, but may not otherwise share elements.
     *
     * @param x the array read
     * @param xOffset the x slice's first index
     * @param out the array written
     * @param outOffset the out slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or out is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void sqrt(float[] x, int xOffset, float[] out, int outOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        apply(MathSpecs.SQRT_F32, x, xOffset, out, outOffset, length);
    }

    private void apply(OpSpec op, Object x, int xOffset, Object out, int outOffset, int length) {
        pool.call(op, new Args().slot(x, xOffset, length).slot(out, outOffset, length));
    }
}
