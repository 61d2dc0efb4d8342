package dev.jkernels.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The Java threads of one engine that deliver finished asynchronous jobs: they copy results back and
 * complete futures, so user code runs on a library thread, never on a worker. User code may block (a
 * dependent stage that sleeps, or waits for another future): before a thread runs a delivery, it makes sure
 * another thread is still waiting for the next finished job, starting one if none is. So a blocked
 * continuation delays no other job's delivery, and waiting for a jkernels future inside a continuation
 * cannot deadlock. At rest two threads wait (one takes the next job, the other stands by), which keeps
 * back-to-back deliveries free of thread start-ups; more exist only while continuations block, and the
 * surplus exits as they return.
 *
 * <p>A thread ends once the engine is closing and its source reports nothing more to deliver. Public for
 * the public classes' checks only; not API.
 */
public final class Deliveries {
    /** Where finished jobs come from. */
    @FunctionalInterface
    interface Source {
        /** The next delivery, or null after {@code timeoutNanos} or a wake-up. */
        Runnable next(long timeoutNanos);
    }

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ThreadLocal<Boolean> CURRENT = ThreadLocal.withInitial(() -> false);
    /** A waiting thread looks at the closing flag at least this often. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Threads kept waiting at rest. */
    private static final int KEEP_IDLE = 2;

    private final String name;
    private final Source source;
    private final BooleanSupplier drained; // true once nothing is left to deliver
    private final AtomicInteger idle = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>(); // guarded by this
    private int started; // guarded by this
    private volatile boolean closing;

    Deliveries(Source source, BooleanSupplier drained) {
        this.name = "jkernels-completion-" + IDS.incrementAndGet();
        this.source = source;
        this.drained = drained;
    }

    /** True on a delivery thread of any pool (they refuse to close their own pool: it would wait for itself). */
    public static boolean onDeliveryThread() {
        return CURRENT.get();
    }

    /** Starts the first thread (on first use, so pools that never go asynchronous have none). */
    synchronized void ensureStarted() {
        if (threads.isEmpty() && !closing) {
            startThread();
        }
    }

    private synchronized void startThread() {
        if (closing) {
            return;
        }
        Thread t = new Thread(this::loop, name + (started++ == 0 ? "" : "-" + started));
        t.setDaemon(true);
        idle.incrementAndGet(); // counted as waiting from now: no second start for the same shortage
        threads.add(t);
        t.start();
    }

    private void loop() {
        CURRENT.set(true);
        boolean counted = true; // startThread counted this thread as idle
        try {
            for (;;) {
                if (!counted) {
                    idle.incrementAndGet();
                }
                Runnable delivery = source.next(POLL_NANOS);
                idle.decrementAndGet();
                counted = false;
                if (delivery == null) {
                    if (closing && drained.getAsBoolean()) {
                        return;
                    }
                    // A surplus waiter leaves here too: threads whose blocking continuations returned at the
                    // same moment all see fewer than KEEP_IDLE others waiting after a delivery, and would
                    // otherwise all stay, more than KEEP_IDLE idle for the pool's whole life.
                    if (idle.get() >= KEEP_IDLE && retire()) {
                        return;
                    }
                    continue;
                }
                if (idle.get() == 0) {
                    startThread(); // the delivery may run user code that blocks: keep someone waiting
                }
                try {
                    delivery.run();
                } catch (RuntimeException | Error e) {
                    // Deliveries complete futures; CompletableFuture keeps continuation failures to itself, so
                    // nothing should arrive here. If something does, report it and deliver the other jobs.
                    Thread self = Thread.currentThread();
                    self.getUncaughtExceptionHandler().uncaughtException(self, e);
                }
                if (idle.get() >= KEEP_IDLE && retire()) {
                    return;
                }
            }
        } finally {
            synchronized (this) {
                threads.remove(Thread.currentThread());
                notifyAll();
            }
        }
    }

    /** Leaves when enough threads wait already (never the last one while not closing). */
    private synchronized boolean retire() {
        return threads.size() > KEEP_IDLE;
    }

    /**
     * Once the engine will deliver nothing more: wakes the waiting threads until every thread has ended
     * (a thread running a delivery ends after it).
     *
     * @param wake makes a waiting thread (or all of them) return from the source at once
     */
    void close(Runnable wake) {
        closing = true;
        boolean interrupted = false;
        for (;;) {
            synchronized (this) {
                if (threads.isEmpty()) {
                    break;
                }
                for (int i = 0; i < threads.size(); i++) {
                    wake.run(); // some sources wake one thread per call
                }
                try {
                    wait(5);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
