package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JAVA backend: the pure-Java twins, cut into the same chunks and scheduled the same way as on the
 * native side. At 1 thread every call is a plain loop on the calling thread; otherwise chunks run on a
 * ForkJoinPool of {@code threads} daemon workers. Not API.
 */
public final class JavaEngine implements Engine {
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final ForkJoinPool forkJoin; // null at 1 thread
    private final Queue<Thread> workerThreads = new ConcurrentLinkedQueue<>(); // joined by close()
    private final ReentrantLock sequential = new ReentrantLock(); // the one "thread" at 1 thread

    public JavaEngine(int threads) {
        this.threads = threads;
        this.forkJoin = threads == 1 ? null : newForkJoinPool(threads);
    }

    private ForkJoinPool newForkJoinPool(int threads) {
        String prefix = "jkernels-java-" + POOL_IDS.incrementAndGet() + "-worker-";
        AtomicInteger workerIds = new AtomicInteger();
        return new ForkJoinPool(threads, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(prefix + workerIds.incrementAndGet());
            t.setDaemon(true);
            workerThreads.add(t);
            return t;
        }, null, false);
    }

    /** Indices [from, to) of one job. */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /**
     * Runs [0, n) in chunks of {@code grain} that the workers claim from a shared cursor, the scheduling
     * of the native runtime, so both backends balance uneven items the same way. The caller waits. As on
     * the native side, a {@code cheap} job of one chunk runs on the calling thread. At 1 thread the caller
     * runs the loop itself, one caller at a time, so the pool never computes on more than one thread.
     */
    private void forEachChunk(int n, int grain, boolean cheap, Range body) {
        if (n == 0) {
            return;
        }
        long chunks = (n - 1L) / grain + 1;
        if (cheap && chunks == 1) {
            body.run(0, n);
            return;
        }
        if (forkJoin == null) {
            sequential.lock();
            try {
                body.run(0, n);
            } finally {
                sequential.unlock();
            }
            return;
        }
        AtomicLong cursor = new AtomicLong(); // long: cursor + grain must not wrap past Integer.MAX_VALUE
        Runnable drain = () -> {
            for (long begin; (begin = cursor.getAndAdd(grain)) < n; ) {
                body.run((int) begin, (int) Math.min(n, begin + grain));
            }
        };
        ForkJoinTask<?>[] workers = new ForkJoinTask<?>[(int) Math.min(threads, chunks)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = forkJoin.submit(drain);
        }
        joinAll(workers);
    }

    /** Waits for every task, so none still runs when the call returns, then rethrows the first failure. */
    private static void joinAll(ForkJoinTask<?>[] tasks) {
        Throwable first = null;
        for (ForkJoinTask<?> task : tasks) {
            try {
                task.join();
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out) {
        KernelSpec.LongBody twin = kernel.javaTwin();
        forEachChunk(in.length, kernel.grain(), !kernel.costly(), (from, to) -> twin.apply(in, out, from, to));
    }

    @Override
    public void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out) {
        KernelSpec.DoubleBody twin = kernel.javaTwin();
        forEachChunk(in.length, kernel.grain(), true, (from, to) -> twin.apply(in, out, from, to));
    }

    /** Blocks per chunk of a reduction, as REDUCE_GRAIN_BLOCKS in vector.c. */
    private static final int REDUCE_GRAIN_BLOCKS = 4;

    /** Fills one partial per fixed block, then combines them pairwise: the bits of vector.c. */
    private double reduce(double[] x, double[] y) {
        int n = x.length;
        if (n == 0) {
            return 0.0;
        }
        int block = JavaKernels.REDUCE_BLOCK;
        int blocks = (n - 1) / block + 1;
        double[] partials = new double[blocks];
        forEachChunk(blocks, REDUCE_GRAIN_BLOCKS, true, (first, end) -> {
            for (int b = first; b < end; b++) {
                int from = b * block, to = from + Math.min(block, n - from); // no int overflow near 2^31
                partials[b] = y == null ? JavaKernels.sumBlock(x, from, to) : JavaKernels.dotBlock(x, y, from, to);
            }
        });
        return JavaKernels.pairwise(partials, 0, blocks);
    }

    @Override
    public double sum(double[] x) {
        return reduce(x, null);
    }

    @Override
    public double dot(double[] x, double[] y) {
        return reduce(x, y);
    }

    @Override
    public void axpy(double a, double[] x, double[] y) {
        forEachChunk(x.length, KernelSpec.CHEAP_GRAIN, true, (from, to) -> JavaKernels.axpy(a, x, y, from, to));
    }

    @Override
    public void scale(double a, double[] x) {
        forEachChunk(x.length, KernelSpec.CHEAP_GRAIN, true, (from, to) -> JavaKernels.scale(a, x, from, to));
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Isa isa() {
        return null;
    }

    @Override
    public void close() {
        if (forkJoin == null) {
            return;
        }
        forkJoin.shutdown();
        try {
            // The pool has no callers left, so its workers only need to notice the shutdown. Joining them
            // too means none outlives close(): a terminated ForkJoinPool may still have threads exiting.
            forkJoin.awaitTermination(10, TimeUnit.SECONDS);
            for (Thread t : workerThreads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
