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
     * Array operations pin the arrays and run only if the pool is idle; when it is busy, or when
     * {@code pin} is false (costly kernels), they run on native copies so no array stays pinned while
     * the call waits or runs for long.
     */

    static native void mapLong(long pool, int kernel, long[] in, long[] out, boolean pin);

    static native void mapDouble(long pool, int kernel, double[] in, double[] out, boolean pin);

    static native double sum(long pool, double[] x);

    static native double dot(long pool, double[] x, double[] y);

    static native void axpy(long pool, double a, double[] x, double[] y);

    static native void scale(long pool, double a, double[] x);
}
