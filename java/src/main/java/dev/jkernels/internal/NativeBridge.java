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

    /** Runs on a native copy of {@code in}: nothing stays pinned during costly kernels. */
    static native void mapLongCopied(long pool, int kernel, long[] in, long[] out);

    /** Pins both arrays for the (short) run. */
    static native void mapLongPinned(long pool, int kernel, long[] in, long[] out);

    static native void mapDoubleCopied(long pool, int kernel, double[] in, double[] out);

    static native void mapDoublePinned(long pool, int kernel, double[] in, double[] out);

    static native double sum(long pool, double[] x);

    static native double dot(long pool, double[] x, double[] y);

    static native void axpy(long pool, double a, double[] x, double[] y);

    static native void scale(long pool, double a, double[] x);
}
