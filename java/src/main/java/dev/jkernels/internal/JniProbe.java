// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.nio.ByteBuffer;

/**
 * JNI calls that do almost nothing, so a benchmark can measure what crossing into native costs (the
 * crossover where native starts to pay). Public for the benchmark module only; not API.
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
}
