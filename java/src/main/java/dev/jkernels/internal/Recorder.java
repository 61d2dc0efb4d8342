// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine of a recording view of a pool, for {@code KernelPool.submit(call)}: the call's facade method
 * checks its arguments as usual and asks for one operation, which this records instead of running, answering
 * with a sentinel result. {@link #resultOf} then checks that the call returned that result unchanged (or
 * the array the operation fills, or the result a facade made of the operation's output: {@link #finishing}),
 * so the asynchronous form of every operation needs no code of its own. Not API.
 */
public final class Recorder implements Engine {
    /**
     * What an operation with a result answers while recording: odd negative values that arithmetic, a sign
     * change, rounding or clamping to a natural range would change, so a call that does not return its
     * result unchanged is caught (a function that keeps them unchanged, or stores them, is not: see
     * KernelPool.Call).
     */
    static final double SENTINEL_DOUBLE = -0x1.3579bdf02468bp17;
    static final long SENTINEL_LONG = -0x5eed_f00d_cafe_1234L;

    /**
     * One recorded operation call; {@code finish}, if not null, makes the facade's result of the operation's
     * output, and {@code placeholder} is what it made while recording (what the call must return).
     */
    public record Recorded(OpSpec op, Args args, Object placeholder, Supplier<?> finish) {}

    private final Engine pool;
    private final Thread recording = Thread.currentThread();
    private Recorded recorded;
    private int calls;
    private boolean done;

    /** @param pool the submitting pool's engine (what a facade may ask about while recording) */
    public Recorder(Engine pool) {
        this.pool = pool;
    }

    @Override
    public long run(OpSpec op, Args args) {
        if (done || Thread.currentThread() != recording) {
            throw new IllegalStateException("the pool a submitted call gets records that one call, on the submitting "
                    + "thread, while submit runs; it cannot be kept and used later");
        }
        calls++;
        recorded = new Recorded(op, args, null, null);
        return switch (op.result()) {
            case DOUBLE -> Double.doubleToRawLongBits(SENTINEL_DOUBLE);
            case LONG -> SENTINEL_LONG;
            case NONE -> 0;
        };
    }

    /**
     * The facade of the operation just recorded makes its result with {@code finish} of what the operation
     * writes (KernelPool.callFinished); {@code placeholder} is what it made of the unwritten output, which the
     * submitted call must return unchanged.
     */
    public void finishing(Object placeholder, Supplier<?> finish) {
        if (recorded == null || recorded.finish() != null) {
            throw new IllegalStateException("finishing belongs to the one operation call just recorded");
        }
        recorded = new Recorded(recorded.op(), recorded.args(), placeholder, finish);
    }

    /** The one operation the call made; the recording ends here. */
    public Recorded single() {
        done = true;
        if (calls != 1) {
            throw new IllegalArgumentException("submit: the call must make exactly one operation call on the pool it "
                    + "is given; it made " + calls);
        }
        return recorded;
    }

    /**
     * Checks what the call returned against the recorded operation and says what its future's value is, from
     * the job's outcome: the result boxed as the call returned it, or the array it returned (filled by then).
     */
    public static Function<Outcome, Object> resultOf(Recorded r, Object returned) {
        if (r.finish() != null) {
            if (returned != r.placeholder()) {
                throw new IllegalArgumentException("submit: the call must return its operation's result unchanged; it "
                        + "returned " + describe(returned));
            }
            Supplier<?> finish = r.finish();
            return o -> finish.get(); // run after the job's output is published into the caller's arrays
        }
        switch (r.op().result()) {
            case DOUBLE -> {
                if (returned instanceof Double d && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(SENTINEL_DOUBLE)) {
                    return o -> Double.longBitsToDouble(o.value());
                }
                // a float operation's facade narrows the (float-valued) double result; so does its future
                if (returned instanceof Float f && Float.floatToRawIntBits(f) == Float.floatToRawIntBits((float) SENTINEL_DOUBLE)) {
                    return o -> (float) Double.longBitsToDouble(o.value());
                }
            }
            case LONG -> {
                if (returned instanceof Long l && l == SENTINEL_LONG) {
                    return Outcome::value;
                }
                if (returned instanceof Integer i && i == (int) SENTINEL_LONG) {
                    return o -> (int) o.value();
                }
            }
            case NONE -> {
                if (returned == null) {
                    return o -> null;
                }
                for (int k = 0; k < r.op().slots(); k++) {
                    if (r.op().role(k).writes() && (r.args().array(k) == returned || backedBy(returned, r.args().array(k)))) {
                        return o -> returned;
                    }
                }
            }
        }
        throw new IllegalArgumentException("submit: the call must return its operation's result unchanged (or, for "
                + r.op().label + ", null or an array it writes); it returned " + describe(returned));
    }

    /** A heap buffer whose array the slot holds (Args.slot makes such a buffer a slot of its array). */
    private static boolean backedBy(Object returned, Object slot) {
        return returned instanceof java.nio.Buffer b && !b.isDirect() && b.hasArray() && b.array() == slot;
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName() + (o instanceof Number ? " " + o : "");
    }

    @Override
    public AsyncJob start(OpSpec op, Args args, boolean perItem, Function<Outcome, Runnable> onDone) {
        throw new IllegalStateException("only operation calls may be made inside a submitted call");
    }

    @Override
    public void resize(int threads) {
        throw new IllegalStateException("only operation calls may be made inside a submitted call");
    }

    @Override
    public int cancelAll() {
        throw new IllegalStateException("only operation calls may be made inside a submitted call");
    }

    @Override
    public long[] stats() {
        throw new IllegalStateException("only operation calls may be made inside a submitted call");
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public Isa isa() {
        return pool.isa();
    }

    @Override
    public boolean deliversOnCurrentThread() {
        return false;
    }

    @Override
    public long spinNanos() {
        return 0;
    }

    @Override
    public void close() {
        // a view owns nothing
    }
}
