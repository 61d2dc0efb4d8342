// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cancel, time-outs, resize, statistics, shutdown and many callers, on both backends. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleTest {
    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    /** 300 items of fib(30): about 1 s of work on one core natively, 2 s in Java. */
    static long[] longBatch() {
        long[] in = new long[300];
        Arrays.fill(in, 30);
        return in;
    }

    /**
     * Waits up to 10 s until the condition holds once. Asserts on the observation that ended the wait, not a
     * new one: some conditions flicker (a thread parked in close() wakes every 10 ms to look again).
     */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        boolean held = condition.getAsBoolean();
        for (int i = 0; i < 1000 && !held; i++) {
            Thread.sleep(10);
            held = condition.getAsBoolean();
        }
        assertTrue(held, what);
    }

    static boolean idle(KernelPool pool) {
        PoolStats s = pool.stats();
        return s.active() == 0 && s.queueDepth() == 0 && s.pendingAsync() == 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cancelStopsPendingChunksAndThePoolStaysHealthy(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            KernelFuture<long[]> f = pool.submit(LongKernels.FIB, longBatch());
            awaitTrue("some items done", () -> f.progress().done() > 0);
            assertTrue(f.cancel(true));
            assertTrue(f.isCancelled());
            assertThrows(CancellationException.class, f::join);
            awaitTrue("the cancelled job leaves the pool", () -> idle(pool));
            assertTrue(f.progress().done() < 300, "items were skipped: " + f.progress());
            assertEquals(1, pool.stats().jobsFailed(), "the cancelled job counts as failed");
            assertArrayEquals(AsyncTest.SEED_FIBS, pool.map(LongKernels.FIB, AsyncTest.SEED), "healthy after");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void orTimeoutFailsTheFutureAndStopsTheJob(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            CompletableFuture<long[]> f = pool.submit(LongKernels.FIB, longBatch()).orTimeout(50, TimeUnit.MILLISECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TimeoutException, e.toString());
            awaitTrue("the timed-out job stops", () -> idle(pool));
            PoolStats s = pool.stats();
            long items = s.workers().stream().mapToLong(PoolStats.Worker::items).sum();
            assertTrue(items < 300, "the job stopped early: " + s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void resizeWhileJobsRunLosesNothing(PoolConfigs.Config config) throws Exception {
        String prefix = config.workerPrefix();
        int before = ConcurrencyTest.poolThreads(prefix);
        try (KernelPool pool = config.open()) {
            long[] in = new long[400];
            for (int i = 0; i < in.length; i++) {
                in[i] = 20 + i % 9;
            }
            KernelFuture<long[]> running = pool.submit(LongKernels.FIB, in);
            pool.resize(1);
            assertEquals(1, pool.threads());
            awaitTrue("retired workers are gone", () -> uncheckedThreads(prefix) - before == 1);
            pool.resize(3);
            assertEquals(3, ConcurrencyTest.poolThreads(prefix) - before);
            pool.resize(2);
            assertArrayEquals(Arrays.stream(in).map(SeedTest::fib).toArray(), running.get(60, TimeUnit.SECONDS));
            PoolStats s = pool.stats();
            assertEquals(2, s.threads());
            assertEquals(in.length, s.workers().stream().mapToLong(PoolStats.Worker::items).sum()
                    + retiredItems(pool), "every item ran exactly once across the slots");
            assertEquals("threads must be in 1..1024, got 0", assertThrows(IllegalArgumentException.class,
                    () -> pool.resize(0)).getMessage());
        }
        awaitTrue("no worker outlives the pool", () -> uncheckedThreads(prefix) == before);
    }

    /** Items run by slot 2, which existed for a while (stats list only the current slots). */
    private static long retiredItems(KernelPool pool) {
        pool.resize(3);
        long slot2 = pool.stats().workers().get(2).items();
        pool.resize(2);
        return slot2;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void statsCountJobsItemsAndBusyTime(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            long[] in = new long[40];
            Arrays.fill(in, 25);
            pool.map(LongKernels.FIB, in);
            pool.submit(LongKernels.FIB, in).get();
            PoolStats s = pool.stats();
            assertEquals(2, s.jobsFinished());
            assertEquals(0, s.jobsFailed());
            assertEquals(80, s.workers().stream().mapToLong(PoolStats.Worker::items).sum());
            assertTrue(s.workers().stream().mapToLong(PoolStats.Worker::busyNanos).sum() > 0);
            assertEquals(0, s.queueDepth());
            String line = s.toString();
            assertTrue(line.startsWith(config.backend() + " 2 threads, 0 active, queue 0, jobs 2 (0 failed) | w0: "),
                    line);
            assertTrue(!line.contains("\n"), "one line");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closeWaitsForAsyncJobsAndShutdownNowCancelsThem(PoolConfigs.Config config) throws Exception {
        String prefix = config.workerPrefix();
        int before = ConcurrencyTest.poolThreads(prefix), completionBefore = ConcurrencyTest.poolThreads("jkernels-comple");
        KernelPool pool = config.open();
        long[] small = new long[20];
        Arrays.fill(small, 27);
        KernelFuture<long[]> waited = pool.submit(LongKernels.FIB, small);
        pool.close();
        assertTrue(waited.isDone() && !waited.isCompletedExceptionally(), "close waited for the job");
        assertThrows(IllegalStateException.class, () -> pool.submit(LongKernels.FIB, small));

        KernelPool second = config.open();
        KernelFuture<long[]> long1 = second.submit(LongKernels.FIB, longBatch());
        KernelFuture<long[]> long2 = second.submit(LongKernels.FIB, longBatch());
        awaitTrue("running", () -> long1.progress().done() > 0);
        long t0 = System.nanoTime();
        assertTrue(second.shutdownNow() >= 1);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "shutdownNow does not wait for the work");
        assertThrows(CancellationException.class, long1::join);
        assertThrows(CancellationException.class, long2::join);
        assertThrows(IllegalStateException.class, second::stats);
        // Native workers are joined; a joined Java thread may take a moment more to end as an OS thread.
        awaitTrue("no worker outlives the pool", () -> uncheckedThreads(prefix) == before);
        awaitTrue("no completion thread outlives the pool",
                () -> uncheckedThreads("jkernels-comple") == completionBefore);
    }

    static int uncheckedThreads(String prefix) {
        try {
            return ConcurrencyTest.poolThreads(prefix);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closingWhileOthersSubmitNeverHangs(PoolConfigs.Config config) throws Exception {
        KernelPool pool = config.open();
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        List<Future<List<KernelFuture<long[]>>>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(submitters.submit(() -> {
                List<KernelFuture<long[]>> mine = new ArrayList<>();
                try {
                    for (int i = 0; i < 10_000; i++) {
                        mine.add(pool.submit(LongKernels.FIB, new long[] {20, 21}));
                    }
                } catch (IllegalStateException closed) {
                    assertEquals("this KernelPool is closed", closed.getMessage());
                }
                return mine;
            }));
        }
        Thread.sleep(50);
        pool.close();
        for (Future<List<KernelFuture<long[]>>> r : results) {
            for (KernelFuture<long[]> f : r.get(60, TimeUnit.SECONDS)) {
                assertArrayEquals(new long[] {6765, 10946}, f.get(1, TimeUnit.SECONDS), "accepted jobs complete");
            }
        }
        submitters.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void thirtyTwoCallersOnTwoWorkers(PoolConfigs.Config config) throws Exception {
        String prefix = config.workerPrefix();
        double[] x = CrossBackendTest.randomDoubles(30_001, 11);
        ExecutorService callers = Executors.newFixedThreadPool(32);
        int before = ConcurrencyTest.poolThreads(prefix);
        try (KernelPool pool = config.open()) {
            double expectedSum = pool.vectors().sum(x);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                int id = c;
                done.add(callers.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        long n = 15 + (id + round) % 10;
                        KernelFuture<long[]> async = pool.submit(LongKernels.FIB, new long[] {n, n + 1});
                        long[] sync = pool.map(LongKernels.FIB, new long[] {n + 2});
                        KernelFuture<Double> sum = pool.vectors().sumAsync(x);
                        assertEquals(expectedSum, pool.vectors().sum(x));
                        long[] a = async.get(60, TimeUnit.SECONDS);
                        assertEquals(a[0] + a[1], sync[0], "fib recurrence, caller " + id);
                        assertEquals(expectedSum, sum.get(60, TimeUnit.SECONDS));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(100, TimeUnit.SECONDS);
            }
            assertEquals(2, ConcurrencyTest.poolThreads(prefix) - before, "still exactly 2 workers");
            awaitTrue("idle", () -> idle(pool));
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aContinuationCallingThePoolDuringCloseDoesNotHang(PoolConfigs.Config config) throws Exception {
        KernelPool pool = config.open();
        long[] in = new long[8];
        Arrays.fill(in, 30);
        CompletableFuture<String> seen = pool.submit(LongKernels.FIB, in).thenApply(r -> {
            try {
                pool.map(LongKernels.SQUARE, new long[] {2}); // the pool is closing by now, or about to be
                return pool.stats().toString();
            } catch (IllegalStateException e) {
                return "refused: " + e.getMessage();
            }
        });
        pool.close(); // waits for the job, whose continuation calls back in: must not deadlock
        String outcome = seen.get(10, TimeUnit.SECONDS);
        assertTrue(outcome.startsWith("refused: this KernelPool is clos") || outcome.contains("threads"), outcome);
        assertEquals(config.threads(), pool.threads(), "threads() still answers after close");
        assertTrue(pool.toString().startsWith("KernelPool[" + config.backend()), pool.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cancellingAJobWhoseWorkHasAllStartedLetsItFinish(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            KernelFuture<long[]> one = pool.submit(LongKernels.FIB, new long[] {39}); // one chunk, ~0.2-0.5 s
            awaitTrue("its only chunk runs", () -> pool.stats().active() == 1);
            Thread.sleep(20); // the worker that joined has claimed the chunk by now (fib(39) runs for 0.2 s+)
            assertTrue(one.cancel(true), "the future is cancelled for its caller");
            awaitTrue("the job ends", () -> idle(pool));
            PoolStats s = pool.stats();
            assertEquals(1, s.jobsFinished());
            assertEquals(0, s.jobsFailed(), "nothing was left to cancel, so the job ran to its end: " + s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shutdownNowLetsAStartedSingleChunkJobFinishAndCancelsTheRest(PoolConfigs.Config config) throws Exception {
        KernelPool pool = config.open();
        KernelFuture<long[]> started = pool.submit(LongKernels.FIB, new long[] {38}); // one chunk
        awaitTrue("its only chunk runs", () -> pool.stats().active() >= 1);
        Thread.sleep(20); // the worker that joined has claimed the chunk by now (fib(38) runs for 0.1 s+)
        KernelFuture<long[]> queued = pool.submit(LongKernels.FIB, longBatch());
        pool.shutdownNow(); // once hung in native cancel_all on a queued job with no chunk left to claim
        assertArrayEquals(new long[] {SeedTest.fib(38)}, started.get(30, TimeUnit.SECONDS), "ran to its end");
        assertThrows(CancellationException.class, queued::join);
    }
}
