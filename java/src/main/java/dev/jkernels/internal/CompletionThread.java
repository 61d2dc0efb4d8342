package dev.jkernels.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one Java thread per pool that delivers finished asynchronous jobs: it copies results back and completes
 * futures, so user continuations run on a Java thread of the library, never on a worker. Started on first
 * use. Blocking on a jkernels future from this thread would wait for itself; {@link #isCurrent()} lets the
 * futures refuse that. Not API.
 */
final class CompletionThread {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ThreadLocal<Boolean> CURRENT = ThreadLocal.withInitial(() -> false);

    private final Runnable loop;
    private Thread thread; // guarded by this

    CompletionThread(Runnable loop) {
        this.loop = loop;
    }

    static boolean isCurrent() {
        return CURRENT.get();
    }

    synchronized void ensureStarted() {
        if (thread == null) {
            thread = new Thread(() -> {
                CURRENT.set(true);
                loop.run();
            }, "jkernels-completion-" + IDS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Joins the thread once its loop has returned (the owner makes it return). */
    synchronized void join() {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
