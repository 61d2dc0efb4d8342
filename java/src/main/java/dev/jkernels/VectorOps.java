// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.VectorSpecs;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Vector operations on {@code double[]} and {@code float[]} (and sums of {@code long[]} and {@code int[]}), run
 * on one {@link KernelPool}: get them with
 * {@link KernelPool#vectors()}. Thread-safe; the same argument and closed-pool rules as the pool's. Every
 * operation takes a whole array or a slice {@code (array, offset, length)} (two arrays: {@code (x, xOffset,
 * y, yOffset, length)}); a slice outside its array throws {@link IndexOutOfBoundsException} naming the values,
 * as {@link Objects#checkFromIndexSize} does.
 *
 * <p><b>Determinism.</b> {@link #sum}, {@link #dot} and {@link #norm2} split the input into fixed blocks of
 * 4096 elements and add in one fixed tree: inside a block, 8 interleaved lanes, each lane's terms summed as a
 * balanced tree (8 rows of each group of 64 elements, then the 64 groups), then the lanes, then the block
 * results pairwise (the C header {@code jk_vector.h} spells the order out). The grouping depends on the input
 * length only. The result is therefore the same bits on NATIVE and JAVA, at every thread count and on every
 * ISA path, run after run (a NaN result is NaN everywhere, but its sign and payload bits are not specified).
 * Products are rounded before they are added (no fused multiply-add), exactly like the Java expression
 * {@code x[i] * y[i]}.
 *
 * <p><b>Accuracy.</b> Every term passes through at most {@code 12 + ceil(log2(n / 4096))} rounding additions
 * (a product adds its own rounding), so the error is at most about
 * {@code (13 + ceil(log2(n / 4096))) * u * sum|terms|} (u = 2<sup>-53</sup>), the bound of pairwise summation
 * (numpy's {@code sum}); a naive loop's is {@code n * u * sum|terms|}. Measured on 10<sup>7</sup> adversarial
 * values: at most 2.04 u·sum|x|.
 *
 * <p><b>Special values</b> follow IEEE 754: a NaN anywhere gives NaN, +Infinity and -Infinity together give
 * NaN, a sum of -0.0s is -0.0, and an empty input sums to +0.0.
 *
 * <p><b>Asynchronously:</b> every method here has its asynchronous form through
 * {@link KernelPool#submit(KernelPool.Call)}, e.g. {@code pool.submit(p -> p.vectors().dot(x, y))}.
 */
public final class VectorOps {
    private final KernelPool pool;

    VectorOps(KernelPool pool) {
        this.pool = pool;
    }

    /**
     * The sum of {@code x}, with the deterministic blocking above.
     *
     * @param x the values; not modified
     * @return the sum; +0.0 for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double sum(double[] x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.SUM, new Args().slot(x));
    }

    /**
     * The sum of the slice {@code x[offset, offset + length)}, with the deterministic blocking above counted
     * from {@code offset}: the same bits as {@code sum(Arrays.copyOfRange(x, offset, offset + length))}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the sum; +0.0 for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public double sum(double[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.callDouble(VectorSpecs.SUM, new Args().slot(x, offset, length));
    }

    /**
     * {@link #sum(double[], int, int) sum} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the sum; +0.0 for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double sum(DoubleBuffer x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.SUM, new Args().slot(x));
    }

    /**
     * The dot product {@code sum(x[i] * y[i])}, with the deterministic blocking above.
     *
     * @param x the first vector; not modified
     * @param y the second vector, same length; not modified
     * @return the dot product; +0.0 for empty arrays
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public double dot(double[] x, double[] y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameLength("x", x.length, "y", y.length);
        return pool.callDouble(VectorSpecs.DOT, new Args().slot(x).slot(y));
    }

    /**
     * The dot product of the slices {@code x[xOffset, xOffset + length)} and {@code y[yOffset, yOffset + length)},
     * with the deterministic blocking above counted from the slices' starts: the same bits as {@code dot} of
     * the copied slices.
     *
     * @param x the first array; not modified
     * @param xOffset the first slice's first index
     * @param y the second array; not modified (may be x)
     * @param yOffset the second slice's first index
     * @param length the slices' length
     * @return the dot product; +0.0 for empty slices
     * @throws NullPointerException if x or y is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public double dot(double[] x, int xOffset, double[] y, int yOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(yOffset, length, y.length);
        return pool.callDouble(VectorSpecs.DOT, new Args().slot(x, xOffset, length).slot(y, yOffset, length));
    }

    /**
     * {@link #dot(double[], int, double[], int, int) dot} of the remaining elements of the buffers, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the first buffer; not modified
     * @param y the second buffer; not modified (may be x, or view the same memory)
     * @return the dot product; +0.0 for empty slices
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if x and y have different numbers of remaining elements
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double dot(DoubleBuffer x, DoubleBuffer y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameRemaining("x", x, "y", y);
        return pool.callDouble(VectorSpecs.DOT, new Args().slot(x).slot(y));
    }

    /**
     * The Euclidean norm {@code sqrt(sum(x[i] * x[i]))}, safe from overflow and underflow: a 4096-element
     * block whose plain sum of squares would overflow or underflow is summed again with its squares scaled
     * by a power of two chosen from its largest element, and the blocks are merged at a common scale; so {@code norm2([1e200, 1e200])} is {@code 1.414...e200} and
     * {@code norm2([1e-200, 1e-200])} {@code 1.414...e-200}, where the plain formula gives +Infinity and 0.
     * Scaling by powers of two commutes with rounding, so wherever the plain formula is finite and its
     * squares are normal numbers, the result has exactly its bits: {@code Math.sqrt(dot(x, x))}, with the
     * deterministic order above (the same bits on every backend, thread count and ISA path). A NaN anywhere
     * gives NaN, an infinity +Infinity; a norm beyond {@link Double#MAX_VALUE} is +Infinity. Memory-bound: one
     * read per element (a rescaled block's extra passes run in cache).
     *
     * @param x the values; not modified
     * @return the norm; +0.0 for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double norm2(double[] x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.NORM2, new Args().slot(x));
    }

    /**
     * {@link #norm2(double[])} of the slice {@code x[offset, offset + length)}: the same bits as the norm of
     * the copied slice.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the norm; +0.0 for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public double norm2(double[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.callDouble(VectorSpecs.NORM2, new Args().slot(x, offset, length));
    }

    /**
     * {@link #norm2(double[], int, int) norm2} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the norm; +0.0 for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double norm2(DoubleBuffer x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.NORM2, new Args().slot(x));
    }

    /**
     * {@code y[i] = y[i] + a * x[i]} for every i, in place; the product is rounded before the add, as in Java.
     * {@code x} may be {@code y}.
     *
     * @param a the factor
     * @param x the vector added; not modified unless it is {@code y}
     * @param y the vector updated in place, same length as {@code x}
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void axpy(double a, double[] x, double[] y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameLength("x", x.length, "y", y.length);
        pool.call(VectorSpecs.AXPY, new Args().slot(x).slot(y).real(a));
    }

    /**
     * {@code y[yOffset + i] = y[yOffset + i] + a * x[xOffset + i]} for {@code i < length}, in place; elements
     * outside the y slice are not touched. The slices may be the same slice of one array, but may not
     * otherwise share elements.
     *
     * @param a the factor
     * @param x the array added from; not modified unless the buffers are the same
     * @param xOffset the x slice's first index
     * @param y the array updated in place
     * @param yOffset the y slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or y is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void axpy(double a, double[] x, int xOffset, double[] y, int yOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(yOffset, length, y.length);
        pool.call(VectorSpecs.AXPY, new Args().slot(x, xOffset, length).slot(y, yOffset, length).real(a));
    }

    /**
     * {@link #axpy(double, double[], int, double[], int, int) axpy} of the remaining elements of the buffers, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param a the factor
     * @param x the buffer added from; not modified unless the buffers are the same
     * @param y the buffer updated in place
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if x and y have different numbers of remaining elements
     * @throws IllegalArgumentException if the buffers share some memory without being the same range
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void axpy(double a, DoubleBuffer x, DoubleBuffer y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameRemaining("x", x, "y", y);
        pool.call(VectorSpecs.AXPY, new Args().slot(x).slot(y).real(a));
    }

    /**
     * {@code x[i] = a * x[i]} for every i, in place.
     *
     * @param a the factor
     * @param x the vector scaled in place
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public void scale(double a, double[] x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.SCALE, new Args().slot(x).real(a));
    }

    /**
     * {@code x[i] = a * x[i]} for the slice {@code x[offset, offset + length)}, in place; elements outside it
     * are not touched.
     *
     * @param a the factor
     * @param x the array scaled in place
     * @param offset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public void scale(double a, double[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        pool.call(VectorSpecs.SCALE, new Args().slot(x, offset, length).real(a));
    }

    /**
     * {@link #scale(double, double[], int, int) scale} of the buffer's remaining elements, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param a the factor
     * @param x the buffer scaled in place
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void scale(double a, DoubleBuffer x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.SCALE, new Args().slot(x).real(a));
    }

    /*
     * The float forms. Reductions widen every float to double (exactly: a float product is exact in double),
     * add in the double order above and round the total to float once, so a float sum is as accurate as the
     * double one, then rounded to float (10^7 copies of 0.1f sum to the float nearest the exact sum, where a
     * float loop is 9% off); the result has the same bits everywhere. axpy and scale compute in float,
     * as Java does ({@code y[i] += a * x[i]} on floats: the product rounded to float first).
     */

    /**
     * The sum of {@code x}, accumulated in double in the deterministic order above and rounded to float once.
     *
     * @param x the values; not modified
     * @return the sum; +0.0f for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float sum(float[] x) {
        Checks.notNull(x, "x");
        return (float) pool.callDouble(VectorSpecs.SUM_F32, new Args().slot(x));
    }

    /**
     * {@link #sum(float[])} of the slice {@code x[offset, offset + length)}: the same bits as on its copy.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the sum; +0.0f for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public float sum(float[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return (float) pool.callDouble(VectorSpecs.SUM_F32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #sum(float[], int, int) sum} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the sum; +0.0f for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public float sum(FloatBuffer x) {
        Checks.notNull(x, "x");
        return (float) pool.callDouble(VectorSpecs.SUM_F32, new Args().slot(x));
    }

    /**
     * The dot product {@code sum(x[i] * y[i])} of floats: each product exact in double, summed in the
     * deterministic order above, the total rounded to float once.
     *
     * @param x the first vector; not modified
     * @param y the second vector, same length; not modified
     * @return the dot product; +0.0f for empty arrays
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public float dot(float[] x, float[] y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameLength("x", x.length, "y", y.length);
        return (float) pool.callDouble(VectorSpecs.DOT_F32, new Args().slot(x).slot(y));
    }

    /**
     * {@link #dot(float[], float[])} of the slices {@code x[xOffset, xOffset + length)} and
     * {@code y[yOffset, yOffset + length)}: the same bits as on their copies.
     *
     * @param x the first array; not modified
     * @param xOffset the first slice's first index
     * @param y the second array; not modified (may be x)
     * @param yOffset the second slice's first index
     * @param length the slices' length
     * @return the dot product; +0.0f for empty slices
     * @throws NullPointerException if x or y is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public float dot(float[] x, int xOffset, float[] y, int yOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(yOffset, length, y.length);
        return (float) pool.callDouble(VectorSpecs.DOT_F32, new Args().slot(x, xOffset, length).slot(y, yOffset, length));
    }

    /**
     * {@link #dot(float[], int, float[], int, int) dot} of the remaining elements of the buffers, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the first buffer; not modified
     * @param y the second buffer; not modified (may be x, or view the same memory)
     * @return the dot product; +0.0f for empty slices
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if x and y have different numbers of remaining elements
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public float dot(FloatBuffer x, FloatBuffer y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameRemaining("x", x, "y", y);
        return (float) pool.callDouble(VectorSpecs.DOT_F32, new Args().slot(x).slot(y));
    }

    /**
     * The Euclidean norm of floats: the exact squares summed in double in the deterministic order above, the
     * square root taken in double and then rounded to float (so within about half a float ulp of the true
     * norm, and the same bits everywhere). No overflow or underflow on the way (float squares lie far inside
     * double's range): the norm of {@code [3e19f, 4e19f]} is {@code 5e19f}, where a float loop overflows, and
     * of {@code [1e-40f, 1e-40f]} {@code 1.4142e-40f}. A NaN anywhere gives NaN, an infinity +Infinity.
     *
     * @param x the values; not modified
     * @return the norm (+Infinity if it exceeds {@link Float#MAX_VALUE}); +0.0f for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public float norm2(float[] x) {
        Checks.notNull(x, "x");
        return (float) pool.callDouble(VectorSpecs.NORM2_F32, new Args().slot(x));
    }

    /**
     * {@link #norm2(float[])} of the slice {@code x[offset, offset + length)}: the same bits as on its copy.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the norm; +0.0f for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public float norm2(float[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return (float) pool.callDouble(VectorSpecs.NORM2_F32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #norm2(float[], int, int) norm2} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the norm; +0.0f for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public float norm2(FloatBuffer x) {
        Checks.notNull(x, "x");
        return (float) pool.callDouble(VectorSpecs.NORM2_F32, new Args().slot(x));
    }

    /**
     * {@code y[i] = y[i] + a * x[i]} for every i, in place, in float arithmetic (the product rounded to float
     * before the add, as Java computes it). {@code x} may be {@code y}.
     *
     * @param a the factor
     * @param x the vector added; not modified unless it is {@code y}
     * @param y the vector updated in place, same length as {@code x}
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void axpy(float a, float[] x, float[] y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameLength("x", x.length, "y", y.length);
        pool.call(VectorSpecs.AXPY_F32, new Args().slot(x).slot(y).real(a));
    }

    /**
     * {@link #axpy(float, float[], float[])} on the slices {@code x[xOffset, xOffset + length)} and
     * {@code y[yOffset, yOffset + length)}; elements outside the y slice are not touched. The slices may be
     * the same slice of one array, but may not otherwise share elements.
     *
     * @param a the factor
     * @param x the array added from
     * @param xOffset the x slice's first index
     * @param y the array updated in place
     * @param yOffset the y slice's first index
     * @param length the slices' length
     * @throws NullPointerException if x or y is null
     * @throws IndexOutOfBoundsException if a slice is not within its array ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slices share some elements of one array without being the same
     * @throws IllegalStateException if the pool is closed
     */
    public void axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int length) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Objects.checkFromIndexSize(xOffset, length, x.length);
        Objects.checkFromIndexSize(yOffset, length, y.length);
        pool.call(VectorSpecs.AXPY_F32, new Args().slot(x, xOffset, length).slot(y, yOffset, length).real(a));
    }

    /**
     * {@link #axpy(float, float[], int, float[], int, int) axpy} of the remaining elements of the buffers, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param a the factor
     * @param x the buffer added from
     * @param y the buffer updated in place
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if x and y have different numbers of remaining elements
     * @throws IllegalArgumentException if the buffers share some memory without being the same range
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void axpy(float a, FloatBuffer x, FloatBuffer y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameRemaining("x", x, "y", y);
        pool.call(VectorSpecs.AXPY_F32, new Args().slot(x).slot(y).real(a));
    }

    /**
     * {@code x[i] = a * x[i]} for every i, in place, in float arithmetic.
     *
     * @param a the factor
     * @param x the vector scaled in place
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public void scale(float a, float[] x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.SCALE_F32, new Args().slot(x).real(a));
    }

    /**
     * {@link #scale(float, float[])} on the slice {@code x[offset, offset + length)}; elements outside it are
     * not touched.
     *
     * @param a the factor
     * @param x the array scaled in place
     * @param offset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public void scale(float a, float[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        pool.call(VectorSpecs.SCALE_F32, new Args().slot(x, offset, length).real(a));
    }

    /**
     * {@link #scale(float, float[], int, int) scale} of the buffer's remaining elements, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param a the factor
     * @param x the buffer scaled in place
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void scale(float a, FloatBuffer x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.SCALE_F32, new Args().slot(x).real(a));
    }

    /**
     * The sum of {@code x}, wrapping on overflow exactly as a Java loop {@code s += x[i]} does (the result is
     * exact modulo 2<sup>64</sup>, so it does not depend on the order or the thread count).
     *
     * @param x the values; not modified
     * @return the wrapped sum; 0 for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public long sum(long[] x) {
        Checks.notNull(x, "x");
        return pool.call(VectorSpecs.SUM_I64, new Args().slot(x));
    }

    /**
     * {@link #sum(long[])} of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the wrapped sum; 0 for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public long sum(long[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.call(VectorSpecs.SUM_I64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #sum(long[], int, int) sum} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the wrapped sum; 0 for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public long sum(LongBuffer x) {
        Checks.notNull(x, "x");
        return pool.call(VectorSpecs.SUM_I64, new Args().slot(x));
    }

    /**
     * The sum of {@code x} as a {@code long}: exact, since at most 2<sup>31</sup> ints cannot overflow a long
     * (unlike {@code int s += x[i]}).
     *
     * @param x the values; not modified
     * @return the exact sum; 0 for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public long sum(int[] x) {
        Checks.notNull(x, "x");
        return pool.call(VectorSpecs.SUM_I32, new Args().slot(x));
    }

    /**
     * {@link #sum(int[])} of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the exact sum; 0 for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public long sum(int[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.call(VectorSpecs.SUM_I32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #sum(int[], int, int) sum} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the exact sum; 0 for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public long sum(IntBuffer x) {
        Checks.notNull(x, "x");
        return pool.call(VectorSpecs.SUM_I32, new Args().slot(x));
    }

    /*
     * mean and variance of doubles and floats, both returned as double. mean is sum's total (the double one,
     * for floats too) divided by n: +Infinity among finite values gives +Infinity, as in numpy. variance is
     * the population variance (dividing by n, numpy's default ddof = 0): each 4096-element block's squared
     * deviations from its own mean, merged across blocks pairwise with Chan's formulas, in one pass over
     * memory; so the variance of 1e9 + [0, 1, 2, ...] keeps its digits where E[x^2] - E[x]^2 loses them all.
     * An empty input gives NaN. The same bits on every backend, thread count and path. Values beyond about
     * 4e304 can overflow a block's sum: the mean is then infinite and the variance NaN or infinite (numpy's
     * mean overflows the same way).
     */
    /**
     * The arithmetic mean of {@code x}.
     *
     * @param x the values; not modified
     * @return the mean; NaN for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double mean(double[] x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.MEAN_F64, new Args().slot(x));
    }

    /**
     * The arithmetic mean of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the mean; NaN for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public double mean(double[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.callDouble(VectorSpecs.MEAN_F64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #mean(double[], int, int) mean} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the mean; NaN for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double mean(DoubleBuffer x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.MEAN_F64, new Args().slot(x));
    }

    /**
     * The population variance (divided by n) of {@code x}.
     *
     * @param x the values; not modified
     * @return the variance; NaN for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double variance(double[] x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.VARIANCE_F64, new Args().slot(x));
    }

    /**
     * The population variance (divided by n) of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the variance; NaN for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public double variance(double[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.callDouble(VectorSpecs.VARIANCE_F64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #variance(double[], int, int) variance} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the variance; NaN for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double variance(DoubleBuffer x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.VARIANCE_F64, new Args().slot(x));
    }

    /**
     * The arithmetic mean of {@code x}, accumulated in double.
     *
     * @param x the values; not modified
     * @return the mean; NaN for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double mean(float[] x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.MEAN_F32, new Args().slot(x));
    }

    /**
     * The arithmetic mean of the slice {@code x[offset, offset + length)}, accumulated in double.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the mean; NaN for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public double mean(float[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.callDouble(VectorSpecs.MEAN_F32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #mean(float[], int, int) mean} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the mean; NaN for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double mean(FloatBuffer x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.MEAN_F32, new Args().slot(x));
    }

    /**
     * The population variance (divided by n) of {@code x}, accumulated in double.
     *
     * @param x the values; not modified
     * @return the variance; NaN for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double variance(float[] x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.VARIANCE_F32, new Args().slot(x));
    }

    /**
     * The population variance (divided by n) of the slice {@code x[offset, offset + length)}, accumulated in double.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the variance; NaN for an empty slice
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public double variance(float[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        return pool.callDouble(VectorSpecs.VARIANCE_F32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #variance(float[], int, int) variance} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the variance; NaN for an empty buffer
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double variance(FloatBuffer x) {
        Checks.notNull(x, "x");
        return pool.callDouble(VectorSpecs.VARIANCE_F32, new Args().slot(x));
    }

    /*
     * Prefix sums. The inclusive prefix sum x[i] = x[0] + ... + x[i], in place, like
     * Arrays.parallelPrefix(x, Double::sum), for all four types. Floating ones are deterministic: blocks of
     * 4096 elements, a block in rows of 8. A row's own prefix r takes three steps (lane l adds lane l-1, then
     * l-2, then l-4); inside a block, lc (the rows before, from -0.0) adds each row's r[7] in turn, and an
     * element's result is carry + (lc + r[l]), the carry being the block's: -0.0 for the first block (so
     * x[0] stays as it is), then the carry of the block before plus that block's last lc, which is exactly
     * that block's last result (only the last block can end in a short row, completed with -0.0, and its lc
     * is no carry). The order depends on the length only (jk_vector.h spells it out), so the bits are the
     * same on every backend, thread count and ISA path.
     */

    /**
     * Replaces each {@code x[i]} with {@code x[0] + ... + x[i]} (the inclusive prefix sum), in place, in the
     * deterministic order above: the same bits on every backend, thread count and ISA path.
     *
     * <p><b>Rounding, compared with the loop</b> {@code for (i = 1; i < n; i++) x[i] += x[i - 1]}: in the
     * loop, element i is the end of i rounded additions (error up to about {@code i * u * sum|x[0..i]|},
     * u = 2<sup>-53</sup>); here an input reaches element i through at most {@code i / 4096 + 516} (its
     * row's three steps, at most 512 row totals in its block's lc, one carry per block boundary between, and
     * the final two), so the error is at most about {@code (i / 4096 + 516) * u * sum|x[0..i]|}: the same order as the
     * loop's for the first few hundred elements, far smaller after (about 3,000 u rather than 10<sup>7</sup> u at
     * i = 10<sup>7</sup>). The results differ from the loop's in the last bits. {@code x[0]} is unchanged.
     * IEEE special values propagate: from the first NaN on, every result is NaN; +Infinity and -Infinity
     * together give NaN from the second of them on.
     *
     * @param x the values, replaced by their prefix sums; an empty array is left as it is
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(double[] x) {
        prefixSum(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * {@link #prefixSum(double[])} of the slice {@code x[offset, offset + length)}: element
     * {@code offset + i} becomes the sum of the slice's first i + 1 elements; elements outside the slice are
     * not touched. The order (the blocks) counts from the slice's start.
     *
     * @param x the array; the slice is replaced by its prefix sums
     * @param offset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(double[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        pool.call(VectorSpecs.PREFIX_SUM_F64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #prefixSum(double[], int, int) prefixSum} of the buffer's remaining elements, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; the buffer is replaced by its prefix sums
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void prefixSum(DoubleBuffer x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.PREFIX_SUM_F64, new Args().slot(x));
    }

    /**
     * The inclusive prefix sum of floats, in place, accumulated in double: the order of
     * {@link #prefixSum(double[])} on the floats widened to double (exactly), each result rounded to float
     * once. So each element is the float nearest a double sum with the error bound above, where a float loop
     * {@code x[i] += x[i - 1]} rounds to float at every step (10<sup>7</sup> copies of 0.1f end 9% off).
     * The same bits on every backend, thread count and ISA path.
     *
     * @param x the values, replaced by their prefix sums; an empty array is left as it is
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(float[] x) {
        prefixSum(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * {@link #prefixSum(float[])} of the slice {@code x[offset, offset + length)}; elements outside it are not
     * touched.
     *
     * @param x the array; the slice is replaced by its prefix sums
     * @param offset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(float[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        pool.call(VectorSpecs.PREFIX_SUM_F32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #prefixSum(float[], int, int) prefixSum} of the buffer's remaining elements, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; the buffer is replaced by its prefix sums
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void prefixSum(FloatBuffer x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.PREFIX_SUM_F32, new Args().slot(x));
    }

    /**
     * The inclusive prefix sum of longs, in place, wrapping on overflow exactly as the loop
     * {@code x[i] += x[i - 1]} does (the results are that loop's, whatever the order).
     *
     * @param x the values, replaced by their prefix sums; an empty array is left as it is
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(long[] x) {
        prefixSum(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * {@link #prefixSum(long[])} of the slice {@code x[offset, offset + length)}; elements outside it are not
     * touched.
     *
     * @param x the array; the slice is replaced by its prefix sums
     * @param offset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(long[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        pool.call(VectorSpecs.PREFIX_SUM_I64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #prefixSum(long[], int, int) prefixSum} of the buffer's remaining elements, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; the buffer is replaced by its prefix sums
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void prefixSum(LongBuffer x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.PREFIX_SUM_I64, new Args().slot(x));
    }

    /**
     * The inclusive prefix sum of ints, in place, in int arithmetic: wrapping on overflow exactly as the loop
     * {@code x[i] += x[i - 1]} does (the results are that loop's).
     *
     * @param x the values, replaced by their prefix sums; an empty array is left as it is
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(int[] x) {
        prefixSum(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * {@link #prefixSum(int[])} of the slice {@code x[offset, offset + length)}; elements outside it are not
     * touched.
     *
     * @param x the array; the slice is replaced by its prefix sums
     * @param offset the slice's first index
     * @param length the slice's length
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalStateException if the pool is closed
     */
    public void prefixSum(int[] x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        pool.call(VectorSpecs.PREFIX_SUM_I32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #prefixSum(int[], int, int) prefixSum} of the buffer's remaining elements, read and
     * written where they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; the buffer is replaced by its prefix sums
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if the buffer written is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void prefixSum(IntBuffer x) {
        Checks.notNull(x, "x");
        pool.call(VectorSpecs.PREFIX_SUM_I32, new Args().slot(x));
    }

    /*
     * min, max, argmin, argmax of every element type. Floating point follows Math.min and Math.max: a NaN
     * anywhere gives NaN (argmin and argmax: the index of the first NaN, as numpy's do), and -0.0 is below
     * +0.0. argmin and argmax return the index of the first extreme, in the whole array for a slice. The
     * answer does not depend on the backend, thread count or path. An empty input has no extreme:
     * IllegalArgumentException.
     */
    /**
     * The smallest element of {@code x} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public double min(double[] x) {
        return min(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The smallest element of the slice {@code x[offset, offset + length)} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public double min(double[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return pool.callDouble(VectorSpecs.MIN_F64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #min(double[], int, int) min} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double min(DoubleBuffer x) {
        checkNonEmpty(x);
        return pool.callDouble(VectorSpecs.MIN_F64, new Args().slot(x));
    }
    /**
     * The largest element of {@code x} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public double max(double[] x) {
        return max(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The largest element of the slice {@code x[offset, offset + length)} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public double max(double[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return pool.callDouble(VectorSpecs.MAX_F64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #max(double[], int, int) max} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public double max(DoubleBuffer x) {
        checkNonEmpty(x);
        return pool.callDouble(VectorSpecs.MAX_F64, new Args().slot(x));
    }
    /**
     * The index of the first smallest element of {@code x} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(double[] x) {
        return argmin(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first smallest element of the slice {@code x[offset, offset + length)} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(double[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMIN_F64, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmin(double[], int, int) argmin} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmin(DoubleBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMIN_F64, new Args().slot(x).integer(x.position()));
    }
    /**
     * The index of the first largest element of {@code x} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(double[] x) {
        return argmax(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first largest element of the slice {@code x[offset, offset + length)} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(double[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMAX_F64, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmax(double[], int, int) argmax} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmax(DoubleBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMAX_F64, new Args().slot(x).integer(x.position()));
    }
    /**
     * The smallest element of {@code x} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public float min(float[] x) {
        return min(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The smallest element of the slice {@code x[offset, offset + length)} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public float min(float[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (float) pool.callDouble(VectorSpecs.MIN_F32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #min(float[], int, int) min} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public float min(FloatBuffer x) {
        checkNonEmpty(x);
        return (float) pool.callDouble(VectorSpecs.MIN_F32, new Args().slot(x));
    }
    /**
     * The largest element of {@code x} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public float max(float[] x) {
        return max(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The largest element of the slice {@code x[offset, offset + length)} (a NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public float max(float[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (float) pool.callDouble(VectorSpecs.MAX_F32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #max(float[], int, int) max} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public float max(FloatBuffer x) {
        checkNonEmpty(x);
        return (float) pool.callDouble(VectorSpecs.MAX_F32, new Args().slot(x));
    }
    /**
     * The index of the first smallest element of {@code x} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(float[] x) {
        return argmin(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first smallest element of the slice {@code x[offset, offset + length)} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(float[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMIN_F32, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmin(float[], int, int) argmin} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmin(FloatBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMIN_F32, new Args().slot(x).integer(x.position()));
    }
    /**
     * The index of the first largest element of {@code x} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(float[] x) {
        return argmax(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first largest element of the slice {@code x[offset, offset + length)} (of the first NaN if there is one; -0.0 below +0.0).
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(float[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMAX_F32, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmax(float[], int, int) argmax} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmax(FloatBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMAX_F32, new Args().slot(x).integer(x.position()));
    }
    /**
     * The smallest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public long min(long[] x) {
        return min(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The smallest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public long min(long[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return pool.call(VectorSpecs.MIN_I64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #min(long[], int, int) min} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public long min(LongBuffer x) {
        checkNonEmpty(x);
        return pool.call(VectorSpecs.MIN_I64, new Args().slot(x));
    }
    /**
     * The largest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public long max(long[] x) {
        return max(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The largest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public long max(long[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return pool.call(VectorSpecs.MAX_I64, new Args().slot(x, offset, length));
    }

    /**
     * {@link #max(long[], int, int) max} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public long max(LongBuffer x) {
        checkNonEmpty(x);
        return pool.call(VectorSpecs.MAX_I64, new Args().slot(x));
    }
    /**
     * The index of the first smallest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(long[] x) {
        return argmin(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first smallest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(long[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMIN_I64, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmin(long[], int, int) argmin} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmin(LongBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMIN_I64, new Args().slot(x).integer(x.position()));
    }
    /**
     * The index of the first largest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(long[] x) {
        return argmax(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first largest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(long[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMAX_I64, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmax(long[], int, int) argmax} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmax(LongBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMAX_I64, new Args().slot(x).integer(x.position()));
    }
    /**
     * The smallest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int min(int[] x) {
        return min(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The smallest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int min(int[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.MIN_I32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #min(int[], int, int) min} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the smallest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int min(IntBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.MIN_I32, new Args().slot(x));
    }
    /**
     * The largest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int max(int[] x) {
        return max(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The largest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int max(int[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.MAX_I32, new Args().slot(x, offset, length));
    }

    /**
     * {@link #max(int[], int, int) max} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the largest element
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int max(IntBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.MAX_I32, new Args().slot(x));
    }
    /**
     * The index of the first smallest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(int[] x) {
        return argmin(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first smallest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmin(int[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMIN_I32, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmin(int[], int, int) argmin} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmin(IntBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMIN_I32, new Args().slot(x).integer(x.position()));
    }
    /**
     * The index of the first largest element of {@code x}.
     *
     * @param x the values; not modified
     * @return the index
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if x is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(int[] x) {
        return argmax(x, 0, Checks.notNull(x, "x").length);
    }

    /**
     * The index, in the whole array, of the first largest element of the slice {@code x[offset, offset + length)}.
     *
     * @param x the array; not modified
     * @param offset the slice's first index
     * @param length the slice's length
     * @return the index, between offset and offset + length - 1
     * @throws NullPointerException if x is null
     * @throws IndexOutOfBoundsException if the slice is not within x ({@link Objects#checkFromIndexSize})
     * @throws IllegalArgumentException if the slice is empty
     * @throws IllegalStateException if the pool is closed
     */
    public int argmax(int[] x, int offset, int length) {
        checkNonEmptySlice(x, offset, length);
        return (int) pool.call(VectorSpecs.ARGMAX_I32, new Args().slot(x, offset, length).integer(offset));
    }

    /**
     * {@link #argmax(int[], int, int) argmax} of the buffer's remaining elements, read where
     * they are on the native backend (see "Off-heap memory" at {@link KernelPool}).
     *
     * @param x the buffer; not modified
     * @return the index, between x.position() and x.limit() - 1
     * @throws NullPointerException if x is null
     * @throws IllegalArgumentException if the buffer is empty
     * @throws IllegalArgumentException if a buffer is neither direct nor backed by an accessible array, or
     *     not in the native byte order
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public int argmax(IntBuffer x) {
        checkNonEmpty(x);
        return (int) pool.call(VectorSpecs.ARGMAX_I32, new Args().slot(x).integer(x.position()));
    }
    /** Null, range and emptiness checks of the extremes' slice (any primitive array). */
    private static void checkNonEmpty(Buffer x) {
        Checks.notNull(x, "x");
        if (!x.hasRemaining()) {
            throw new IllegalArgumentException("x has no remaining element: it has no extreme");
        }
    }

    private static void checkNonEmptySlice(Object x, int offset, int length) {
        Checks.notNull(x, "x");
        Objects.checkFromIndexSize(offset, length, java.lang.reflect.Array.getLength(x));
        if (length == 0) {
            throw new IllegalArgumentException("x" + (offset == 0 && length == java.lang.reflect.Array.getLength(x)
                    ? " is empty" : " slice at " + offset + " is empty") + ": it has no extreme");
        }
    }

    /*
     * Asynchronous forms, kept for 0.1.0 callers: each is KernelPool.submit of the synchronous call, which is
     * how every operation, these included, goes asynchronous.
     */

    /**
     * {@link #sum(double[])}, asynchronously; same bits. The same as {@code pool.submit(p -> p.vectors().sum(x))}.
     *
     * @param x the values; copied, not modified
     * @return the future sum
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<Double> sumAsync(double[] x) {
        return pool.submit(p -> p.vectors().sum(x));
    }

    /**
     * {@link #sumAsync(double[])}, completing on {@code executor}.
     *
     * @param x the values
     * @param executor where the future is completed
     * @return the future sum
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<Double> sumAsync(double[] x, Executor executor) {
        return pool.submit(p -> p.vectors().sum(x), executor);
    }

    /**
     * {@link #dot(double[], double[])}, asynchronously; same bits.
     *
     * @param x the first vector; copied
     * @param y the second vector, same length; copied
     * @return the future dot product
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<Double> dotAsync(double[] x, double[] y) {
        return pool.submit(p -> p.vectors().dot(x, y));
    }

    /**
     * {@link #dotAsync(double[], double[])}, completing on {@code executor}.
     *
     * @param x the first vector
     * @param y the second vector
     * @param executor where the future is completed
     * @return the future dot product
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<Double> dotAsync(double[] x, double[] y, Executor executor) {
        return pool.submit(p -> p.vectors().dot(x, y), executor);
    }

    /**
     * {@link #axpy(double, double[], double[])}, asynchronously: computed on copies of x and y, and the
     * result is copied into {@code y} just before the future completes (with {@code y} as its value).
     * Changes the caller makes to {@code y} meanwhile are overwritten then; a cancelled job leaves {@code y}
     * untouched.
     *
     * @param a the scalar
     * @param x the vector to add; copied
     * @param y the vector updated in place, same length
     * @return the future, completing with {@code y}
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<double[]> axpyAsync(double a, double[] x, double[] y) {
        return pool.submit(p -> {
            p.vectors().axpy(a, x, y);
            return y;
        });
    }

    /**
     * {@link #scale(double, double[])}, asynchronously: computed on a copy, copied into {@code x} just
     * before the future completes (with {@code x} as its value); a cancelled job leaves {@code x} untouched.
     *
     * @param a the factor
     * @param x the vector scaled in place
     * @return the future, completing with {@code x}
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<double[]> scaleAsync(double a, double[] x) {
        return pool.submit(p -> {
            p.vectors().scale(a, x);
            return x;
        });
    }
}
