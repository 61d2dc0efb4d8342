package dev.jkernels.internal;

/**
 * The JNI entry points of libjkernels.so (native/src/jni/jni_bridge.c). Callers check every argument
 * first: arrays non-null, lengths equal, domains respected, pool handle live. The native side re-checks
 * and throws on a bad status. Never call these before {@link NativeLibrary#requireLoaded()}. Not API.
 */
public final class NativeBridge {
    private NativeBridge() {}

    /** JK_ABI_VERSION of the loaded library. */
    static native int abiVersion();

    /** Throws UnsatisfiedLinkError unless the library implements {@code javaAbi}. */
    static native void checkJavaAbi(int javaAbi);

    /** The best jk_isa the CPU supports. */
    static native int supportedIsa();

    static native int availableCpus();

    /** Returns a jk_pool pointer; isa is a jk_isa (-1 for the best). */
    static native long poolCreate(int threads, int isa);

    static native void poolDestroy(long pool);

    static native int poolThreads(long pool);

    static native int poolIsa(long pool);

    /*
     * How array operations run (the mode argument). MODE_PIN_IF_IDLE pins the arrays and runs only if the
     * pool is idle; when it is busy they run on native copies, so no array stays pinned while the call
     * waits. MODE_COPY (costly kernels) always runs on copies, so nothing stays pinned while it runs long.
     * MODE_INLINE pins and runs the whole call on the calling thread (inputs too small to hand off).
     */
    static final int MODE_COPY = 0, MODE_PIN_IF_IDLE = 1, MODE_INLINE = 2;

    static native void mapLong(long pool, int kernel, long[] in, long[] out, int mode);

    static native void mapDouble(long pool, int kernel, double[] in, double[] out, int mode);

    static native double sum(long pool, double[] x, int mode);

    static native double dot(long pool, double[] x, double[] y, int mode);

    static native void axpy(long pool, double a, double[] x, double[] y, int mode);

    static native void scale(long pool, double a, double[] x, int mode);

    static native void mandelbrot(long pool, int[] out, int width, int height, double xMin, double xMax, double yMin,
            double yMax, int maxIterations, int schedule);

    /*
     * Asynchronous jobs (jni_async.c). Submission copies the inputs into native memory the job owns and
     * returns a handle; the handle stays valid until freeJob, which only a finished job may get.
     */

    static native long submitMapLong(long pool, int kernel, long[] in, boolean perItem);

    static native long submitMapDouble(long pool, int kernel, double[] in, boolean perItem);

    static native long submitSum(long pool, double[] x);

    static native long submitDot(long pool, double[] x, double[] y);

    static native long submitAxpy(long pool, double a, double[] x, double[] y);

    static native long submitScale(long pool, double a, double[] x);

    static native long submitMandelbrot(long pool, int width, int height, double xMin, double xMax, double yMin,
            double yMax, int maxIterations, int schedule);

    /** The handle of the next finished job (each once), or 0 after the timeout or a wake. */
    static native long nextFinished(long pool, long timeoutNanos);

    static native void wake(long pool);

    static native boolean cancelJob(long handle);

    /** Items done so far. */
    static native long jobDone(long handle);

    /** A finished job's jk_status. */
    static native int jobStatus(long handle);

    /** The lowest failing item of a map, or -1. */
    static native long jobBadIndex(long handle);

    /** A finished reduction's value. */
    static native double jobValue(long handle);

    /** Copies a finished job's output into dst (long[], double[] or int[] of the job's length). */
    static native void jobCopyOut(long handle, Object dst);

    /** Every failing item of a perItem map, ascending. */
    static native long[] jobFailedItems(long handle);

    static native void freeJob(long handle);

    static native void poolResize(long pool, int threads);

    static native int poolCancelAll(long pool);

    /**
     * {threads, active, queued, callers, pending, jobsFinished, jobsFailed}, then {jobs, chunks, items,
     * busyNanos} per worker.
     */
    static native long[] poolStats(long pool);
}
