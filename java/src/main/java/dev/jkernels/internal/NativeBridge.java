// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * The JNI entry points of the native library (native/src/jni): a few generic entries for every operation
 * (an operation index, up to four array slots with offset and length each, eight integer and four double
 * scalars, a raw result), jobs, and the pool. Callers check every argument first (Checks.slots, the spec's
 * check); the native side re-checks types, bounds and overlaps and throws what {@link Failures#forStatus}
 * makes of a bad status. Never call these before {@link NativeLibrary#requireLoaded()}. Not API.
 */
public final class NativeBridge {
    private NativeBridge() {}

    /** The library's full version, e.g. 0.1.0-SNAPSHOT. */
    static native String version();

    /** The best jk_isa the CPU supports. */
    static native int supportedIsa();

    static native int availableCpus();

    /**
     * One line per native operation, in the library's registry order (the index {@link #call} takes): name,
     * slots as role:letter joined by commas ("-" for none), ints, reals, result, flags — what
     * {@link OpSpec#descriptor()} writes.
     */
    static native String[] ops();

    /** Returns a jk_pool pointer; isa is a jk_isa (-1 for the best); spinNanos -1 for the default. */
    static native long poolCreate(int threads, int isa, long spinNanos);

    static native void poolDestroy(long pool);

    static native int poolThreads(long pool);

    static native int poolIsa(long pool);

    static native long poolSpinNanos(long pool);

    static native void poolResize(long pool, int threads);

    static native int poolCancelAll(long pool);

    /**
     * {threads, active, queued, callers, pending, jobsFinished, jobsFailed}, then {jobs, chunks, items,
     * busyNanos} per worker.
     */
    static native long[] poolStats(long pool);

    /** How streaming calls treat heap arrays, process-wide: {@link Settings#pinMode()}'s code. */
    static native void setPinMode(int mode);

    /** Flags of call and submit. */
    static final int CALL_INLINE = 1, CALL_ITEM_FAILURES = 2;

    /**
     * Runs operation {@code op} and waits; returns its result's raw bits. Unused slots are null with offset
     * and length 0. Heap arrays are pinned only in short windows while the pool is idle (or inline), else
     * copied in bounded pieces; see jni_call.c.
     */
    static native long call(long pool, int op, int flags, Object a0, int o0, int n0, Object a1, int o1, int n1,
            Object a2, int o2, int n2, Object a3, int o3, int n3, long i0, long i1, long i2, long i3, long i4, long i5,
            long i6, long i7, double d0, double d1, double d2, double d3);

    /**
     * Copies the slots into native memory the job owns and queues it; returns its handle, valid until
     * {@link #freeJob}. {@code tag} is what {@link #nextFinished} hands back for it.
     */
    static native long submit(long pool, int op, int flags, Object a0, int o0, int n0, Object a1, int o1, int n1,
            Object a2, int o2, int n2, Object a3, int o3, int n3, long i0, long i1, long i2, long i3, long i4, long i5,
            long i6, long i7, double d0, double d1, double d2, double d3, long tag);

    /**
     * The handle of the next finished job (each once, to one caller), or 0 after the timeout or a wake. It
     * may come out before {@link #submit} has returned it to the submitting thread.
     */
    static native long nextFinished(long pool, long timeoutNanos);

    /** The tag the job was submitted with. */
    static native long jobTag(long handle);

    static native void wake(long pool);

    static native boolean cancelJob(long handle);

    /** Items done so far. */
    static native long jobDone(long handle);

    /** Items in all. */
    static native long jobTotal(long handle);

    /** A finished job's jk_status. */
    static native int jobStatus(long handle);

    /** The lowest failing item, or -1. */
    static native long jobBadIndex(long handle);

    /** A finished job's result, as raw bits. */
    static native long jobValue(long handle);

    /** Copies a finished job's slot {@code k} into {@code array} from {@code offset} on. */
    static native void jobCopyOut(long handle, int k, Object array, int offset);

    /** Every failing item of a per-item job, ascending. */
    static native long[] jobFailedItems(long handle);

    static native void freeJob(long handle);

    /**
     * A new zeroed, page-aligned off-heap block of {@code bytes} (0..Integer.MAX_VALUE) as a direct ByteBuffer
     * (jni_memory.c); OutOfMemoryError naming the size when it cannot be had.
     */
    static native java.nio.ByteBuffer memAllocate(long bytes);

    /**
     * Closes the block starting at {@code address}: its memory goes back to the system now, or when the last
     * call or job holding it ends; its mapping stays (reading zeros) until {@link #memUnmap}. False if it was
     * closed already.
     */
    static native boolean memClose(long address);

    /** Unmaps the block starting at {@code address}: only once no Java buffer of it is reachable. */
    static native void memUnmap(long address);

    /** Whether {@code [address, address + bytes)} lies in an off-heap block that is closed. */
    static native boolean memClosed(long address, long bytes);

    /**
     * Holds the off-heap block {@code [address, address + bytes)} lies in (a JAVA-backend call's; the JNI glue
     * holds for NATIVE): the hold for {@link #memRelease}, 0 for memory that is no block, -1 (nothing held)
     * for a closed block.
     */
    static native long memHold(long address, long bytes);

    static native void memRelease(long hold);

    /** Off-heap blocks still mapped (for the leak tests). */
    static native long memBlocks();

    /** Bytes of off-heap blocks whose memory has not gone back to the system. */
    static native long memBytes();

    /** The address of a direct buffer's first element, or 0 if it is not direct. */
    static native long bufferAddress(java.nio.Buffer buffer);
}
