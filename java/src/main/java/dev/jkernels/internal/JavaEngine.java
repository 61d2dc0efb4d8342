// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The JAVA backend: every operation's pure-Java twin ({@link OpSpec#prepare}), cut into the same work as on
 * the native side and run on a {@link JavaRuntime}, the Java twin of the native runtime. Asynchronous jobs
 * work on private copies of their slots, published into the caller's arrays when they are delivered. The
 * twins compute on arrays, so a synchronous call copies a direct buffer's slot into one (every element, so
 * what the call does not reach keeps its value) and copies written ones back, also when the call fails:
 * zero-copy is the NATIVE backend's. Generic over operations. Not API.
 */
public final class JavaEngine implements Engine {
    private final JavaRuntime runtime;
    private final LinkedBlockingQueue<Deliveries.Delivery> finished = new LinkedBlockingQueue<>();
    private final Deliveries deliveries;
    private final java.util.concurrent.atomic.AtomicInteger undelivered = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closing;
    private volatile int threads; // kept here: threads() must answer after close too

    /** @param spinNanos how long idle threads poll before they sleep (negative: the default) */
    public JavaEngine(int threads, long spinNanos) {
        this.runtime = new JavaRuntime(threads, spinNanos);
        this.threads = threads;
        this.deliveries = new Deliveries(this::nextFinished, () -> undelivered.get() == 0);
    }

    /**
     * An engine without threads whose synchronous calls all run on the calling thread: what Backend.AUTO
     * uses for inputs too small for native to pay. Only {@link #run} may be called.
     */
    static JavaEngine inline() {
        return new JavaEngine(0, 0);
    }

    @Override
    public long run(OpSpec op, Args args) {
        return run(op, args, false);
    }

    /** {@code inline}: the whole call on the calling thread. */
    long run(OpSpec op, Args args, boolean inline) {
        if (!args.hasBuffer()) {
            return runOnArrays(op, args, inline);
        }
        long[] held = OffHeapMemory.hold(op, args); // closing an OffHeapArray now waits for this call
        try {
            Object[] copies = copies(op, args, true);
            try {
                return runOnArrays(op, args.withBuffersReplaced(copies), inline);
            } finally {
                publish(op, args, copies);
            }
        } finally {
            OffHeapMemory.release(held);
        }
    }

    private long runOnArrays(OpSpec op, Args args, boolean inline) {
        Twin twin = op.prepare(args, Math.max(1, threads));
        JavaRuntime.ItemFailures failures = new JavaRuntime.ItemFailures(false);
        int status = runtime.run(twin, failures, inline || threads == 0);
        if (status == 0 && failures.any()) {
            status = Failures.DOMAIN;
        }
        if (status == Failures.DOMAIN && failures.any()) {
            int bad = (int) failures.lowest();
            throw new IllegalArgumentException(op.label + ": input " + Checks.valueAt(op, args, 0, bad) + " at index "
                    + bad + " is outside the kernel's domain");
        }
        if (status != 0) {
            Failures.raise(status, status == Failures.CANCELLED ? "the job was cancelled by KernelPool.shutdownNow()"
                    : Failures.message(op.label, status));
        }
        return twin.complete(0);
    }

    /**
     * Private copies of the slots: read slots copied, write-only ones new ({@code buffers}: only buffer slots,
     * each copied whole; null for the others); slots that are exactly the same range of one array or buffer
     * share one copy, so in-place operations stay in place.
     */
    private static Object[] copies(OpSpec op, Args a, boolean buffers) {
        Object[] copies = new Object[op.slots()];
        next:
        for (int k = 0; k < op.slots(); k++) {
            if (buffers && !(a.array(k) instanceof java.nio.Buffer)) {
                continue;
            }
            for (int j = 0; j < k; j++) { // every earlier slot: three slots of one array may differ pairwise
                if (a.array(j) == a.array(k) && a.offset(j) == a.offset(k) && a.length(j) == a.length(k)) {
                    copies[k] = copies[j];
                    continue next;
                }
            }
            SlotType t = op.type(k);
            copies[k] = buffers || op.role(k).reads() ? t.copyOfRange(a.array(k), a.offset(k), a.offset(k) + a.length(k))
                    : t.newArray(a.length(k));
        }
        return copies;
    }

    @Override
    public AsyncJob start(OpSpec op, Args args, boolean perItem, Function<Outcome, Runnable> onDone) {
        if (closing) {
            throw new IllegalStateException("this KernelPool is closed");
        }
        deliveries.ensureStarted();
        long[] held = OffHeapMemory.hold(op, args); // released once the job is delivered (published)
        try {
            return startHeld(op, args, perItem, onDone, held);
        } catch (RuntimeException | Error e) {
            OffHeapMemory.release(held);
            throw e;
        }
    }

    private AsyncJob startHeld(OpSpec op, Args args, boolean perItem, Function<Outcome, Runnable> onDone,
            long[] held) {
        Object[] copies = copies(op, args, false);
        Args own = args.withArrays(copies);
        Twin twin = op.prepare(own, Math.max(1, threads));
        JavaRuntime.ItemFailures failures = new JavaRuntime.ItemFailures(perItem);
        undelivered.incrementAndGet();
        JavaRuntime.Job job;
        try {
            job = runtime.submit(twin, failures,
                    j -> finished.add(() -> deliver(op, args, copies, twin, j, perItem, onDone, held)));
            // (each delivery does the library's part and returns the user's, which Deliveries runs)
        } catch (RuntimeException e) {
            undelivered.decrementAndGet();
            throw e;
        }
        long items = twin.items;
        return new AsyncJob() {
            @Override
            public boolean cancel() {
                return job.cancel();
            }

            @Override
            public long done() {
                // Counted like jk_job_progress: work units done times items per unit, capped at the total.
                long d = job.done();
                // Passes count each index once per pass: progress is their mean.
                return d >= job.size() ? items : Math.min(items, d * twin.unit / Math.max(1, twin.passes));
            }

            @Override
            public long total() {
                return items;
            }
        };
    }

    /** The library's part of a delivery; returns the user's (completing the future). */
    private Runnable deliver(OpSpec op, Args callerArgs, Object[] copies, Twin twin, JavaRuntime.Job job,
            boolean perItem, Function<Outcome, Runnable> onDone, long[] held) {
        Outcome outcome;
        try {
            long[] failed = job.failures.sorted();
            int status = job.status() == 0 && failed.length > 0 ? Failures.DOMAIN : job.status();
            Outcome probe = new Outcome(status, 0, failed.length > 0 ? failed[0] : -1, perItem ? failed : new long[0],
                    job.failure(), null);
            long value = probe.ranToEnd(perItem) ? twin.complete(status) : 0;
            outcome = new Outcome(status, value, probe.badIndex(), probe.failedItems(), job.failure(),
                    () -> publish(op, callerArgs, copies));
        } catch (RuntimeException | Error e) { // a twin's completion that threw, or no heap left: the job fails
            outcome = new Outcome(Failures.NOMEM, 0, -1, new long[0], e, () -> {});
        }
        try {
            return onDone.apply(outcome);
        } finally {
            OffHeapMemory.release(held); // after publish, which onDone ran
            undelivered.decrementAndGet();
        }
    }

    /** Copies the written slots' copies (where there is one) into the caller's arrays or buffers. */
    private static void publish(OpSpec op, Args a, Object[] copies) {
        for (int k = 0; k < op.slots(); k++) {
            if (op.role(k).writes() && copies[k] != null) {
                op.type(k).copyInto(copies[k], a.array(k), a.offset(k), a.length(k));
            }
        }
    }

    /** What close() queues to make a waiting delivery thread return. */
    private static final Deliveries.Delivery WAKE = () -> () -> {};

    private Deliveries.Delivery nextFinished(long timeoutNanos) {
        try {
            Deliveries.Delivery d = finished.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            return d == WAKE ? null : d;
        } catch (InterruptedException e) {
            return null; // nobody interrupts these threads but close(), to wake them
        }
    }

    /** Serialized, so the count kept for threads() is the one the last resize left. */
    @Override
    public synchronized void resize(int threads) {
        runtime.resize(threads);
        this.threads = runtime.threads();
    }

    @Override
    public int cancelAll() {
        return runtime.cancelAll();
    }

    @Override
    public long[] stats() {
        return runtime.stats();
    }

    @Override
    public int threads() {
        return threads;
    }

    /** The cancel epoch of the runtime (KernelPool uses it for nothing yet; tests do). */
    int cancelEpoch() {
        return runtime.cancelEpoch();
    }

    @Override
    public Isa isa() {
        return null;
    }

    @Override
    public long spinNanos() {
        return runtime.spinNanos();
    }

    @Override
    public boolean deliversOnCurrentThread() {
        return deliveries.ownsCurrentThread();
    }

    @Override
    public void close() {
        closing = true;
        runtime.stop(); // waits for every job; their deliveries are queued before it returns
        deliveries.close(() -> finished.offer(WAKE)); // wakes one waiting thread
    }
}
