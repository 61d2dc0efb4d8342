// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The NATIVE backend: a jk_pool and the generic JNI entries on it, for every operation. Asynchronous jobs
 * are submitted with their slots copied into native memory; the delivery threads wait in
 * {@code jk_pool_next_finished}, let the caller's completion publish the job's written slots into the
 * caller's arrays, free the job, then run what completes the future. Not API.
 */
public final class NativeEngine implements Engine {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long pool;
    private final Isa isa;
    private volatile int threads; // kept here: threads() must work after close, when the pool is freed
    private final AtomicLong tags = new AtomicLong();
    private final ConcurrentHashMap<Long, Call> calls = new ConcurrentHashMap<>(); // started, not delivered
    private final Deliveries deliveries = new Deliveries(this::nextFinished, calls::isEmpty);
    private volatile boolean closing;
    private final Object destroyLock = new Object(); // cancelAll against close() freeing the pool
    private boolean destroyed; // guarded by destroyLock: the jk_pool is freed

    /**
     * @param isa the path to use, or null for the library's default (best, or JKERNELS_ISA)
     * @param spinNanos how long idle workers poll before they sleep (negative: the library's default)
     */
    public NativeEngine(int threads, Isa isa, long spinNanos) {
        NativeLibrary.requireLoaded();
        NativeBridge.setPinMode(Settings.system().pinMode()); // process-wide; a bad value fails the pool's creation
        if (isa != null && isa.compareTo(NativeLibrary.supportedIsa()) > 0) {
            throw new IllegalArgumentException("ISA path " + isa + " is not supported by this CPU (best: "
                    + NativeLibrary.supportedIsa() + ")");
        }
        this.pool = NativeBridge.poolCreate(threads, isa == null ? -1 : isa.ordinal(), spinNanos);
        this.isa = Isa.values()[NativeBridge.poolIsa(pool)];
        this.threads = NativeBridge.poolThreads(pool);
    }

    @Override
    public long run(OpSpec op, Args a) {
        return run(op, a, false);
    }

    /** {@code inline}: the whole call on the calling thread (costly operations still go to the pool). */
    long run(OpSpec op, Args a, boolean inline) {
        try {
            return NativeBridge.call(pool, op.nativeIndex, inline ? NativeBridge.CALL_INLINE : 0, a.a0, a.o0, a.n0,
                    a.a1, a.o1, a.n1, a.a2, a.o2, a.n2, a.a3, a.o3, a.n3, a.i0, a.i1, a.i2, a.i3, a.i4, a.i5, a.i6, a.i7,
                    a.d0, a.d1, a.d2, a.d3);
        } catch (OutOfMemoryError e) { // native memory ran out (the pool is fine): say how much the call wanted
            throw Failures.withMemoryNote(e, op, a);
        }
    }

    /**
     * A submitted job. Registered under its tag before it is submitted. The handle is used only under this
     * lock; it is learnt from whichever comes first, the submitting thread or the delivering one (a tiny job
     * is often delivered before submit has returned).
     */
    private final class Call implements AsyncJob {
        final OpSpec op;
        final Args args;
        final boolean perItem;
        final Function<Outcome, Runnable> onDone;
        private long handle; // 0 until known, -1 once freed; guarded by this
        private long doneWhenFreed, total; // guarded by this

        Call(OpSpec op, Args args, boolean perItem, Function<Outcome, Runnable> onDone) {
            this.op = op;
            this.args = args;
            this.perItem = perItem;
            this.onDone = onDone;
        }

        /** Learns the handle, unless it is known already or the job was delivered and freed. */
        synchronized void attach(long h) {
            if (handle == 0) {
                handle = h;
                total = NativeBridge.jobTotal(h);
            }
        }

        @Override
        public synchronized long total() {
            return total;
        }

        @Override
        public synchronized boolean cancel() {
            return handle > 0 && NativeBridge.cancelJob(handle);
        }

        @Override
        public synchronized long done() {
            return handle > 0 ? NativeBridge.jobDone(handle) : doneWhenFreed;
        }

        /**
         * The outcome, and what the caller's completion returned; frees the job after it. The completion runs
         * without this object's lock: it may cancel other jobs (a MapJob's CANCEL_REST) whose delivery threads
         * wait for its own lock, and cancel() meanwhile is harmless (the job is finished, the handle alive:
         * only this method frees it).
         */
        Runnable deliver(long h) {
            attach(h);
            Outcome outcome;
            try {
                int status = NativeBridge.jobStatus(h);
                long[] failed = perItem ? NativeBridge.jobFailedItems(h) : new long[0];
                Outcome probe = new Outcome(status, 0, NativeBridge.jobBadIndex(h), failed, null, null);
                long value = probe.ranToEnd(perItem) ? NativeBridge.jobValue(h) : 0;
                outcome = new Outcome(status, value, probe.badIndex(), failed, null, () -> publish(h));
            } catch (RuntimeException | Error e) { // out of Java heap for the failed items, say
                outcome = new Outcome(Failures.NOMEM, 0, -1, new long[0], e, () -> {});
            }
            try {
                return onDone.apply(outcome);
            } finally {
                synchronized (this) {
                    doneWhenFreed = NativeBridge.jobDone(h);
                    NativeBridge.freeJob(h);
                    handle = -1;
                }
            }
        }

        /** Copies the job's written slots into the caller's arrays. */
        private void publish(long h) {
            for (int k = 0; k < op.slots(); k++) {
                if (op.role(k).writes()) {
                    NativeBridge.jobCopyOut(h, k, args.array(k), args.offset(k));
                }
            }
        }
    }

    @Override
    public AsyncJob start(OpSpec op, Args a, boolean perItem, Function<Outcome, Runnable> onDone) {
        if (closing) {
            throw new IllegalStateException("this KernelPool is closed");
        }
        deliveries.ensureStarted();
        long tag = tags.incrementAndGet();
        Call call = new Call(op, a, perItem, onDone);
        calls.put(tag, call); // before the job exists: it may finish before submit returns
        long handle;
        try {
            handle = NativeBridge.submit(pool, op.nativeIndex, perItem ? NativeBridge.CALL_ITEM_FAILURES : 0, a.a0,
                    a.o0, a.n0, a.a1, a.o1, a.n1, a.a2, a.o2, a.n2, a.a3, a.o3, a.n3, a.i0, a.i1, a.i2, a.i3, a.i4, a.i5,
                    a.i6, a.i7, a.d0, a.d1, a.d2, a.d3, tag);
        } catch (OutOfMemoryError e) { // the copies or the op's own memory: say how much the job wanted
            calls.remove(tag); // no job was created
            throw Failures.withMemoryNote(e, op, a);
        } catch (RuntimeException | Error e) {
            calls.remove(tag); // no job was created
            throw e;
        }
        call.attach(handle);
        return call;
    }

    private Deliveries.Delivery nextFinished(long timeoutNanos) {
        long handle = NativeBridge.nextFinished(pool, timeoutNanos);
        if (handle == 0) {
            return null;
        }
        long tag = NativeBridge.jobTag(handle);
        return () -> {
            try {
                return calls.get(tag).deliver(handle);
            } finally {
                calls.remove(tag);
                synchronized (calls) {
                    calls.notifyAll();
                }
            }
        };
    }

    /** Serialized, so the count kept for threads() is the one the last resize left. */
    @Override
    public synchronized void resize(int threads) {
        try {
            NativeBridge.poolResize(pool, threads);
        } finally {
            this.threads = NativeBridge.poolThreads(pool);
        }
    }

    @Override
    public int cancelAll() {
        synchronized (destroyLock) {
            return destroyed ? 0 : NativeBridge.poolCancelAll(pool);
        }
    }

    @Override
    public long[] stats() {
        return NativeBridge.poolStats(pool);
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
    public boolean deliversOnCurrentThread() {
        return deliveries.ownsCurrentThread();
    }

    /** How long this pool's idle workers poll before they sleep. */
    @Override
    public long spinNanos() {
        return NativeBridge.poolSpinNanos(pool);
    }

    @Override
    public void close() {
        closing = true;
        boolean interrupted = false;
        synchronized (calls) {
            while (!calls.isEmpty()) {
                try {
                    calls.wait(20);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        deliveries.close(() -> NativeBridge.wake(pool));
        synchronized (destroyLock) {
            destroyed = true;
            NativeBridge.poolDestroy(pool);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
