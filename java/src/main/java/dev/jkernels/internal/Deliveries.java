// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The Java threads of one engine that deliver finished asynchronous jobs. A delivery has two parts: the
 * library's (copy the results into the caller's arrays, free the job) and the user's (complete the future,
 * which runs its dependent stages). User code may take its time, block, or wait for other jkernels
 * futures: before a thread runs a delivery's user part, it makes sure some other thread is outside user
 * code (waiting for the next finished job, or on its way back to waiting), starting one if none is. So a
 * blocked continuation delays no other job's delivery, and
 * waiting for a jkernels future inside a continuation cannot deadlock. At rest two threads wait; more exist
 * only after continuations blocked, and a surplus thread retires once it has waited a whole poll (100 ms)
 * with two others waiting, so back-to-back deliveries do not start and stop threads.
 *
 * <p>Closing: once every finished job has been delivered, the waiting threads are woken and end. A thread
 * still inside user code is not waited for (it may be waiting for the very thread that closes): it ends
 * when that code returns, without touching the engine again. Not API.
 */
final class Deliveries {
    /** One finished job: {@link #deliver()} does the library's part and returns the user's. */
    @FunctionalInterface
    interface Delivery {
        Runnable deliver();
    }

    /** Where finished jobs come from. */
    @FunctionalInterface
    interface Source {
        /** The next delivery, or null after {@code timeoutNanos} or a wake-up. */
        Delivery next(long timeoutNanos);
    }

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ThreadLocal<Deliveries> CURRENT = new ThreadLocal<>();
    /** A waiting thread looks at the closing flag at least this often. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Threads kept waiting at rest. */
    private static final int KEEP_IDLE = 2;

    private final String name;
    private final Source source;
    private final BooleanSupplier drained; // true once nothing is left to deliver
    private final AtomicInteger idle = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>(); // guarded by this
    private int inUserCode; // guarded by this: threads running a delivery's user part
    private final List<Engine.Settling> settling = new ArrayList<>(); // guarded by this: user parts running now
    private int started; // guarded by this
    private volatile boolean closing;

    Deliveries(Source source, BooleanSupplier drained) {
        this.name = "jkernels-completion-" + IDS.incrementAndGet();
        this.source = source;
        this.drained = drained;
    }

    /** True on one of this engine's delivery threads (closing its pool from there would wait for itself). */
    boolean ownsCurrentThread() {
        return CURRENT.get() == this;
    }

    /** Starts the first thread (on first use, so pools that never go asynchronous have none). */
    synchronized void ensureStarted() {
        if (threads.isEmpty() && !closing) {
            startThread();
        }
    }

    /** Starts one more waiting thread. Throws what Thread.start throws (out of native threads, say). */
    private synchronized void startThread() {
        if (closing && drained.getAsBoolean()) {
            return; // while closing, a spare is still started for jobs left to deliver
        }
        Thread t = new Thread(this::loop, name + (started++ == 0 ? "" : "-" + started));
        t.setDaemon(true);
        idle.incrementAndGet(); // counted as waiting from now (retire() relies on the count)
        try {
            t.start();
        } catch (RuntimeException | Error e) {
            idle.decrementAndGet();
            throw e;
        }
        threads.add(t);
    }

    private void loop() {
        CURRENT.set(this);
        boolean counted = true; // startThread counted this thread as idle
        try {
            for (;;) {
                if (!counted) {
                    idle.incrementAndGet();
                }
                Delivery delivery = source.next(POLL_NANOS);
                idle.decrementAndGet();
                counted = false;
                if (delivery == null) {
                    if ((closing && drained.getAsBoolean()) || (idle.get() >= KEEP_IDLE && retire())) {
                        return;
                    }
                    continue;
                }
                runDelivery(delivery);
                if (closing && drained.getAsBoolean()) {
                    return; // nothing left to deliver: the engine may already be gone (close ran meanwhile)
                }
            }
        } finally {
            synchronized (this) {
                threads.remove(Thread.currentThread());
                notifyAll();
            }
        }
    }

    /** This delivery's user code may block, and so may every other thread's: one more must go on waiting. */
    private void keepSomeoneWaiting() {
        try {
            startThread();
        } catch (RuntimeException | Error e) { // no thread to spare: deliver anyway, on this one
            report(e);
        }
    }

    /** Runs both parts, the user's counted in {@link #inUserCode}. */
    private void runDelivery(Delivery delivery) {
        Runnable user;
        try {
            user = delivery.deliver();
        } catch (RuntimeException | Error e) {
            report(e); // library code: nothing should arrive here; deliver the other jobs
            return;
        }
        boolean everyThreadInUserCode;
        synchronized (this) {
            inUserCode++;
            if (user instanceof Engine.Settling s) {
                settling.add(s);
            }
            // Threads outside user code go back to waiting by themselves (the library's part never blocks
            // for long). Counting the waiting ones instead would start a spare whenever the next job
            // finishes while the previous delivery's thread is still on its way back.
            everyThreadInUserCode = inUserCode >= threads.size();
        }
        if (everyThreadInUserCode) {
            keepSomeoneWaiting();
        }
        try {
            user.run();
        } catch (RuntimeException | Error e) {
            // Completing a CompletableFuture keeps continuation failures to itself, so nothing should
            // arrive here. If something does, report it and deliver the other jobs.
            report(e);
        } finally {
            synchronized (this) {
                inUserCode--;
                if (user instanceof Engine.Settling s) {
                    settling.remove(s);
                }
                notifyAll();
            }
        }
    }

    private static void report(Throwable e) {
        Thread self = Thread.currentThread();
        self.getUncaughtExceptionHandler().uncaughtException(self, e);
    }

    /**
     * Leaves when enough threads wait already (never the last one while not closing). A retiring thread
     * leaves {@link #threads} here, under the same lock: counted until its loop ended, it would pass for a
     * thread on its way back to waiting, and a user part entered meanwhile would start no spare.
     */
    private synchronized boolean retire() {
        if (threads.size() <= KEEP_IDLE) {
            return false;
        }
        threads.remove(Thread.currentThread());
        notifyAll();
        return true;
    }

    /** Whether a user part running now has not yet completed its future (under this). */
    private boolean unsettled() {
        for (Engine.Settling s : settling) {
            if (!s.settled()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Once the engine will take no more jobs: waits until every finished job has been delivered (its library
     * part done, its future completed: {@link Engine.Settling}), waking the waiting threads until each has
     * ended, except those inside user code, which end when it returns and never touch the engine again
     * (nothing is left to deliver by then). The user code after a future's completion (its dependent stages)
     * is not waited for: it may be waiting for the very thread that closes.
     *
     * @param wake makes a waiting thread (or all of them) return from the source at once
     */
    void close(Runnable wake) {
        closing = true;
        boolean interrupted = false;
        synchronized (this) {
            while (!drained.getAsBoolean() || threads.size() > inUserCode || unsettled()) {
                for (int i = inUserCode; i < threads.size(); i++) {
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
