package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Backend.AUTO with the native library loaded: each synchronous call picks, by its size and the
 * {@link AutoThresholds}, the Java twin on the calling thread (small inputs, where crossing into native
 * costs more than it saves), the native kernel on the calling thread (medium ones, where waking workers
 * does not pay yet) or the native pool. Results are the same bits whichever runs. Asynchronous calls and
 * images always go to the native pool. Not API.
 */
public final class AutoEngine implements Engine {
    /** Where a call ran; the index into {@link #routed}. */
    enum Route { JAVA_INLINE, NATIVE_INLINE, NATIVE_POOL }

    private final NativeEngine nativeEngine;
    private final JavaEngine java = JavaEngine.inline();
    private final AutoThresholds thresholds;
    // Counters per route: LongAdder, because a small call is a few nanoseconds and a shared atomic would
    // be a contended cache line between callers.
    private final LongAdder[] routed = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final long[] sumAt, dotAt, axpyAt, scaleAt; // {native, parallel}: no lookup on the hot path
    private final Map<String, long[]> mapAt; // the same for map kernels, by op

    public AutoEngine(NativeEngine nativeEngine, AutoThresholds thresholds) {
        this.nativeEngine = nativeEngine;
        this.thresholds = thresholds;
        this.sumAt = at("sum");
        this.dotAt = at("dot");
        this.axpyAt = at("axpy");
        this.scaleAt = at("scale");
        this.mapAt = Map.of("fib", at("fib"), "square", at("square"), "dsquare", at("dsquare"));
    }

    private long[] at(String op) {
        return new long[] {thresholds.nativeFrom(op), thresholds.parallelFrom(op)};
    }

    private Route route(long[] at, long n) {
        return counted(n >= at[1] ? Route.NATIVE_POOL : n >= at[0] ? Route.NATIVE_INLINE : Route.JAVA_INLINE);
    }

    private Route counted(Route r) {
        routed[r.ordinal()].increment();
        return r;
    }

    /** Costly kernels never run inline (they run long, and inline pins): for them native means the pool. */
    private Route routeMap(KernelSpec.OfLong kernel, long n) {
        long[] at = mapAt.getOrDefault(kernel.op(), ZERO);
        Route r = n >= at[1] ? Route.NATIVE_POOL : n >= at[0] ? Route.NATIVE_INLINE : Route.JAVA_INLINE;
        return counted(kernel.costly() && r == Route.NATIVE_INLINE ? Route.NATIVE_POOL : r);
    }

    /** An op without thresholds (a kernel newer than the table) always goes to the pool. */
    private static final long[] ZERO = {0, 0};

    /** The thresholds and how many calls took each route so far. */
    public String describe() {
        return "AUTO " + thresholds + "; calls so far: java inline " + routed[0].sum() + ", native inline "
                + routed[1].sum() + ", native pool " + routed[2].sum();
    }

    /** fib(m) with the seed's base case, for m in 0..92: a batch's cost is its recursive calls. */
    private static final long[] FIB = new long[93];

    static {
        FIB[0] = FIB[1] = FIB[2] = 1;
        for (int m = 3; m < FIB.length; m++) {
            FIB[m] = FIB[m - 1] + FIB[m - 2];
        }
    }

    /**
     * The size AUTO compares with the thresholds: the element count, except for fib, whose items cost
     * 2 fib(m) - 1 recursive calls each; the benchmark harness measures fib's crossovers in the same unit.
     */
    static long size(KernelSpec.OfLong kernel, long[] in) {
        if (!kernel.op().equals("fib")) {
            return in.length;
        }
        long calls = 0;
        for (long m : in) {
            long c = m >= 0 && m < FIB.length ? 2 * FIB[(int) m] - 1 : 1; // m > 92 cannot reach here (checked)
            calls = calls > Long.MAX_VALUE - c ? Long.MAX_VALUE : calls + c;
        }
        return calls;
    }

    @Override
    public void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out) {
        Route r = routeMap(kernel, size(kernel, in));
        if (r == Route.JAVA_INLINE) {
            java.mapLong(kernel, in, out);
        } else {
            nativeEngine.mapLong(kernel, in, out, r == Route.NATIVE_INLINE);
        }
    }

    @Override
    public void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out) {
        Route r = route(mapAt.getOrDefault(kernel.op(), ZERO), in.length);
        if (r == Route.JAVA_INLINE) {
            java.mapDouble(kernel, in, out);
        } else {
            nativeEngine.mapDouble(kernel, in, out, r == Route.NATIVE_INLINE);
        }
    }

    @Override
    public double sum(double[] x) {
        Route r = route(sumAt, x.length);
        return r == Route.JAVA_INLINE ? java.sum(x) : nativeEngine.sum(x, r == Route.NATIVE_INLINE);
    }

    @Override
    public double dot(double[] x, double[] y) {
        Route r = route(dotAt, x.length);
        return r == Route.JAVA_INLINE ? java.dot(x, y) : nativeEngine.dot(x, y, r == Route.NATIVE_INLINE);
    }

    @Override
    public void axpy(double a, double[] x, double[] y) {
        Route r = route(axpyAt, x.length);
        if (r == Route.JAVA_INLINE) {
            java.axpy(a, x, y);
        } else {
            nativeEngine.axpy(a, x, y, r == Route.NATIVE_INLINE);
        }
    }

    @Override
    public void scale(double a, double[] x) {
        Route r = route(scaleAt, x.length);
        if (r == Route.JAVA_INLINE) {
            java.scale(a, x);
        } else {
            nativeEngine.scale(a, x, r == Route.NATIVE_INLINE);
        }
    }

    @Override
    public void mandelbrot(AsyncOp.Mandelbrot image, int[] out) {
        nativeEngine.mandelbrot(image, out);
    }

    @Override
    public AsyncJob start(AsyncOp op, Consumer<AsyncOp.Outcome> onDone) {
        return nativeEngine.start(op, onDone);
    }

    @Override
    public void resize(int threads) {
        nativeEngine.resize(threads);
    }

    @Override
    public int cancelAll() {
        return nativeEngine.cancelAll();
    }

    @Override
    public long[] stats() {
        return nativeEngine.stats();
    }

    @Override
    public int threads() {
        return nativeEngine.threads();
    }

    @Override
    public Isa isa() {
        return nativeEngine.isa();
    }

    @Override
    public void close() {
        nativeEngine.close();
    }
}
