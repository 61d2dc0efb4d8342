// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.nio.ByteBuffer;

/**
 * JNI calls that do almost nothing, so a benchmark can measure what crossing into native costs (the
 * crossover where native starts to pay), and the native heap's size for the leak tests. Public for the benchmark
 * module and the tests only; not API.
 */
public final class JniProbe {
    private JniProbe() {}

    /** Loads the library; call once before the probes. */
    public static void load() {
        NativeLibrary.requireLoaded();
    }

    /** A native call that does nothing: the bare cost of a JNI transition. */
    public static native int empty();

    /** Pins {@code a} with GetPrimitiveArrayCritical, reads a[0], releases: the cost of pinning an array. */
    public static native long pinned(long[] a);

    /** Reads the first long of a direct buffer through GetDirectBufferAddress: the zero-copy path. */
    public static native long direct(ByteBuffer directBuffer);

    /**
     * Bytes the process's C heap (glibc malloc) has handed out and not taken back: small blocks plus mmap'd
     * ones (mallinfo2's uordblks + hblkhd). Counts every malloc in the process, the JVM's own included, but
     * not the Java heap; a leak in the native library shows here.
     */
    public static native long nativeHeapBytes();

    /** The address of a direct buffer's first element (0 if it is not direct). */
    public static long address(java.nio.Buffer buffer) {
        return NativeBridge.bufferAddress(buffer);
    }

    /** Off-heap arrays still mapped: open, or closed while a view of theirs is still reachable. */
    public static long offHeapBlocks() {
        return NativeBridge.memBlocks();
    }
}
