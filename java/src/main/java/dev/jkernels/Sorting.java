// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import dev.jkernels.internal.Args;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.OpSpec;
import dev.jkernels.internal.SortSpecs;

/**
 * Sorting of primitive arrays: {@code sort} in place, ascending, and {@code argsort}, the stable permutation
 * that sorts, for {@code double[]}, {@code float[]}, {@code long[]} and {@code int[]}, whole or on a range
 * {@code [fromIndex, toIndex)}. Obtained from {@link KernelPool#sorting()}.
 *
 * <p><b>Order.</b> {@code sort} leaves exactly what {@link java.util.Arrays#sort(double[]) Arrays.sort}
 * leaves, bit for bit: for floating point, {@code -0.0} before {@code 0.0} and every NaN at the end, the NaNs
 * in the order {@code Arrays.sort} puts them (their payloads are kept). {@code argsort} returns indices
 * {@code p} such that {@code a[p[0]], a[p[1]], ...} is ascending in that same order (all NaNs equal and
 * last, {@code -0.0} below {@code 0.0}), equal keys in the order of their indices (stable): the permutation
 * is unique, so it is the same on every backend, ISA path and thread count. For a range, the indices are
 * into the whole array ({@code fromIndex} to {@code toIndex - 1}).
 *
 * <p><b>How it runs.</b> NATIVE runs a vectorized quicksort (an AVX-512 or AVX2 partition that reads from
 * both ends, a median-of-sample pivot, sorting networks in registers for short ranges, heapsort past a depth
 * limit, so no input is quadratic) on the pool's threads: a long range is split and the parts are sorted by
 * whichever thread is free. argsort sorts 64-bit words that hold the key's order and its index. The array is
 * copied into native memory for the call (nothing is pinned while it runs). JAVA runs
 * {@link java.util.Arrays#sort(double[]) Arrays.sort} on one thread (the caller's for a synchronous call, a
 * pool thread for a submitted one; argsort: the same words, sorted by {@code Arrays.sort(long[])}): it does
 * not use the pool's other threads. AUTO sends ranges under 64 keys to the Java one, on the calling thread.
 * A cancelled or failed call leaves the range partly sorted, a permutation of what it held.
 *
 * <p><b>Memory.</b> NATIVE sort: a native copy of the range (8 bytes per key for {@code double} and
 * {@code long}, 4 for {@code float} and {@code int}). argsort: the copy of the range, the indices (4 bytes a
 * key) and 8 bytes a key of words: 20 bytes a key for {@code double[]}, 16 for {@code float[]}. JAVA argsort
 * allocates 8 bytes a key on the Java heap. A native call that cannot get its memory throws
 * {@link OutOfMemoryError} saying how much it asked for (a submitted one, from {@code submit} or from its
 * future); the pool stays usable.
 *
 * <p><b>Arguments</b> follow {@code Arrays.sort}: a null array throws {@link NullPointerException};
 * {@code fromIndex > toIndex} throws {@link IllegalArgumentException}; {@code fromIndex < 0} or
 * {@code toIndex > a.length} throws {@link ArrayIndexOutOfBoundsException}; a closed pool throws
 * {@link IllegalStateException}. No other thread may write the array while a call runs.
 *
 * <p><b>Asynchronously:</b> through {@link KernelPool#submit(KernelPool.Call)}, e.g.
 * {@code pool.submit(p -> p.sorting().argsort(a))}: the future completes with the indices; a submitted
 * {@code sort} returns nothing, so its function returns the array
 * ({@code pool.submit(p -> { p.sorting().sort(a); return a; })}), which is sorted when the future completes.
 */
public final class Sorting {
    private final KernelPool pool;

    Sorting(KernelPool pool) {
        this.pool = pool;
    }

    /**
     * Sorts {@code a} ascending, in place, exactly as {@link java.util.Arrays#sort(double[])} does.
     *
     * @param a the array
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(double[] a) {
        sort(SortSpecs.SORT_F64, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * Sorts {@code a[fromIndex, toIndex)} ascending, in place, exactly as
     * {@link java.util.Arrays#sort(double[], int, int)} does; the rest of {@code a} is not touched.
     *
     * @param a the array
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(double[] a, int fromIndex, int toIndex) {
        sort(SortSpecs.SORT_F64, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * Sorts {@code a} ascending, in place, exactly as {@link java.util.Arrays#sort(float[])} does.
     *
     * @param a the array
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(float[] a) {
        sort(SortSpecs.SORT_F32, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * Sorts {@code a[fromIndex, toIndex)} ascending, in place, exactly as
     * {@link java.util.Arrays#sort(float[], int, int)} does; the rest of {@code a} is not touched.
     *
     * @param a the array
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(float[] a, int fromIndex, int toIndex) {
        sort(SortSpecs.SORT_F32, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * Sorts {@code a} ascending, in place.
     *
     * @param a the array
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(long[] a) {
        sort(SortSpecs.SORT_I64, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * Sorts {@code a[fromIndex, toIndex)} ascending, in place; the rest of {@code a} is not touched.
     *
     * @param a the array
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(long[] a, int fromIndex, int toIndex) {
        sort(SortSpecs.SORT_I64, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * Sorts {@code a} ascending, in place.
     *
     * @param a the array
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(int[] a) {
        sort(SortSpecs.SORT_I32, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * Sorts {@code a[fromIndex, toIndex)} ascending, in place; the rest of {@code a} is not touched.
     *
     * @param a the array
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public void sort(int[] a, int fromIndex, int toIndex) {
        sort(SortSpecs.SORT_I32, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * The stable permutation that sorts {@code a} (see the class description); {@code a} is not modified.
     *
     * @param a the keys
     * @return indices {@code p} with {@code a[p[0]], a[p[1]], ...} ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(double[] a) {
        return argsort(SortSpecs.ARGSORT_F64, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * The stable permutation that sorts {@code a[fromIndex, toIndex)}, as indices into {@code a}.
     *
     * @param a the keys; not modified
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @return {@code toIndex - fromIndex} indices from {@code fromIndex} to {@code toIndex - 1}, ordering the
     *     range ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(double[] a, int fromIndex, int toIndex) {
        return argsort(SortSpecs.ARGSORT_F64, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * Sorts the buffer's remaining elements ascending, in place where they are on the native backend (see
     * "Off-heap memory" at {@link KernelPool}), in the order of {@link #sort(double[])}.
     *
     * @param a the buffer; its elements from position to limit are sorted
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws java.nio.ReadOnlyBufferException if a is read-only
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public void sort(DoubleBuffer a) {
        sort(SortSpecs.SORT_F64, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    /**
     * The stable permutation that sorts the buffer's remaining elements, as {@link #argsort(double[])}: indices
     * into the buffer, from {@code a.position()} to {@code a.limit() - 1}.
     *
     * @param a the buffer; not modified
     * @return a new array of a.remaining() indices
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public int[] argsort(DoubleBuffer a) {
        return argsort(SortSpecs.ARGSORT_F64, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    /**
     * The stable permutation that sorts {@code a} (see the class description); {@code a} is not modified.
     *
     * @param a the keys
     * @return indices {@code p} with {@code a[p[0]], a[p[1]], ...} ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(float[] a) {
        return argsort(SortSpecs.ARGSORT_F32, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * The stable permutation that sorts {@code a[fromIndex, toIndex)}, as indices into {@code a}.
     *
     * @param a the keys; not modified
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @return {@code toIndex - fromIndex} indices from {@code fromIndex} to {@code toIndex - 1}, ordering the
     *     range ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(float[] a, int fromIndex, int toIndex) {
        return argsort(SortSpecs.ARGSORT_F32, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * Sorts the buffer's remaining elements ascending, in place where they are on the native backend (see
     * "Off-heap memory" at {@link KernelPool}), in the order of {@link #sort(float[])}.
     *
     * @param a the buffer; its elements from position to limit are sorted
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws java.nio.ReadOnlyBufferException if a is read-only
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public void sort(FloatBuffer a) {
        sort(SortSpecs.SORT_F32, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    /**
     * The stable permutation that sorts the buffer's remaining elements, as {@link #argsort(float[])}: indices
     * into the buffer, from {@code a.position()} to {@code a.limit() - 1}.
     *
     * @param a the buffer; not modified
     * @return a new array of a.remaining() indices
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public int[] argsort(FloatBuffer a) {
        return argsort(SortSpecs.ARGSORT_F32, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    /**
     * The stable permutation that sorts {@code a}; {@code a} is not modified.
     *
     * @param a the keys
     * @return indices {@code p} with {@code a[p[0]], a[p[1]], ...} ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(long[] a) {
        return argsort(SortSpecs.ARGSORT_I64, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * The stable permutation that sorts {@code a[fromIndex, toIndex)}, as indices into {@code a}.
     *
     * @param a the keys; not modified
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @return {@code toIndex - fromIndex} indices from {@code fromIndex} to {@code toIndex - 1}, ordering the
     *     range ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(long[] a, int fromIndex, int toIndex) {
        return argsort(SortSpecs.ARGSORT_I64, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * Sorts the buffer's remaining elements ascending, in place where they are on the native backend (see
     * "Off-heap memory" at {@link KernelPool}), in the order of {@link #sort(long[])}.
     *
     * @param a the buffer; its elements from position to limit are sorted
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws java.nio.ReadOnlyBufferException if a is read-only
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public void sort(LongBuffer a) {
        sort(SortSpecs.SORT_I64, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    /**
     * The stable permutation that sorts the buffer's remaining elements, as {@link #argsort(long[])}: indices
     * into the buffer, from {@code a.position()} to {@code a.limit() - 1}.
     *
     * @param a the buffer; not modified
     * @return a new array of a.remaining() indices
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public int[] argsort(LongBuffer a) {
        return argsort(SortSpecs.ARGSORT_I64, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    /**
     * The stable permutation that sorts {@code a}; {@code a} is not modified.
     *
     * @param a the keys
     * @return indices {@code p} with {@code a[p[0]], a[p[1]], ...} ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(int[] a) {
        return argsort(SortSpecs.ARGSORT_I32, a, Checks.notNull(a, "a").length, 0, a.length);
    }

    /**
     * The stable permutation that sorts {@code a[fromIndex, toIndex)}, as indices into {@code a}.
     *
     * @param a the keys; not modified
     * @param fromIndex the first index of the range
     * @param toIndex the index after its last
     * @return {@code toIndex - fromIndex} indices from {@code fromIndex} to {@code toIndex - 1}, ordering the
     *     range ascending, ties by index
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code fromIndex > toIndex}
     * @throws ArrayIndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > a.length}
     * @throws IllegalStateException if the pool is closed
     */
    public int[] argsort(int[] a, int fromIndex, int toIndex) {
        return argsort(SortSpecs.ARGSORT_I32, a, Checks.notNull(a, "a").length, fromIndex, toIndex);
    }

    /**
     * Sorts the buffer's remaining elements ascending, in place where they are on the native backend (see
     * "Off-heap memory" at {@link KernelPool}), in the order of {@link #sort(int[])}.
     *
     * @param a the buffer; its elements from position to limit are sorted
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws java.nio.ReadOnlyBufferException if a is read-only
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public void sort(IntBuffer a) {
        sort(SortSpecs.SORT_I32, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    /**
     * The stable permutation that sorts the buffer's remaining elements, as {@link #argsort(int[])}: indices
     * into the buffer, from {@code a.position()} to {@code a.limit() - 1}.
     *
     * @param a the buffer; not modified
     * @return a new array of a.remaining() indices
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if a is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws IllegalStateException if the pool is closed, or a is of a closed {@link OffHeapArray}
     */
    public int[] argsort(IntBuffer a) {
        return argsort(SortSpecs.ARGSORT_I32, a, Checks.notNull(a, "a").remaining(), 0, a.remaining());
    }

    private void sort(OpSpec op, Object a, int length, int fromIndex, int toIndex) {
        rangeCheck(length, fromIndex, toIndex);
        pool.call(op, new Args().slot(a, fromIndex, toIndex - fromIndex));
    }

    private int[] argsort(OpSpec op, Object a, int length, int fromIndex, int toIndex) {
        rangeCheck(length, fromIndex, toIndex);
        int n = toIndex - fromIndex;
        int[] indices = new int[n];
        int base = a instanceof Buffer b ? b.position() : 0; // a buffer's indices are absolute
        pool.call(op, new Args().slot(a, fromIndex, n).slot(indices, 0, n).integer(base + fromIndex));
        return indices;
    }

    /** Arrays.sort's range rules, with its exceptions and messages. */
    private static void rangeCheck(int length, int fromIndex, int toIndex) {
        if (fromIndex > toIndex) {
            throw new IllegalArgumentException("fromIndex(" + fromIndex + ") > toIndex(" + toIndex + ")");
        }
        if (fromIndex < 0) {
            throw new ArrayIndexOutOfBoundsException(fromIndex);
        }
        if (toIndex > length) {
            throw new ArrayIndexOutOfBoundsException(toIndex);
        }
    }
}
