package dev.jkernels.internal;

/**
 * One backend's implementation of the pool's operations. Arguments arrive checked (see {@link Checks}); an
 * engine is called only between creation and {@link #close()}. Implementations are thread-safe. Not API.
 */
public interface Engine extends AutoCloseable {
    void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out);

    void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out);

    double sum(double[] x);

    double dot(double[] x, double[] y);

    void axpy(double a, double[] x, double[] y);

    void scale(double a, double[] x);

    int threads();

    /** The native ISA path in use, or null for the Java engine. */
    dev.jkernels.Isa isa();

    /** Stops and joins the worker threads and frees native memory; called once, after every call has returned. */
    @Override
    void close();
}
