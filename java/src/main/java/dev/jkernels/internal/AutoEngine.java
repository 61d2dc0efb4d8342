// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Backend.AUTO with the native library loaded: each synchronous call picks, by its size
 * ({@link OpSpec#size}) and the {@link AutoThresholds}, the Java twin on the calling thread (small inputs,
 * where crossing into native costs more than it saves), the native kernel on the calling thread (medium
 * ones, where waking workers does not pay yet) or the native pool. Costly operations (items that may take
 * long) never run inline: for them native means the pool. Results are the same bits whichever runs.
 * Asynchronous calls always go to the native pool. Generic over operations. Not API.
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

    public AutoEngine(NativeEngine nativeEngine, AutoThresholds thresholds) {
        this.nativeEngine = nativeEngine;
        this.thresholds = thresholds;
    }

    Route route(OpSpec op, Args a) {
        long size = op.size(a);
        Route r = size >= thresholds.parallelFrom(op) ? Route.NATIVE_POOL
                : size >= thresholds.nativeFrom(op) ? Route.NATIVE_INLINE : Route.JAVA_INLINE;
        return op.costly() && r == Route.NATIVE_INLINE ? Route.NATIVE_POOL : r;
    }

    @Override
    public long run(OpSpec op, Args a) {
        Route r = route(op, a);
        routed[r.ordinal()].increment();
        return switch (r) {
            case JAVA_INLINE -> java.run(op, a, true);
            case NATIVE_INLINE -> nativeEngine.run(op, a, true);
            case NATIVE_POOL -> nativeEngine.run(op, a, false);
        };
    }

    /** The thresholds and how many calls took each route so far. */
    public String describe() {
        return "AUTO " + thresholds + "; calls so far: java inline " + routed[0].sum() + ", native inline "
                + routed[1].sum() + ", native pool " + routed[2].sum();
    }

    @Override
    public AsyncJob start(OpSpec op, Args a, boolean perItem, Function<Outcome, Runnable> onDone) {
        return nativeEngine.start(op, a, perItem, onDone);
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
    public long spinNanos() {
        return nativeEngine.spinNanos(); // asynchronous calls all go to the native pool
    }

    @Override
    public boolean deliversOnCurrentThread() {
        return nativeEngine.deliversOnCurrentThread();
    }

    @Override
    public void close() {
        nativeEngine.close();
    }
}
