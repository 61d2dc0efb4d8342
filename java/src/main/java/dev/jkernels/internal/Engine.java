package dev.jkernels.internal;

import java.util.function.Consumer;

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

    void mandelbrot(AsyncOp.Mandelbrot image, int[] out);

    /**
     * Starts {@code op} and returns at once. The engine works on its own copies of the op's arrays (taken
     * before this returns), so the caller may reuse them. {@code onDone} runs exactly once, on the engine's
     * completion thread (a Java thread of the library, never a worker), with what the op produced.
     *
     * @throws IllegalStateException if the engine is closing
     */
    AsyncJob start(AsyncOp op, Consumer<AsyncOp.Outcome> onDone);

    /** Sets the worker count while jobs run. */
    void resize(int threads);

    /** Cancels every queued or running job; returns how many. */
    int cancelAll();

    /** See {@code NativeBridge.poolStats} for the layout. */
    long[] stats();

    int threads();

    /** The native ISA path in use, or null for the Java engine. */
    dev.jkernels.Isa isa();

    /**
     * Waits for every started job to be delivered, stops and joins the worker and completion threads, frees
     * native memory; called once, after every synchronous call has returned and no new one can start.
     */
    @Override
    void close();
}
