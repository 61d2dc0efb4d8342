package dev.jkernels.internal;

import dev.jkernels.Isa;

/** The NATIVE backend: a jk_pool and the JNI calls on it. Not API. */
public final class NativeEngine implements Engine {
    private final long pool;
    private final int threads;
    private final Isa isa;

    /** @param isa the path to use, or null for the library's default (best, or JKERNELS_ISA) */
    public NativeEngine(int threads, Isa isa) {
        NativeLibrary.requireLoaded();
        if (isa != null && isa.compareTo(NativeLibrary.supportedIsa()) > 0) {
            throw new IllegalArgumentException("ISA path " + isa + " is not supported by this CPU (best: "
                    + NativeLibrary.supportedIsa() + ")");
        }
        this.pool = NativeBridge.poolCreate(threads, isa == null ? -1 : isa.ordinal());
        this.threads = NativeBridge.poolThreads(pool);
        this.isa = Isa.values()[NativeBridge.poolIsa(pool)];
    }

    @Override
    public void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out) {
        NativeBridge.mapLong(pool, kernel.nativeId(), in, out, !kernel.costly());
    }

    @Override
    public void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out) {
        NativeBridge.mapDouble(pool, kernel.nativeId(), in, out, true);
    }

    @Override
    public double sum(double[] x) {
        return NativeBridge.sum(pool, x);
    }

    @Override
    public double dot(double[] x, double[] y) {
        return NativeBridge.dot(pool, x, y);
    }

    @Override
    public void axpy(double a, double[] x, double[] y) {
        NativeBridge.axpy(pool, a, x, y);
    }

    @Override
    public void scale(double a, double[] x) {
        NativeBridge.scale(pool, a, x);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Isa isa() {
        return isa;
    }

    @Override
    public void close() {
        NativeBridge.poolDestroy(pool);
    }
}
