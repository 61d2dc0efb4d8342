// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Results as they complete, and per-item failures with either policy. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MapJobTest {
    static Iterable<PoolConfigs.Config> all() {
        return PoolConfigs.all();
    }

    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyItemIsReportedOnceWithItsIndexAndFailuresNameTheirs(PoolConfigs.Config config) throws Exception {
        long[] in = {30, 93, 25, -1, 20, 1, 0};
        try (KernelPool pool = config.open()) {
            MapJob<long[], LongResult> job = pool.start(LongKernels.FIB, in, OnItemFailure.CONTINUE);
            TreeSet<Integer> seen = new TreeSet<>();
            for (LongResult r : job) {
                assertTrue(seen.add(r.index()), "index reported twice: " + r.index());
                if (r.index() == 1 || r.index() == 3) {
                    assertTrue(r.failed(), "item " + r.index() + " must fail");
                    assertEquals("LongKernels.FIB: 1 item failed: input " + in[r.index()] + " at index " + r.index()
                            + " is outside the kernel's domain", r.failure().getMessage());
                } else {
                    assertNull(r.failure());
                    assertEquals(SeedTest.fib(in[r.index()]), r.value(), "item " + r.index());
                }
            }
            assertEquals(in.length, seen.size());
            ExecutionException e = assertThrows(ExecutionException.class, () -> job.future().get());
            ItemFailureException cause = (ItemFailureException) e.getCause();
            assertArrayEquals(new long[] {1, 3}, cause.failedIndices());
            assertTrue(cause.getMessage().startsWith("LongKernels.FIB: 2 items failed, first: input 93 at index 1"),
                    cause.getMessage());
            assertEquals(new Progress(in.length, in.length), new Progress(job.progress().done(), in.length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void resultsArriveInFinishingOrderNotInputOrder(PoolConfigs.Config config) throws Exception {
        long[] in = {40, 5, 6, 7, 8, 9, 10, 11}; // item 0 takes 0.3-1 s, the others microseconds
        try (KernelPool pool = config.open()) {
            MapJob<long[], LongResult> job = pool.start(LongKernels.FIB, in, OnItemFailure.CONTINUE);
            List<Integer> order = new ArrayList<>();
            job.forEach(r -> order.add(r.index()));
            assertEquals(in.length, order.size());
            assertNotEquals(0, order.get(0), "a cheap item finishes before fib(40): " + order);
            assertEquals(0, order.get(order.size() - 1), "fib(40) is last: " + order);
            assertArrayEquals(Arrays.stream(in).map(SeedTest::fib).toArray(), job.future().get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cancelRestStopsAfterTheFirstFailure(PoolConfigs.Config config) throws Exception {
        long[] in = new long[60];
        Arrays.fill(in, 30); // 60 items of a few ms each
        in[0] = 93;
        try (KernelPool pool = config.open()) { // 2 threads: parts are still being started when item 0 fails
            MapJob<long[], LongResult> job = pool.start(LongKernels.FIB, in, OnItemFailure.CANCEL_REST);
            int reported = 0, failed = 0;
            for (LongResult r : job) {
                reported++;
                failed += r.failed() ? 1 : 0;
            }
            assertEquals(1, failed);
            assertTrue(reported < in.length / 2, "items not started by then are cancelled, reported " + reported);
            ExecutionException e = assertThrows(ExecutionException.class, () -> job.future().get());
            assertArrayEquals(new long[] {0}, ((ItemFailureException) e.getCause()).failedIndices());
            assertArrayEquals(new long[] {SeedTest.fib(30)}, pool.map(LongKernels.FIB, new long[] {30}), "the pool still works");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void doubleMapsAndLargeCheapMapsComeInParts(PoolConfigs.Config config) throws Exception {
        double[] x = CrossBackendTest.randomDoubles(100_000, 5);
        try (KernelPool pool = config.open()) {
            MapJob<double[], DoubleResult> job = pool.start(DoubleKernels.SQUARE, x, OnItemFailure.CONTINUE);
            double[] seen = new double[x.length];
            int count = 0;
            for (DoubleResult r; (r = job.poll(30, TimeUnit.SECONDS)) != null; count++) {
                seen[r.index()] = r.value();
            }
            assertEquals(x.length, count);
            assertArrayEquals(pool.map(DoubleKernels.SQUARE, x), seen);
            assertArrayEquals(seen, job.future().get());
            assertNull(job.poll(1, TimeUnit.MILLISECONDS), "ended");
            MapJob<long[], LongResult> empty = pool.start(LongKernels.FIB, new long[0], OnItemFailure.CONTINUE);
            assertEquals(0, empty.future().get().length);
            assertTrue(!empty.iterator().hasNext());
            assertThrows(IllegalStateException.class, empty::iterator, "results can be iterated once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cancellingTheJobEndsTheIteration(PoolConfigs.Config config) throws Exception {
        long[] in = new long[400];
        Arrays.fill(in, 27);
        try (KernelPool pool = config.open()) {
            MapJob<long[], LongResult> job = pool.start(LongKernels.FIB, in, OnItemFailure.CONTINUE);
            int count = 0;
            for (LongResult r : job) {
                assertEquals(196418, r.value());
                if (++count == 5) {
                    assertTrue(job.cancel());
                }
            }
            assertTrue(count < in.length, "iteration ended early after cancel: " + count);
            assertTrue(job.future().isCancelled());
        }
    }

    /** Drains the job: the results reported, in finishing order. */
    private static List<LongResult> drain(MapJob<long[], LongResult> job) {
        List<LongResult> seen = new ArrayList<>();
        job.forEach(seen::add);
        return seen;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void partsCancelledByShutdownNowFailTheFutureWithCancellation(PoolConfigs.Config config) throws Exception {
        long[] in = new long[300];
        Arrays.fill(in, 30); // one part per item, a few ms each: most are still queued at shutdownNow
        KernelPool pool = config.open();
        MapJob<long[], LongResult> job = pool.start(LongKernels.FIB, in, OnItemFailure.CONTINUE);
        LifecycleTest.awaitTrue("some items done", () -> job.progress().done() > 0);
        assertTrue(pool.shutdownNow() > 0);
        List<LongResult> seen = drain(job); // the iteration ends
        assertTrue(seen.size() < in.length, "items were cancelled: " + seen.size() + " reported");
        for (LongResult r : seen) {
            assertEquals(832040, r.value(), "a reported item ran to its end: " + r.index());
        }
        // Never completes normally with zeros for the items that did not run.
        assertThrows(CancellationException.class, () -> job.future().get(10, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> job.future().join());
        assertTrue(job.future().isCompletedExceptionally());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cancellingMidWayFailsTheFutureWithCancellation(PoolConfigs.Config config) throws Exception {
        long[] in = new long[300];
        Arrays.fill(in, 30);
        try (KernelPool pool = config.open()) {
            MapJob<long[], LongResult> job = pool.start(LongKernels.FIB, in, OnItemFailure.CONTINUE);
            LifecycleTest.awaitTrue("some items done", () -> job.progress().done() > 0);
            assertTrue(job.cancel(), "the job had not finished");
            List<LongResult> seen = drain(job);
            assertTrue(seen.size() < in.length, "items were cancelled: " + seen.size() + " reported");
            assertThrows(CancellationException.class, () -> job.future().get(10, TimeUnit.SECONDS));
            assertTrue(job.future().isCancelled());
            assertTrue(!job.cancel(), "already over");
            LifecycleTest.awaitTrue("the cancelled parts leave the pool", () -> LifecycleTest.idle(pool));
            assertArrayEquals(new long[] {832040}, pool.map(LongKernels.FIB, new long[] {30}), "the pool still works");
        }
    }
}
