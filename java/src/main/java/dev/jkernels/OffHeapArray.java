// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.OffHeapMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * An array outside the Java heap, 64-byte aligned and zeroed, freed by {@link #close()}: what the
 * operations' buffer forms read and write without any copy on the NATIVE backend (and on AUTO's native
 * routes). Its elements are reached through views in the native byte order: {@link #doubles()},
 * {@link #floats()}, {@link #longs()}, {@link #ints()}, each a new buffer over the whole array (position 0,
 * limit the element count), to slice with {@code position}/{@code limit} as usual.
 *
 * <pre>{@code
 * try (OffHeapArray a = OffHeapArray.ofDoubles(1 << 20)) {
 *     DoubleBuffer x = a.doubles();
 *     pool.random().uniform(seed, 0, x);
 *     double s = pool.vectors().sum(x);
 * }
 * }</pre>
 *
 * <p><b>Lifetime.</b> {@code close()} gives the memory back to the system at once, unless a call or
 * asynchronous job of the library is using the array (on any backend): then the last of them does when it
 * ends, so a job never works on memory that is gone, whichever thread closes the array and when. Java cannot
 * make an old {@code DoubleBuffer} forget its address, so the array's address range stays mapped until no view
 * of it is reachable (a {@link java.lang.ref.Cleaner} then unmaps it): a view kept past {@code close()} reads
 * zeros rather than crashing the JVM (what it writes is lost at the unmap), and every call of the library
 * given one of its buffers throws {@link IllegalStateException}. Do not keep views past {@code close()}. An
 * array that becomes unreachable with all its views, without {@code close()}, is freed by the Cleaner.
 * Without the native library (Backend.JAVA only), the memory is JVM direct memory, which the JVM frees when
 * no view of it is reachable; {@code close()} then only stops counting it, and calls are not refused.
 *
 * <p>{@link #bytesInUse()} (and {@link PoolStats#offHeapBytes()}) count the arrays not yet freed.
 * Thread-safe.
 */
public final class OffHeapArray implements AutoCloseable {
    private final OffHeapMemory memory;
    private volatile boolean closed;

    private OffHeapArray(long bytes) {
        this.memory = OffHeapMemory.allocate(bytes);
    }

    /**
     * A zeroed array of {@code length} doubles.
     *
     * @throws IllegalArgumentException if length is negative or above {@link #MAX_BYTES} / 8
     * @throws OutOfMemoryError naming the size if the memory cannot be had
     */
    public static OffHeapArray ofDoubles(int length) {
        return new OffHeapArray(bytes(length, Double.BYTES));
    }

    /** A zeroed array of {@code length} floats; as {@link #ofDoubles}. */
    public static OffHeapArray ofFloats(int length) {
        return new OffHeapArray(bytes(length, Float.BYTES));
    }

    /** A zeroed array of {@code length} longs; as {@link #ofDoubles}. */
    public static OffHeapArray ofLongs(int length) {
        return new OffHeapArray(bytes(length, Long.BYTES));
    }

    /** A zeroed array of {@code length} ints; as {@link #ofDoubles}. */
    public static OffHeapArray ofInts(int length) {
        return new OffHeapArray(bytes(length, Integer.BYTES));
    }

    /** The largest array, in bytes: a direct buffer's capacity is an int. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    private static long bytes(int length, int size) {
        long bytes = (long) length * size;
        if (length < 0 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("an off-heap array of " + length + " elements of " + size
                    + " bytes is outside 0.." + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    /** Its size in bytes. */
    public long byteSize() {
        return memory.bytes();
    }

    /**
     * A new view of the whole array as doubles (byteSize() / 8 of them), in the native byte order.
     *
     * @throws IllegalStateException if the array is closed
     */
    public DoubleBuffer doubles() {
        return bytes().asDoubleBuffer();
    }

    /** A new view as floats; as {@link #doubles()}. */
    public FloatBuffer floats() {
        return bytes().asFloatBuffer();
    }

    /** A new view as longs; as {@link #doubles()}. */
    public LongBuffer longs() {
        return bytes().asLongBuffer();
    }

    /** A new view as ints; as {@link #doubles()}. */
    public IntBuffer ints() {
        return bytes().asIntBuffer();
    }

    /**
     * A new view of the bytes, in the native byte order.
     *
     * @throws IllegalStateException if the array is closed
     */
    public ByteBuffer bytes() {
        if (closed) {
            throw new IllegalStateException("this OffHeapArray is closed");
        }
        return memory.view().order(ByteOrder.nativeOrder());
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Frees the memory now, or, while calls or jobs of the library use it, when the last of them ends (see
     * the class comment). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        memory.close();
    }

    /** Bytes of off-heap arrays allocated in this process and not yet freed. */
    public static long bytesInUse() {
        return OffHeapMemory.bytesInUse();
    }

    @Override
    public String toString() {
        return "OffHeapArray[" + byteSize() + " bytes" + (closed ? ", closed]" : "]");
    }
}
