package dev.jkernels.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The JAVA backend's thread pool: the Java twin of {@code native/src/runtime/runtime.c}, with the same
 * invariants (read runtime.h): N daemon threads, a FIFO queue of jobs, chunks claimed from an atomic cursor,
 * a job stops between chunks once it failed or was cancelled, "finished" decided once under the lock,
 * workers retire between chunks on resize, statistics per worker slot. Keeping both runtimes alike keeps
 * the backends' behaviour alike (balancing, cancellation, resize, statistics). Not API.
 */
final class JavaRuntime {
    static final int CANCELLED = 9; // jk_status values, as on the native side
    static final int STOPPING = 5;
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Runs [from, to) of a job; returns 0 or a status that stops the job. */
    @FunctionalInterface
    interface Body {
        int run(int from, int to);
    }

    final class Job {
        private final Body body;
        private final int n;
        private final int grain;
        private final Consumer<Job> onFinish; // runs on the finishing thread, outside the lock; library code only
        private final AtomicLong cursor = new AtomicLong(); // long: cursor + grain must not wrap
        private final AtomicLong done = new AtomicLong();
        private volatile int status;
        private volatile Throwable failure; // a chunk that threw (a bug in a twin); rethrown to the caller
        private int participants; // guarded by lock
        private boolean queued; // guarded by lock
        private volatile boolean finished; // written under lock; read without it by spinning waiters

        private Job(Body body, int n, int grain, Consumer<Job> onFinish) {
            this.body = body;
            this.n = n;
            this.grain = grain;
            this.onFinish = onFinish;
        }

        int status() {
            return status;
        }

        Throwable failure() {
            return failure;
        }

        long done() {
            return done.get();
        }

        int size() {
            return n;
        }

        /**
         * Stops handing out chunks, as jk_runtime_job_cancel does: claims every chunk left at once; true if
         * some were left. A job whose chunks are all claimed runs to its end and keeps its results.
         */
        boolean cancel() {
            Cancel outcome;
            lock.lock();
            try {
                outcome = cancelLocked(this);
            } finally {
                lock.unlock();
            }
            if (outcome == Cancel.FINISHED_IT) {
                runFinish(this);
            }
            return outcome != Cancel.NOTHING_LEFT;
        }

        private synchronized void stop(int st) {
            if (status == 0) {
                status = st;
            }
        }
    }

    /** How long idle workers and waiting callers poll before they sleep; see SPIN_NS in runtime.c. */
    private static final long SPIN_NANOS = 50_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
    private final Condition work = lock.newCondition();
    private final Condition finishedCond = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final String namePrefix = "jkernels-java-" + IDS.incrementAndGet() + "-worker-";
    private final List<Thread> workers = new ArrayList<>(); // slot i = worker i; guarded by resizeLock
    private final ReentrantLock resizeLock = new ReentrantLock();
    private volatile int target;
    private int active; // guarded by lock
    private int pending; // unfinished jobs; guarded by lock
    private int callers; // threads in await(); guarded by lock
    private int pendingAsync; // unfinished jobs with an onFinish (asynchronous ones); guarded by lock
    private boolean stopping; // guarded by lock
    private long jobsFinished, jobsFailed; // guarded by lock
    private final AtomicLongArray jobsPerWorker = new AtomicLongArray(Checks.MAX_THREADS);
    private final AtomicLongArray chunksPerWorker = new AtomicLongArray(Checks.MAX_THREADS);
    private final AtomicLongArray itemsPerWorker = new AtomicLongArray(Checks.MAX_THREADS);
    private final AtomicLongArray busyPerWorker = new AtomicLongArray(Checks.MAX_THREADS);

    JavaRuntime(int threads) {
        resize(threads);
    }

    int threads() {
        return target;
    }

    /** Queues a job; onFinish (may be null) runs once when it is finished. */
    Job submit(Body body, int n, int grain, Consumer<Job> onFinish) {
        Job job = new Job(body, n, Math.max(1, grain), onFinish);
        Job finishedNow = null;
        lock.lock();
        try {
            if (stopping) {
                throw new IllegalStateException("this KernelPool is closed");
            }
            pending++;
            pendingAsync += onFinish != null ? 1 : 0;
            if (n == 0) {
                finishedNow = finishLocked(job);
            } else {
                job.queued = true;
                queue.addLast(job);
                events.incrementAndGet(); // for the spinning workers
                work.signalAll();
            }
        } finally {
            lock.unlock();
        }
        runFinish(finishedNow);
        return job;
    }

    /** Waits until the job is finished; interrupts are kept for the caller and do not stop the wait. */
    void await(Job job) {
        lock.lock();
        callers++;
        lock.unlock();
        spin(() -> job.finished); // a short job is over before a sleep would even begin
        boolean interrupted = false;
        lock.lock();
        try {
            while (!job.finished) {
                try {
                    finishedCond.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            callers--;
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls {@code done} for up to SPIN_NANOS, pausing and then yielding the CPU between polls (so the
     * thread that will submit or finish the work gets to run). Returns whether it became true.
     */
    private static boolean spin(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        for (int round = 0; ; round++) {
            if (done.getAsBoolean()) {
                return true;
            }
            if ((round & 15) == 15 && System.nanoTime() > deadline) {
                return false;
            }
            if (round < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** What a cancel did: nothing (all chunks claimed, or finished), stopped it, or stopped and finished it. */
    private enum Cancel { NOTHING_LEFT, STOPPED, FINISHED_IT }

    /**
     * Cancels job if chunks are left to hand out. On FINISHED_IT the caller runs its onFinish after
     * unlocking. Lock held.
     */
    private Cancel cancelLocked(Job job) {
        if (job.finished || job.cursor.getAndAdd(job.n) >= job.n) {
            return Cancel.NOTHING_LEFT;
        }
        job.stop(CANCELLED);
        queueRemove(job);
        if (job.participants > 0) {
            return Cancel.STOPPED;
        }
        finishLocked(job);
        return Cancel.FINISHED_IT;
    }

    private void queueRemove(Job job) {
        if (job.queued) {
            queue.remove(job);
            job.queued = false;
        }
    }

    /** The one place a job becomes finished; returns it so the caller runs onFinish after unlocking. */
    private Job finishLocked(Job job) {
        job.finished = true;
        jobsFinished++;
        if (job.status != 0) {
            jobsFailed++;
        }
        finishedCond.signalAll();
        return job;
    }

    /**
     * Runs a finished job's onFinish, then stops counting it as pending: stop() returns only once every
     * finished job has been handed on.
     */
    private void runFinish(Job job) {
        if (job == null) {
            return;
        }
        try {
            if (job.onFinish != null) {
                job.onFinish.accept(job);
            }
        } finally {
            lock.lock();
            try {
                pending--;
                pendingAsync -= job.onFinish != null ? 1 : 0;
                finishedCond.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean retired(int slot) {
        return slot >= target;
    }

    private void workOn(int slot, Job job) {
        while (job.status == 0 && !retired(slot)) {
            long begin = job.cursor.getAndAdd(job.grain);
            if (begin >= job.n) {
                return;
            }
            int from = (int) begin, to = (int) Math.min(job.n, begin + job.grain);
            long t0 = System.nanoTime();
            int st;
            try {
                st = job.body.run(from, to);
            } catch (RuntimeException | Error e) {
                job.failure = e;
                st = 2;
            }
            busyPerWorker.addAndGet(slot, System.nanoTime() - t0);
            chunksPerWorker.incrementAndGet(slot);
            itemsPerWorker.addAndGet(slot, to - from);
            job.done.addAndGet(to - from);
            if (st != 0) {
                job.stop(st);
            }
        }
    }

    private void workerLoop(int slot) {
        lock.lock();
        try {
            for (;;) {
                while (queue.isEmpty() && !stopping && !retired(slot)) {
                    int seen = events.get();
                    lock.unlock();
                    boolean changed;
                    try {
                        changed = spin(() -> events.get() != seen);
                    } finally {
                        lock.lock();
                    }
                    if (!changed && queue.isEmpty() && !stopping && !retired(slot)) {
                        work.awaitUninterruptibly();
                    }
                }
                if (retired(slot) || queue.isEmpty()) {
                    return;
                }
                Job job = queue.peekFirst();
                job.participants++;
                active++;
                lock.unlock();
                Job finishedNow = null;
                try {
                    jobsPerWorker.incrementAndGet(slot);
                    workOn(slot, job);
                } finally {
                    lock.lock();
                    if (job.cursor.get() >= job.n || job.status != 0) {
                        queueRemove(job);
                    }
                    active--;
                    if (--job.participants == 0 && !job.queued) {
                        finishedNow = finishLocked(job);
                    }
                }
                if (finishedNow != null) {
                    lock.unlock();
                    try {
                        runFinish(finishedNow);
                    } finally {
                        lock.lock();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sets the worker count; retired workers finish their chunk and are joined before this returns. */
    void resize(int threads) {
        resizeLock.lock();
        try {
            int old = target;
            if (threads > old) {
                CountDownLatch running = new CountDownLatch(threads - old);
                for (int slot = old; slot < threads; slot++) {
                    target = slot + 1;
                    int s = slot;
                    Thread t = new Thread(() -> {
                        running.countDown();
                        workerLoop(s);
                    }, namePrefix + slot);
                    t.setDaemon(true);
                    if (slot < workers.size()) {
                        workers.set(slot, t);
                    } else {
                        workers.add(t);
                    }
                    t.start();
                }
                awaitStarted(running); // like pthread_create: the workers exist when resize returns
            } else if (threads < old) {
                lock.lock();
                try {
                    target = threads;
                    events.incrementAndGet();
                    work.signalAll();
                } finally {
                    lock.unlock();
                }
                joinSlots(threads, old);
            }
        } finally {
            resizeLock.unlock();
        }
    }

    private static void awaitStarted(CountDownLatch running) {
        boolean interrupted = false;
        while (running.getCount() > 0) {
            try {
                running.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void joinSlots(int from, int to) {
        boolean interrupted = false;
        for (int slot = from; slot < to; slot++) {
            Thread t = workers.get(slot);
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels every job with chunks left to hand out, atomically like jk_runtime_cancel_all; returns how many. */
    int cancelAll() {
        List<Job> finishedNow = new ArrayList<>();
        int count = 0;
        lock.lock();
        try {
            for (Job job : new ArrayList<>(queue)) {
                Cancel outcome = cancelLocked(job);
                count += outcome != Cancel.NOTHING_LEFT ? 1 : 0;
                if (outcome == Cancel.FINISHED_IT) {
                    finishedNow.add(job);
                }
            }
        } finally {
            lock.unlock();
        }
        finishedNow.forEach(this::runFinish);
        return count;
    }

    /** Waits for every unfinished job, then stops and joins the workers. */
    void stop() {
        resizeLock.lock();
        try {
            lock.lock();
            try {
                stopping = true;
                events.incrementAndGet();
                work.signalAll();
                while (pending > 0) {
                    finishedCond.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
            int old = target;
            lock.lock();
            try {
                target = 0;
                events.incrementAndGet();
                work.signalAll();
            } finally {
                lock.unlock();
            }
            joinSlots(0, old);
        } finally {
            resizeLock.unlock();
        }
    }

    /** [threads, active, queued, callers, pending async, jobsFinished, jobsFailed, then 4 per worker]: NativeBridge.poolStats. */
    long[] stats() {
        int threads;
        long[] head;
        lock.lock();
        try {
            threads = target;
            head = new long[] {threads, active, queue.size(), callers, pendingAsync, jobsFinished, jobsFailed};
        } finally {
            lock.unlock();
        }
        long[] all = java.util.Arrays.copyOf(head, head.length + 4 * threads);
        for (int i = 0; i < threads; i++) {
            all[7 + 4 * i] = jobsPerWorker.get(i);
            all[8 + 4 * i] = chunksPerWorker.get(i);
            all[9 + 4 * i] = itemsPerWorker.get(i);
            all[10 + 4 * i] = busyPerWorker.get(i);
        }
        return all;
    }
}
