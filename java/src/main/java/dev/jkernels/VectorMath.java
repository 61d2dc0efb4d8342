// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.MathSpecs;
import dev.jkernels.internal.OpSpec;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Element-wise math on {@code double[]} and {@code float[]}, run on one {@link KernelPool}: get it with
 * {@link KernelPool#math()}. Thread-safe; the same argument and closed-pool rules as the pool's. The functions
 * are exp, expm1, log, log1p, sqrt, tanh, sigmoid, sin and cos; each {@code f} comes as {@code f(x, out)}
 * ({@code out} may be {@code x}: in place), {@code f(x)} (a new array) and
 * {@code f(x, xOffset, out, outOffset, length)} (slices; a slice outside its array throws
 * {@link IndexOutOfBoundsException} naming the values, as {@link Objects#checkFromIndexSize} does). The
 * input is never modified unless it is the output; any other overlap of the two is refused.
 *
 * <p><b>The same bits everywhere.</b> Every element's result depends on its value only, computed by the same
 * IEEE operations and fused multiply-adds on every ISA path of the native library (SIMD, a vector of elements
 * at a time) and in the pure-Java twin ({@link Math#fma} where the native code fuses): NATIVE, JAVA and AUTO
 * give the same bits at every thread count. The algorithms are in the native source
 * ({@code native/src/kernels/vmath.h}): exp by {@code x = n ln2 + r} and a degree-13 (float: 8) polynomial;
 * log by {@code x = 2^k m} and a series in {@code s = (m - 1)/(m + 1)}, summed as an exact pair; expm1, tanh
 * and sigmoid from one reduction {@code x = n ln2 + r} whose {@code e^r - 1} is kept as a pair of doubles and
 * rounded once at the end; log1p as log of {@code 1 + x} plus that sum's rounding error; sin and cos by a
 * reduction to {@code |r| <= pi/4} (three parts of pi/2 below 2<sup>30</sup>, Payne and Hanek's exact one
 * above, so huge arguments are as accurate as small ones) and Taylor polynomials. exp and log of floats run in
 * float arithmetic; the other float functions run in double arithmetic to about 2<sup>-40</sup> (shorter
 * polynomials, no pairs; log1p the double function) and are rounded to float once. The Java twin needs the
 * CPU's fused multiply-add to be fast (without one, {@code Math.fma} is emulated).
 *
 * <p><b>Accuracy.</b> Every function is within 1 ulp of the exact result for doubles and floats over its whole
 * domain, subnormal results included; sqrt is correctly rounded. The largest errors measured (against
 * high-precision references, on the hard regions and random bit patterns) are in each method's description
 * and in the project's README ("Element-wise math").
 *
 * <p><b>Special values</b> as {@link Math}: a NaN input gives that NaN back; the sign of a zero input is kept
 * by expm1, log1p, sqrt, tanh and sin. exp(+Infinity) = +Infinity, exp(-Infinity) = +0.0, exp and expm1
 * overflow to +Infinity above 709.782712893384 (floats: 88.72283), exp underflows to +0.0 below
 * -745.1332191019411 (floats: -103.97208), as {@link StrictMath#exp} does; expm1(-Infinity) = -1.0; log of a
 * negative number is NaN, of ±0.0 -Infinity, log(+Infinity) = +Infinity, log(1) = +0.0; log1p(-1) =
 * -Infinity, below -1 NaN; sqrt(-0.0) = -0.0; tanh(±Infinity) = ±1.0; sigmoid(0) = 0.5, sigmoid(+Infinity) =
 * 1.0, sigmoid(-Infinity) = +0.0; sin and cos of ±Infinity are NaN. A NaN made from a number is
 * {@link Double#NaN} ({@link Float#NaN}), except sqrt's (the instruction's).
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
     * {@code out[i] = exp(x[i])} for every i: e<sup>x</sup>, in double arithmetic. Measured error at most 0.880 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void exp(double[] x, double[] out) {
        whole(MathSpecs.EXP, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code exp(x[i])} for every i, into a new array: see {@link #exp(double[], double[])}.
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
        slice(MathSpecs.EXP, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = exp(x[i])} over the buffers' remaining elements, as
     * {@link #exp(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void exp(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.EXP, x, out);
    }

    /**
     * {@code out[i] = exp(x[i])} for every i: e<sup>x</sup>, in float arithmetic. Measured error at most 0.858 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void exp(float[] x, float[] out) {
        whole(MathSpecs.EXP_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code exp(x[i])} for every i, into a new array: see {@link #exp(float[], float[])}.
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
        slice(MathSpecs.EXP_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = exp(x[i])} over the buffers' remaining elements, as
     * {@link #exp(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void exp(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.EXP_F32, x, out);
    }

    /**
     * {@code out[i] = log(x[i])} for every i: the natural logarithm, in double arithmetic. Measured error at most 0.782 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void log(double[] x, double[] out) {
        whole(MathSpecs.LOG, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code log(x[i])} for every i, into a new array: see {@link #log(double[], double[])}.
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
        slice(MathSpecs.LOG, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = log(x[i])} over the buffers' remaining elements, as
     * {@link #log(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void log(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.LOG, x, out);
    }

    /**
     * {@code out[i] = log(x[i])} for every i: the natural logarithm, in float arithmetic. Measured error at most 0.840 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void log(float[] x, float[] out) {
        whole(MathSpecs.LOG_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code log(x[i])} for every i, into a new array: see {@link #log(float[], float[])}.
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
        slice(MathSpecs.LOG_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = log(x[i])} over the buffers' remaining elements, as
     * {@link #log(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void log(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.LOG_F32, x, out);
    }

    /**
     * {@code out[i] = sqrt(x[i])} for every i: the square root, correctly rounded as {@link Math#sqrt}, in double arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sqrt(double[] x, double[] out) {
        whole(MathSpecs.SQRT, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code sqrt(x[i])} for every i, into a new array: see {@link #sqrt(double[], double[])}.
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
        slice(MathSpecs.SQRT, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = sqrt(x[i])} over the buffers' remaining elements, as
     * {@link #sqrt(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void sqrt(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.SQRT, x, out);
    }

    /**
     * {@code out[i] = sqrt(x[i])} for every i: the square root, correctly rounded as {@link Math#sqrt}, in float arithmetic.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sqrt(float[] x, float[] out) {
        whole(MathSpecs.SQRT_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code sqrt(x[i])} for every i, into a new array: see {@link #sqrt(float[], float[])}.
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
        slice(MathSpecs.SQRT_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = sqrt(x[i])} over the buffers' remaining elements, as
     * {@link #sqrt(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void sqrt(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.SQRT_F32, x, out);
    }

    /**
     * {@code out[i] = expm1(x[i])} for every i: e<sup>x</sup> - 1, accurate near 0 where {@code exp(x) - 1} is not, in double arithmetic. Measured error at most 0.609 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void expm1(double[] x, double[] out) {
        whole(MathSpecs.EXPM1, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code expm1(x[i])} for every i, into a new array: see {@link #expm1(double[], double[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] expm1(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.EXPM1, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = expm1(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void expm1(double[] x, int xOffset, double[] out, int outOffset, int length) {
        slice(MathSpecs.EXPM1, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = expm1(x[i])} over the buffers' remaining elements, as
     * {@link #expm1(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void expm1(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.EXPM1, x, out);
    }

    /**
     * {@code out[i] = expm1(x[i])} for every i: e<sup>x</sup> - 1, accurate near 0 where {@code exp(x) - 1} is not, in double arithmetic, rounded to float once. Measured error at most 0.500 ulp (the bound: 0.5 + 2<sup>-16</sup>).
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void expm1(float[] x, float[] out) {
        whole(MathSpecs.EXPM1_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code expm1(x[i])} for every i, into a new array: see {@link #expm1(float[], float[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] expm1(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.EXPM1_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = expm1(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void expm1(float[] x, int xOffset, float[] out, int outOffset, int length) {
        slice(MathSpecs.EXPM1_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = expm1(x[i])} over the buffers' remaining elements, as
     * {@link #expm1(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void expm1(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.EXPM1_F32, x, out);
    }

    /**
     * {@code out[i] = log1p(x[i])} for every i: log(1 + x), accurate near 0 where {@code log(1 + x)} is not, in double arithmetic. Measured error at most 0.841 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void log1p(double[] x, double[] out) {
        whole(MathSpecs.LOG1P, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code log1p(x[i])} for every i, into a new array: see {@link #log1p(double[], double[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] log1p(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.LOG1P, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = log1p(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void log1p(double[] x, int xOffset, double[] out, int outOffset, int length) {
        slice(MathSpecs.LOG1P, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = log1p(x[i])} over the buffers' remaining elements, as
     * {@link #log1p(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void log1p(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.LOG1P, x, out);
    }

    /**
     * {@code out[i] = log1p(x[i])} for every i: log(1 + x), accurate near 0 where {@code log(1 + x)} is not, in double arithmetic, rounded to float once. Measured error at most 0.500 ulp (the bound: 0.5 + 2<sup>-16</sup>).
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void log1p(float[] x, float[] out) {
        whole(MathSpecs.LOG1P_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code log1p(x[i])} for every i, into a new array: see {@link #log1p(float[], float[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] log1p(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.LOG1P_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = log1p(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void log1p(float[] x, int xOffset, float[] out, int outOffset, int length) {
        slice(MathSpecs.LOG1P_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = log1p(x[i])} over the buffers' remaining elements, as
     * {@link #log1p(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void log1p(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.LOG1P_F32, x, out);
    }

    /**
     * {@code out[i] = tanh(x[i])} for every i: the hyperbolic tangent, in double arithmetic. Measured error at most 0.564 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void tanh(double[] x, double[] out) {
        whole(MathSpecs.TANH, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code tanh(x[i])} for every i, into a new array: see {@link #tanh(double[], double[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] tanh(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.TANH, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = tanh(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void tanh(double[] x, int xOffset, double[] out, int outOffset, int length) {
        slice(MathSpecs.TANH, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = tanh(x[i])} over the buffers' remaining elements, as
     * {@link #tanh(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void tanh(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.TANH, x, out);
    }

    /**
     * {@code out[i] = tanh(x[i])} for every i: the hyperbolic tangent, in double arithmetic, rounded to float once. Measured error at most 0.500 ulp (the bound: 0.5 + 2<sup>-16</sup>).
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void tanh(float[] x, float[] out) {
        whole(MathSpecs.TANH_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code tanh(x[i])} for every i, into a new array: see {@link #tanh(float[], float[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] tanh(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.TANH_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = tanh(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void tanh(float[] x, int xOffset, float[] out, int outOffset, int length) {
        slice(MathSpecs.TANH_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = tanh(x[i])} over the buffers' remaining elements, as
     * {@link #tanh(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void tanh(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.TANH_F32, x, out);
    }

    /**
     * {@code out[i] = sigmoid(x[i])} for every i: the logistic function 1 / (1 + e<sup>-x</sup>), in double arithmetic. Measured error at most 0.742 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sigmoid(double[] x, double[] out) {
        whole(MathSpecs.SIGMOID, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code sigmoid(x[i])} for every i, into a new array: see {@link #sigmoid(double[], double[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] sigmoid(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.SIGMOID, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = sigmoid(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void sigmoid(double[] x, int xOffset, double[] out, int outOffset, int length) {
        slice(MathSpecs.SIGMOID, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = sigmoid(x[i])} over the buffers' remaining elements, as
     * {@link #sigmoid(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void sigmoid(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.SIGMOID, x, out);
    }

    /**
     * {@code out[i] = sigmoid(x[i])} for every i: the logistic function 1 / (1 + e<sup>-x</sup>), in double arithmetic, rounded to float once. Measured error at most 0.500 ulp (the bound: 0.5 + 2<sup>-16</sup>).
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sigmoid(float[] x, float[] out) {
        whole(MathSpecs.SIGMOID_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code sigmoid(x[i])} for every i, into a new array: see {@link #sigmoid(float[], float[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] sigmoid(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.SIGMOID_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = sigmoid(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void sigmoid(float[] x, int xOffset, float[] out, int outOffset, int length) {
        slice(MathSpecs.SIGMOID_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = sigmoid(x[i])} over the buffers' remaining elements, as
     * {@link #sigmoid(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void sigmoid(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.SIGMOID_F32, x, out);
    }

    /**
     * {@code out[i] = sin(x[i])} for every i: the sine of x radians, in double arithmetic. Measured error at most 0.719 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sin(double[] x, double[] out) {
        whole(MathSpecs.SIN, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code sin(x[i])} for every i, into a new array: see {@link #sin(double[], double[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] sin(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.SIN, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = sin(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void sin(double[] x, int xOffset, double[] out, int outOffset, int length) {
        slice(MathSpecs.SIN, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = sin(x[i])} over the buffers' remaining elements, as
     * {@link #sin(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void sin(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.SIN, x, out);
    }

    /**
     * {@code out[i] = sin(x[i])} for every i: the sine of x radians, in double arithmetic, rounded to float once. Measured error at most 0.500 ulp (the bound: 0.5 + 2<sup>-16</sup>).
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void sin(float[] x, float[] out) {
        whole(MathSpecs.SIN_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code sin(x[i])} for every i, into a new array: see {@link #sin(float[], float[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] sin(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.SIN_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = sin(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void sin(float[] x, int xOffset, float[] out, int outOffset, int length) {
        slice(MathSpecs.SIN_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = sin(x[i])} over the buffers' remaining elements, as
     * {@link #sin(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void sin(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.SIN_F32, x, out);
    }

    /**
     * {@code out[i] = cos(x[i])} for every i: the cosine of x radians, in double arithmetic. Measured error at most 0.707 ulp.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void cos(double[] x, double[] out) {
        whole(MathSpecs.COS, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code cos(x[i])} for every i, into a new array: see {@link #cos(double[], double[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] cos(double[] x) {
        double[] out = new double[Checks.notNull(x, "x").length];
        apply(MathSpecs.COS, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = cos(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void cos(double[] x, int xOffset, double[] out, int outOffset, int length) {
        slice(MathSpecs.COS, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = cos(x[i])} over the buffers' remaining elements, as
     * {@link #cos(double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void cos(DoubleBuffer x, DoubleBuffer out) {
        buffers(MathSpecs.COS, x, out);
    }

    /**
     * {@code out[i] = cos(x[i])} for every i: the cosine of x radians, in double arithmetic, rounded to float once. Measured error at most 0.500 ulp (the bound: 0.5 + 2<sup>-16</sup>).
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results, the same length as x; may be x itself
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void cos(float[] x, float[] out) {
        whole(MathSpecs.COS_F32, x, Checks.notNull(x, "x").length, out, Checks.notNull(out, "out").length);
    }

    /**
     * {@code cos(x[i])} for every i, into a new array: see {@link #cos(float[], float[])}.
     *
     * @param x the values; not modified
     * @return a new array of x's length with the results
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float[] cos(float[] x) {
        float[] out = new float[Checks.notNull(x, "x").length];
        apply(MathSpecs.COS_F32, x, 0, out, 0, x.length);
        return out;
    }

    /**
     * {@code out[outOffset + i] = cos(x[xOffset + i])} for {@code i < length}; elements outside the out slice
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
    public void cos(float[] x, int xOffset, float[] out, int outOffset, int length) {
        slice(MathSpecs.COS_F32, x, Checks.notNull(x, "x").length, xOffset, out, Checks.notNull(out, "out").length, outOffset, length);
    }

    /**
     * {@code out[i] = cos(x[i])} over the buffers' remaining elements, as
     * {@link #cos(float[], float[])}, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}). {@code out} may be {@code x}, or view the same memory.
     *
     * @param x the values; not modified unless it is {@code out}
     * @param out the results
     * @throws NullPointerException if x or out is null
     * @throws IllegalArgumentException if x and out have different numbers of remaining elements, share some
     *     memory without being the same range, or a buffer is neither direct nor backed by an accessible array,
     *     or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void cos(FloatBuffer x, FloatBuffer out) {
        buffers(MathSpecs.COS_F32, x, out);
    }

    private void whole(OpSpec op, Object x, int xLength, Object out, int outLength) {
        Checks.sameLength("x", xLength, "out", outLength);
        apply(op, x, 0, out, 0, xLength);
    }

    private void slice(OpSpec op, Object x, int xLength, int xOffset, Object out, int outLength, int outOffset, int length) {
        Objects.checkFromIndexSize(xOffset, length, xLength);
        Objects.checkFromIndexSize(outOffset, length, outLength);
        apply(op, x, xOffset, out, outOffset, length);
    }

    private void buffers(OpSpec op, Buffer x, Buffer out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Checks.sameRemaining("x", x, "out", out);
        pool.call(op, new Args().slot(x).slot(out));
    }

    private void apply(OpSpec op, Object x, int xOffset, Object out, int outOffset, int length) {
        pool.call(op, new Args().slot(x, xOffset, length).slot(out, outOffset, length));
    }
}
