package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JAVA backend: the pure-Java twins, cut into the same chunks as the native side. At 1 thread every
 * call is a plain loop on the calling thread; otherwise chunks run on a ForkJoinPool of {@code threads}
 * daemon workers, whose work stealing balances uneven items. Not API.
 */
public final class JavaEngine implements Engine {
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final ForkJoinPool forkJoin; // null at 1 thread

    public JavaEngine(int threads) {
        this.threads = threads;
        this.forkJoin = threads == 1 ? null : newForkJoinPool(threads);
    }

    private static ForkJoinPool newForkJoinPool(int threads) {
        String prefix = "jkernels-java-" + POOL_IDS.incrementAndGet() + "-worker-";
        AtomicInteger workerIds = new AtomicInteger();
        return new ForkJoinPool(threads, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(prefix + workerIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** Indices [from, to) of one job. */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /** Runs [0, n) in chunks of {@code grain}; one chunk (or 1 thread) runs on the caller. */
    private void forEachChunk(int n, int grain, Range body) {
        if (n == 0) {
            return;
        }
        if (forkJoin == null || n <= grain) {
            body.run(0, n);
        } else {
            forkJoin.invoke(new ChunkTask(body, 0, n, grain));
        }
    }

    /** Halves a range at chunk boundaries until one chunk is left. */
    private static final class ChunkTask extends RecursiveAction {
        private final Range body;
        private final int from, to, grain;

        ChunkTask(Range body, int from, int to, int grain) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            int chunks = (to - from - 1) / grain + 1;
            if (chunks == 1) {
                body.run(from, to);
                return;
            }
            int mid = from + (chunks / 2) * grain;
            invokeAll(new ChunkTask(body, from, mid, grain), new ChunkTask(body, mid, to, grain));
        }
    }

    @Override
    public void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out) {
        KernelSpec.LongBody twin = kernel.javaTwin();
        forEachChunk(in.length, kernel.grain(), (from, to) -> twin.apply(in, out, from, to));
    }

    @Override
    public void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out) {
        KernelSpec.DoubleBody twin = kernel.javaTwin();
        forEachChunk(in.length, kernel.grain(), (from, to) -> twin.apply(in, out, from, to));
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
        forEachChunk(blocks, REDUCE_GRAIN_BLOCKS, (first, end) -> {
            for (int b = first; b < end; b++) {
                int from = b * block, to = Math.min(n, from + block);
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
        forEachChunk(x.length, KernelSpec.CHEAP_GRAIN, (from, to) -> JavaKernels.axpy(a, x, y, from, to));
    }

    @Override
    public void scale(double a, double[] x) {
        forEachChunk(x.length, KernelSpec.CHEAP_GRAIN, (from, to) -> JavaKernels.scale(a, x, from, to));
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
            // The pool has no callers left, so its workers only need to notice the shutdown.
            forkJoin.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
