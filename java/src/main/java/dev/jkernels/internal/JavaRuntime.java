// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The JAVA backend's thread pool: the Java twin of {@code native/src/runtime/runtime.c}, with the same
 * invariants (read runtime.h): N daemon threads; a FIFO queue; RANGE jobs whose chunks workers claim from
 * an atomic cursor; TEAM jobs with dense ranks fixed for the job (a synchronous caller is rank 0 and
 * computes; a team takes at most the idle workers, so it never waits for a busy one), barriers and
 * broadcast; PHASES jobs run back to back by one team; a job stops between chunks once it failed or was
 * cancelled; "finished" decided once under the lock; nested calls from a thread computing for this runtime
 * run inline; workers retire between chunks of range jobs but finish team jobs; statistics per worker slot
 * written only by that worker, without locked instructions. Keeping both runtimes alike keeps the backends'
 * behaviour alike. Not API.
 */
final class JavaRuntime {
    static final int CANCELLED = Failures.CANCELLED;
    private static final int FAILED = Failures.ARGUMENT; // a body threw: the failure is rethrown
    private static final AtomicInteger IDS = new AtomicInteger();
    /** The runtime this thread computes for right now (workers: always theirs), for nested calls. */
    private static final ThreadLocal<JavaRuntime> COMPUTING_FOR = new ThreadLocal<>();
    private static final int STATS_STRIDE = 8; // longs: each worker's counters on a 64-byte line of their own

    /** Failing items of a job, collected by any thread. */
    static final class ItemFailures {
        final boolean perItem;
        private final ConcurrentSkipListSet<Long> items = new ConcurrentSkipListSet<>();

        ItemFailures(boolean perItem) {
            this.perItem = perItem;
        }

        /** Records item i; true when the job goes on with the others. */
        boolean add(long i) {
            items.add(i);
            return perItem;
        }

        boolean any() {
            return !items.isEmpty();
        }

        long lowest() {
            return items.isEmpty() ? -1 : items.first();
        }

        long[] sorted() {
            return items.stream().mapToLong(Long::longValue).toArray();
        }
    }

    final class Job {
        final Twin twin;
        final ItemFailures failures;
        private final Consumer<Job> onFinish; // runs on the finishing thread, outside the lock; library code only
        private final AtomicLong cursor = new AtomicLong(); // long: cursor + grain must not wrap
        private final AtomicLong done = new AtomicLong();
        private final AtomicLongArray phaseCursor;
        private volatile int status;
        private volatile Throwable failure; // a body that threw (a bug in a twin); rethrown to the caller
        // The team (TEAM and PHASES); barrier state guarded by teamLock.
        private int teamSize = 1;
        private final ReentrantLock teamLock = new ReentrantLock();
        private final Condition teamCond = teamLock.newCondition();
        private int teamActive, teamArrived;
        private volatile int teamGen;
        private Object teamValue;
        // Guarded by the runtime lock.
        private int teamOpen, nextRank, participants;
        private boolean queued;
        private volatile boolean finished; // written under the lock; read without it by spinning waiters

        private Job(Twin twin, ItemFailures failures, Consumer<Job> onFinish) {
            this.twin = twin;
            this.failures = failures;
            this.onFinish = onFinish;
            this.phaseCursor = twin.kind == Twin.PHASES ? new AtomicLongArray(twin.phases.length) : null;
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

        long size() {
            return twin.size();
        }

        /**
         * Stops handing out work, as jk_runtime_job_cancel does; true if some was left. A range job whose
         * chunks are all claimed runs to its end and keeps its results.
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

        private void stop(int st) {
            boolean first;
            synchronized (this) {
                first = status == 0;
                if (first) {
                    status = st;
                }
            }
            if (first && twin.kind != Twin.RANGE) {
                teamLock.lock();
                try {
                    teamCond.signalAll(); // members waiting at a barrier see the status
                } finally {
                    teamLock.unlock();
                }
            }
        }
    }

    /** What a running body knows about its thread and job: the twin of jk_rt_self. */
    private final class Member implements Twin.Self {
        final Job job; // null when run inline
        final int worker, rank, size;
        final ItemFailures failures;
        Scratch scratch;

        Member(Job job, int worker, int rank, int size, Scratch scratch, ItemFailures failures) {
            this.job = job;
            this.worker = worker;
            this.rank = rank;
            this.size = size;
            this.scratch = scratch;
            this.failures = failures;
        }

        @Override
        public int worker() {
            return worker;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int barrier() {
            return job == null ? 0 : JavaRuntime.this.barrier(job, size);
        }

        @Override
        public Object broadcast(Object value) {
            if (job == null || size <= 1) {
                return value;
            }
            barrier(); // everyone has read the previous broadcast
            if (rank == 0) {
                job.teamValue = value;
            }
            barrier();
            return job.teamValue;
        }

        @Override
        public int stopped() {
            return job == null ? 0 : job.status;
        }

        @Override
        public void addDone(long units) {
            if (job != null) {
                job.done.addAndGet(units);
            }
        }

        @Override
        public double[] scratchDoubles(int length) {
            if (scratch == null) {
                scratch = borrowScratch();
            }
            if (scratch.doubles.length < length) {
                scratch.doubles = new double[Math.max(length, 2 * scratch.doubles.length)];
            }
            return scratch.doubles;
        }

        @Override
        public float[] scratchFloats(int length) {
            if (scratch == null) {
                scratch = borrowScratch();
            }
            if (scratch.floats.length < length) {
                scratch.floats = new float[Math.max(length, 2 * scratch.floats.length)];
            }
            return scratch.floats;
        }

        @Override
        public boolean itemFailed(int index) {
            return failures.add(index);
        }
    }

    private static final class Scratch {
        double[] doubles = new double[0];
        float[] floats = new float[0];
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger events = new AtomicInteger(); // bumped on anything an idle worker must notice
    private final AtomicInteger cancelEpoch = new AtomicInteger();
    private final Condition work = lock.newCondition();
    private final Condition finishedCond = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Job> live = new ArrayList<>(); // every unfinished job; guarded by lock
    private final ArrayDeque<Scratch> lendable = new ArrayDeque<>(); // guarded by lock
    private final String namePrefix = "jkernels-java-" + IDS.incrementAndGet() + "-worker-";
    private final List<Thread> workers = new ArrayList<>(); // slot i = worker i; guarded by resizeLock
    private final Scratch[] workerScratch = new Scratch[Checks.MAX_THREADS];
    private final boolean[] idleFlag = new boolean[Checks.MAX_THREADS]; // guarded by lock
    private final ReentrantLock resizeLock = new ReentrantLock();
    private final long spinRequested;
    private volatile long spinNanos; // 0 while there are more workers than CPUs; decided again at each resize
    private volatile int target;
    private int active, idle, sleeping, reserved; // guarded by lock
    private int spinning, promised; // guarded by lock: workers polling events, and those a notify counted on
    private int pending; // unfinished jobs; guarded by lock
    private int callers; // threads in run(); guarded by lock
    private int pendingAsync; // unfinished jobs with an onFinish (asynchronous ones); guarded by lock
    private boolean stopping; // guarded by lock
    private long jobsFinished, jobsFailed; // guarded by lock
    private final AtomicLongArray stats = new AtomicLongArray(Checks.MAX_THREADS * STATS_STRIDE);

    /** @param spinNanos how long idle workers and waiting callers poll before they sleep (negative: 50 us) */
    JavaRuntime(int threads, long spinNanos) {
        this.spinRequested = spinNanos < 0 ? 50_000 : spinNanos;
        try {
            resize(threads);
        } catch (RuntimeException | Error e) {
            stop(); // the workers that did start
            throw e;
        }
    }

    int threads() {
        return target;
    }

    long spinNanos() {
        return spinNanos;
    }

    int cancelEpoch() {
        return cancelEpoch.get();
    }

    // ---- running work ----

    /**
     * Runs the twin and waits, rank 0 of a team on this thread; a nested call, a cheap single chunk or a team
     * of one runs inline. Returns the job's status; a body that threw is rethrown. Interrupts are kept for
     * the caller and do not stop the wait.
     */
    int run(Twin twin, ItemFailures failures, boolean inline) {
        if (isEmpty(twin)) {
            return 0;
        }
        boolean team = twin.kind != Twin.RANGE;
        if (inline || COMPUTING_FOR.get() == this || (team && twin.teamMax == 1)
                || (twin.cheap && twin.n <= twin.grain)) {
            return runInline(twin, failures);
        }
        Job job = new Job(twin, failures, null);
        lock.lock();
        try {
            if (stopping) {
                throw new IllegalStateException("this KernelPool is closed");
            }
            callers++;
            pending++;
            live.add(job);
            if (team) {
                formTeam(job, true);
                job.participants = 1; // the caller
                if (job.teamOpen > 0) {
                    enqueue(job);
                }
            } else {
                enqueue(job);
            }
        } finally {
            lock.unlock();
        }
        try {
            if (team) {
                runAsMemberZero(job);
            }
            await(job);
        } finally {
            lock.lock();
            try {
                callers--;
            } finally {
                lock.unlock();
            }
        }
        rethrowFailure(job.failure);
        return job.status;
    }

    private static boolean isEmpty(Twin t) {
        if (t.kind == Twin.RANGE) {
            return t.n == 0;
        }
        if (t.kind == Twin.PHASES) {
            for (Twin.Phase p : t.phases) {
                if (p.n() > 0) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void rethrowFailure(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** Everything on the calling thread, as a team of one: no job, nothing can cancel it. */
    private int runInline(Twin twin, ItemFailures failures) {
        JavaRuntime outer = COMPUTING_FOR.get();
        COMPUTING_FOR.set(this);
        Member self = new Member(null, -1, 0, 1, null, failures);
        try {
            return switch (twin.kind) {
                case Twin.RANGE -> runChunks(twin.body, twin.n, twin.grain, self);
                case Twin.TEAM -> twin.team.run(self);
                default -> {
                    int st = 0;
                    for (int p = 0; p < twin.phases.length && st == 0; p++) {
                        st = runChunks(twin.phases[p].body(), twin.phases[p].n(), twin.phases[p].grain(), self);
                    }
                    yield st;
                }
            };
        } finally {
            COMPUTING_FOR.set(outer);
            if (self.scratch != null) {
                returnScratch(self.scratch);
            }
        }
    }

    private static int runChunks(Twin.Body body, int n, int grain, Twin.Self self) {
        int g = Math.max(1, grain);
        for (int from = 0; from < n; from += g) {
            int st = body.run(from, Math.min(n, from + g), self);
            if (st != 0) {
                return st;
            }
            if (from > n - g) {
                break; // no overflow near 2^31
            }
        }
        return 0;
    }

    /** Queues the twin as an asynchronous job; onFinish runs once when it is finished. */
    Job submit(Twin twin, ItemFailures failures, Consumer<Job> onFinish) {
        Job job = new Job(twin, failures, onFinish);
        Job finishedNow = null;
        lock.lock();
        try {
            if (stopping) {
                throw new IllegalStateException("this KernelPool is closed");
            }
            pending++;
            pendingAsync++;
            live.add(job);
            if (isEmpty(twin)) {
                finishedNow = finishLocked(job);
            } else {
                if (twin.kind != Twin.RANGE) {
                    formTeam(job, false);
                }
                enqueue(job);
            }
        } finally {
            lock.unlock();
        }
        runFinish(finishedNow);
        return job;
    }

    /** A team's size: at most the requested size and the worker count, and no more workers than are idle now. */
    private void formTeam(Job job, boolean callerComputes) {
        int caller = callerComputes ? 1 : 0;
        int t = Math.min(job.twin.teamMax, target);
        int freeWorkers = Math.max(0, idle - reserved);
        int members = Math.max(1 - caller, Math.min(t - caller, freeWorkers));
        job.teamSize = members + caller;
        job.teamActive = job.teamSize;
        job.teamOpen = members;
        job.nextRank = caller;
        reserved += members;
    }

    /** Queues a job and wakes no more workers than it can use. Lock held. */
    private void enqueue(Job job) {
        job.queued = true;
        queue.addLast(job);
        long wanted = job.twin.kind == Twin.RANGE ? (job.twin.n - 1L) / job.twin.grain + 1 : job.teamOpen;
        notifyWorkers((int) Math.min(wanted, target));
    }

    /**
     * Work for {@code wanted} more workers arrived: spinners not promised to earlier work see it by themselves
     * (each takes one job), sleepers are woken for the rest; every spinner looks for work once after its
     * poll, so a promise is always kept. Lock held.
     */
    private void notifyWorkers(int wanted) {
        events.incrementAndGet();
        int assign = Math.min(wanted, spinning - promised);
        promised += assign;
        int wake = wanted - assign;
        if (wake <= 0 || sleeping == 0) {
            return;
        }
        if (wake >= sleeping) {
            work.signalAll();
        } else {
            while (wake-- > 0) {
                work.signal();
            }
        }
    }

    private void notifyAllWorkers() {
        events.incrementAndGet();
        work.signalAll();
    }

    private void runAsMemberZero(Job job) {
        JavaRuntime outer = COMPUTING_FOR.get();
        COMPUTING_FOR.set(this);
        Member self = new Member(job, -1, 0, job.teamSize, null, job.failures);
        try {
            runMember(job, self);
        } finally {
            COMPUTING_FOR.set(outer);
            if (self.scratch != null) {
                returnScratch(self.scratch);
            }
        }
        Job finishedNow = null;
        lock.lock();
        try {
            finishedNow = leaveLocked(job);
        } finally {
            lock.unlock();
        }
        runFinish(finishedNow);
    }

    /** Waits until the job is finished: polls, then sleeps; interrupts are kept and do not stop the wait. */
    private void await(Job job) {
        spin(() -> job.finished);
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
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code done} for up to this pool's spin time ({@link Spin#until}). Returns whether it became true. */
    private boolean spin(java.util.function.BooleanSupplier done) {
        return Spin.until(done, spinNanos);
    }

    // ---- one thread's share of a job ----

    private void runMember(Job job, Member self) {
        int st;
        try {
            st = switch (job.twin.kind) {
                case Twin.RANGE -> workRange(job, self, -1);
                case Twin.TEAM -> job.twin.team.run(self);
                default -> runPhases(job, self);
            };
        } catch (RuntimeException | Error e) {
            job.failure = e;
            st = FAILED;
        }
        if (st != 0) {
            job.stop(st);
        }
        if (job.twin.kind != Twin.RANGE) {
            teamLeave(job);
        }
    }

    /** Claims and runs chunks until none are left, the job stopped, or the worker (slot >= 0) retired. */
    private int workRange(Job job, Member self, int slot) {
        Twin t = job.twin;
        while (job.status == 0 && !(slot >= 0 && retired(slot))) {
            long begin = job.cursor.getAndAdd(t.grain);
            if (begin >= t.n) {
                return 0;
            }
            int from = (int) begin, to = (int) Math.min(t.n, begin + t.grain);
            int st = t.body.run(from, to, self);
            job.done.addAndGet(to - from);
            if (slot >= 0) {
                addStat(slot, 1, 1);
                addStat(slot, 2, to - from);
            }
            if (st != 0) {
                return st;
            }
        }
        return 0;
    }

    private int runPhases(Job job, Member self) {
        Twin.Phase[] phases = job.twin.phases;
        for (int p = 0; p < phases.length; p++) {
            Twin.Phase phase = phases[p];
            int grain = Math.max(1, phase.grain());
            while (job.status == 0) {
                long begin = job.phaseCursor.getAndAdd(p, grain);
                if (begin >= phase.n()) {
                    break;
                }
                int from = (int) begin, to = (int) Math.min(phase.n(), begin + grain);
                int st = phase.body().run(from, to, self);
                job.done.addAndGet(to - from);
                if (st != 0) {
                    return st;
                }
            }
            if (p + 1 < phases.length && barrier(job, self.size) != 0) {
                break;
            }
        }
        return 0;
    }

    private int barrier(Job job, int size) {
        if (size <= 1) {
            return job.status;
        }
        int gen;
        job.teamLock.lock();
        try {
            gen = job.teamGen;
            if (++job.teamArrived >= job.teamActive) {
                job.teamArrived = 0;
                job.teamGen = gen + 1;
                job.teamCond.signalAll();
                return job.status;
            }
        } finally {
            job.teamLock.unlock();
        }
        int seen = gen;
        spin(() -> job.teamGen != seen || job.status != 0);
        job.teamLock.lock();
        try {
            while (job.teamGen == gen && job.status == 0) {
                job.teamCond.awaitUninterruptibly();
            }
        } finally {
            job.teamLock.unlock();
        }
        return job.status;
    }

    /** A member that returned no longer counts at barriers. */
    private void teamLeave(Job job) {
        job.teamLock.lock();
        try {
            if (--job.teamActive > 0 && job.teamArrived > 0 && job.teamArrived >= job.teamActive) {
                job.teamArrived = 0;
                job.teamGen++;
                job.teamCond.signalAll();
            }
        } finally {
            job.teamLock.unlock();
        }
    }

    // ---- scratch ----

    private Scratch borrowScratch() {
        lock.lock();
        try {
            Scratch s = lendable.pollFirst();
            return s != null ? s : new Scratch();
        } finally {
            lock.unlock();
        }
    }

    private void returnScratch(Scratch s) {
        lock.lock();
        try {
            lendable.addFirst(s);
        } finally {
            lock.unlock();
        }
    }

    // ---- cancel and finish ----

    /** What a cancel did: nothing (all chunks claimed, or finished), stopped it, or stopped and finished it. */
    private enum Cancel { NOTHING_LEFT, STOPPED, FINISHED_IT }

    /** Cancels job if work is left to hand out. On FINISHED_IT the caller runs its onFinish after unlocking. Lock held. */
    private Cancel cancelLocked(Job job) {
        if (job.finished) {
            return Cancel.NOTHING_LEFT;
        }
        if (job.twin.kind == Twin.RANGE) {
            long seen;
            do {
                seen = job.cursor.get();
                if (seen >= job.twin.n) {
                    return Cancel.NOTHING_LEFT;
                }
            } while (!job.cursor.compareAndSet(seen, job.twin.n));
            queueRemove(job);
        } else {
            closeTeam(job);
        }
        job.stop(CANCELLED);
        if (job.participants > 0) {
            return Cancel.STOPPED;
        }
        finishLocked(job);
        return Cancel.FINISHED_IT;
    }

    private void closeTeam(Job job) {
        releaseReserved(job.teamOpen);
        job.teamOpen = 0;
        queueRemove(job);
    }

    private void releaseReserved(int ranks) {
        reserved -= ranks;
        if (reserved == 0 && ranks > 0) {
            drained.signalAll();
        }
    }

    private void queueRemove(Job job) {
        if (job.queued) {
            queue.remove(job);
            job.queued = false;
        }
    }

    /** The one place a job becomes finished; returns it so the caller runs onFinish after unlocking. */
    private Job finishLocked(Job job) {
        live.remove(job);
        job.finished = true;
        jobsFinished++;
        if (job.status != 0) {
            jobsFailed++;
        }
        finishedCond.signalAll();
        return job;
    }

    /** A participant leaves; returns the job if that finished it. Lock held. */
    private Job leaveLocked(Job job) {
        if (job.twin.kind == Twin.RANGE && (job.cursor.get() >= job.twin.n || job.status != 0)) {
            queueRemove(job);
        }
        return --job.participants == 0 && !job.queued ? finishLocked(job) : null;
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

    // ---- workers ----

    private boolean retired(int slot) {
        return slot >= target;
    }

    /** Opaque accesses: a slot's counters are written by its worker only, so no locked instruction is needed. */
    private void addStat(int slot, int counter, long v) {
        int i = slot * STATS_STRIDE + counter;
        stats.setOpaque(i, stats.getOpaque(i) + v);
    }

    private void setIdle(int slot, boolean isIdle) {
        if (idleFlag[slot] != isIdle) {
            idleFlag[slot] = isIdle;
            idle += isIdle ? 1 : -1;
        }
    }

    /** The job an idle worker should take: first a team job it may have been counted for, then the oldest range job with chunks left. */
    private Job pick(List<Job> finishedNow) {
        for (int pass = reserved > 0 ? 0 : 1; pass < 2; pass++) {
            for (java.util.Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
                Job job = it.next();
                if (job.twin.kind == Twin.RANGE) {
                    if (pass == 0) {
                        continue;
                    }
                    if (job.cursor.get() < job.twin.n && job.status == 0) {
                        return job;
                    }
                } else if (job.status == 0) {
                    if (job.teamOpen > 0) {
                        return job;
                    }
                    continue;
                } else {
                    releaseReserved(job.teamOpen);
                    job.teamOpen = 0;
                }
                it.remove(); // nothing left to hand out (exhausted or stopped)
                job.queued = false;
                if (job.participants == 0) {
                    finishedNow.add(finishLocked(job));
                }
            }
        }
        return null;
    }

    private void waitForWork() {
        int seen = events.get();
        if (spinNanos > 0) {
            spinning++;
            lock.unlock();
            boolean changed;
            try {
                changed = spin(() -> events.get() != seen);
            } finally {
                lock.lock();
                spinning--;
                if (promised > 0 && events.get() != seen) {
                    promised--; // back with news: it looks for work now, whatever it was counted on for
                }
            }
            if (changed) {
                return;
            }
        }
        if (events.get() == seen) { // every change a worker must see bumps events under the lock
            sleeping++;
            work.awaitUninterruptibly();
            sleeping--;
        }
    }

    private void workerLoop(int slot) {
        COMPUTING_FOR.set(this);
        Scratch scratch = workerScratch[slot] != null ? workerScratch[slot] : (workerScratch[slot] = new Scratch());
        List<Job> finishedNow = new ArrayList<>();
        lock.lock();
        try {
            for (;;) {
                Job job = null;
                while (!retired(slot)) {
                    job = pick(finishedNow);
                    if (!finishedNow.isEmpty()) {
                        handOn(finishedNow); // drops the lock: look again
                        job = null;
                        continue;
                    }
                    if (job != null || (stopping && queue.isEmpty())) {
                        break;
                    }
                    setIdle(slot, true);
                    waitForWork();
                }
                if (job == null) {
                    if (!queue.isEmpty()) {
                        notifyAllWorkers(); // a retiring spinner may have been counted on for queued work
                    }
                    return; // retired, or stopping and drained
                }
                setIdle(slot, false);
                int rank = join(job);
                active++;
                lock.unlock();
                Job finished = null;
                try {
                    long t0 = System.nanoTime();
                    Member self = new Member(job, slot, rank, job.twin.kind == Twin.RANGE ? 1 : job.teamSize, scratch,
                            job.failures);
                    if (job.twin.kind == Twin.RANGE) {
                        int st;
                        try {
                            st = workRange(job, self, slot);
                        } catch (RuntimeException | Error e) {
                            job.failure = e;
                            st = FAILED;
                        }
                        if (st != 0) {
                            job.stop(st);
                        }
                    } else {
                        runMember(job, self);
                        addStat(slot, 1, 1);
                    }
                    addStat(slot, 0, 1);
                    addStat(slot, 3, System.nanoTime() - t0);
                } finally {
                    lock.lock();
                    active--;
                    finished = leaveLocked(job);
                }
                if (finished != null) {
                    finishedNow.add(finished);
                    handOn(finishedNow);
                }
            }
        } finally {
            setIdle(slot, false);
            lock.unlock();
        }
    }

    /** Runs the onFinish of jobs finished under the lock, without it. Lock held on entry and exit. */
    private void handOn(List<Job> finishedNow) {
        lock.unlock();
        try {
            for (Job j : finishedNow) {
                runFinish(j);
            }
        } finally {
            finishedNow.clear();
            lock.lock();
        }
    }

    /** Takes a team rank, or a place in a range job. Lock held. */
    private int join(Job job) {
        job.participants++;
        if (job.twin.kind == Twin.RANGE) {
            return 0;
        }
        int rank = job.nextRank++;
        releaseReserved(1);
        if (--job.teamOpen == 0) {
            queueRemove(job);
        }
        return rank;
    }

    /** Sets the worker count; retired workers finish their chunk (or team job) and are joined before this returns. */
    void resize(int threads) {
        resizeLock.lock();
        try {
            spinNanos = threads > Runtime.getRuntime().availableProcessors() ? 0 : spinRequested;
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
                    try {
                        t.start();
                    } catch (RuntimeException | Error e) { // out of native threads: keep the ones that started
                        target = slot;
                        for (int left = slot; left < threads; left++) {
                            running.countDown();
                        }
                        awaitStarted(running);
                        throw e;
                    }
                    if (slot < workers.size()) {
                        workers.set(slot, t);
                    } else {
                        workers.add(t);
                    }
                }
                awaitStarted(running); // like pthread_create: the workers exist when resize returns
            } else if (threads < old) {
                lock.lock();
                try {
                    while (reserved > 0) { // forming teams counted on idle workers
                        drained.awaitUninterruptibly();
                    }
                    target = threads;
                    for (int slot = threads; slot < old; slot++) {
                        setIdle(slot, false);
                    }
                    notifyAllWorkers();
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

    /** Cancels every job with work left to hand out, like jk_runtime_cancel_all; returns how many. */
    int cancelAll() {
        List<Job> finishedNow = new ArrayList<>();
        int count = 0;
        lock.lock();
        try {
            cancelEpoch.incrementAndGet();
            for (Job job : new ArrayList<>(live)) {
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
            int old;
            lock.lock();
            try {
                stopping = true;
                notifyAllWorkers();
                while (pending > 0) {
                    finishedCond.awaitUninterruptibly();
                }
                old = target;
                target = 0;
                notifyAllWorkers();
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
            for (int c = 0; c < 4; c++) {
                all[7 + 4 * i + c] = stats.getOpaque(i * STATS_STRIDE + c);
            }
        }
        return all;
    }
}
