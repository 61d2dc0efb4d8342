// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory behind {@code dev.jkernels.OffHeapArray}: 64-byte-aligned zeroed blocks. With the native library
 * loaded they are mappings of its own (jni_memory.c): closing one gives its memory back to the system at
 * once (or when the last call or job holding it ends) but keeps the mapping, reading zeros, so a buffer kept
 * past close cannot crash the JVM; a {@link Cleaner} unmaps it once no buffer of it is reachable. Without
 * the library, they are {@link ByteBuffer#allocateDirect} memory aligned by {@link ByteBuffer#alignedSlice},
 * which the JVM frees when no buffer of it is reachable; closing one then only stops counting it. Not API.
 */
public final class OffHeapMemory {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Bytes of the blocks made without the native library and not closed. */
    private static final AtomicLong JAVA_BYTES = new AtomicLong();

    private final ByteBuffer base; // every view of the block refers to it, so the Cleaner waits for them all
    private final long bytes;
    private final Runnable close;

    private OffHeapMemory(ByteBuffer base, long bytes, Runnable close) {
        this.base = base;
        this.bytes = bytes;
        this.close = close;
    }

    /**
     * A new zeroed block of {@code bytes} (0..Integer.MAX_VALUE - 64).
     *
     * @throws OutOfMemoryError naming the size if it cannot be had
     */
    public static OffHeapMemory allocate(long bytes) {
        if (NativeLibrary.isLoaded()) {
            ByteBuffer base = NativeBridge.memAllocate(bytes);
            long address = NativeBridge.bufferAddress(base);
            CLEANER.register(base, () -> NativeBridge.memUnmap(address)); // the action must not refer to base
            return new OffHeapMemory(base, bytes, () -> NativeBridge.memClose(address));
        }
        ByteBuffer root;
        try {
            root = ByteBuffer.allocateDirect(Math.toIntExact(bytes + 63));
        } catch (OutOfMemoryError e) {
            OutOfMemoryError named = new OutOfMemoryError("jkernels: no direct memory for an off-heap array of "
                    + bytes + " bytes (-XX:MaxDirectMemorySize bounds it without the native library)");
            named.initCause(e);
            throw named;
        }
        JAVA_BYTES.addAndGet(bytes);
        // The views of a slice refer to the root buffer, not to the slice: the Cleaner watches the root.
        Cleaner.Cleanable uncount = CLEANER.register(root, () -> JAVA_BYTES.addAndGet(-bytes));
        return new OffHeapMemory(root.alignedSlice(64).limit((int) bytes).slice(), bytes, uncount::clean);
    }

    /** A new view of the whole block: position 0, limit its size, big-endian as every new ByteBuffer. */
    public ByteBuffer view() {
        return base.duplicate();
    }

    public long bytes() {
        return bytes;
    }

    /** Gives the block's memory back (or, held by a running call or job, lets the last of them do it). */
    public void close() {
        close.run();
        // Until memClose has run, base must stay reachable: else the Cleaner could unmap the block first, and
        // a new block at the same address could be the one closed.
        Reference.reachabilityFence(base);
    }

    /**
     * Holds the off-heap arrays of a call's buffer slots (when the native library is loaded), so closing one
     * while the call or job runs gives its memory back only after {@link #release}: the JAVA backend's part of
     * what the JNI glue does for NATIVE. Returns null when there is nothing to hold.
     *
     * @throws IllegalStateException if a slot lies in a closed off-heap array
     */
    static long[] hold(OpSpec op, Args a) {
        if (!a.hasBuffer() || !NativeLibrary.isLoaded()) {
            return null;
        }
        long[] held = new long[op.slots()];
        for (int k = 0; k < op.slots(); k++) {
            if (a.array(k) instanceof Buffer b && a.length(k) > 0) {
                int size = op.type(k).bytes;
                long h = NativeBridge.memHold(NativeBridge.bufferAddress(b) + (long) a.offset(k) * size,
                        (long) a.length(k) * size);
                if (h < 0) {
                    release(held);
                    throw new IllegalStateException(op.label + ": " + a.slotName(op, k)
                            + " is a buffer of an OffHeapArray that is closed");
                }
                held[k] = h;
            }
        }
        return held;
    }

    /** Releases what {@link #hold} held (null: nothing). */
    static void release(long[] held) {
        if (held != null) {
            for (long h : held) {
                NativeBridge.memRelease(h);
            }
        }
    }

    /** Bytes of off-heap arrays allocated and not yet freed, in this process. */
    public static long bytesInUse() {
        return JAVA_BYTES.get() + (NativeLibrary.isLoaded() ? NativeBridge.memBytes() : 0);
    }
}
