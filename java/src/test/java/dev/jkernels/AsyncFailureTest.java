// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The asynchronous form of an operation fails the same way as the synchronous one: {@code submit(p -> call)}
 * throws (before anything starts) or fails its future with the exception class the call itself throws; and
 * a submitted function that is not exactly one operation call is refused with nothing started.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncFailureTest {
    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    /** What the synchronous call throws. */
    private static Throwable syncFailure(KernelPool pool, KernelPool.Call<?> call) {
        try {
            call.on(pool);
        } catch (RuntimeException | Error e) {
            return e;
        }
        return fail("the call did not fail");
    }

    /** What submit throws, or what its future fails with. */
    private static Throwable asyncFailure(KernelPool pool, KernelPool.Call<?> call) throws Exception {
        KernelFuture<?> f;
        try {
            f = pool.submit(call);
        } catch (RuntimeException | Error e) {
            return e;
        }
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
        return fail("the submitted call did not fail");
    }

    /** Jobs the pool has run or failed, and those still going. */
    private static long jobs(KernelPool pool) {
        PoolStats s = pool.stats();
        return s.jobsFinished() + s.jobsFailed() + s.queueDepth() + s.pendingAsync();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void everyFailingCallFailsTheSameWayAsynchronously(PoolConfigs.Config config) throws Exception {
        double[] x = {1, 2, 3}, shortY = {1, 2};
        long[] in = {3, 4};
        Map<String, KernelPool.Call<?>> calls = new LinkedHashMap<>();
        calls.put("fib outside its domain", p -> p.map(LongKernels.FIB, new long[] {3, 93}));
        calls.put("fib of a negative", p -> p.map(LongKernels.FIB, new long[] {-1}));
        calls.put("map into a shorter array", p -> p.map(LongKernels.SQUARE, in, new long[1]));
        calls.put("double map into a longer array", p -> p.map(DoubleKernels.SQUARE, x, new double[4]));
        calls.put("map of null", p -> p.map(LongKernels.FIB, (long[]) null));
        calls.put("map with a null kernel", p -> p.map((LongKernel) null, in));
        calls.put("sum of null", p -> p.vectors().sum((double[]) null));
        calls.put("dot of different lengths", p -> p.vectors().dot(x, shortY));
        calls.put("dot with null", p -> p.vectors().dot(x, null));
        calls.put("axpy of different lengths", p -> {
            p.vectors().axpy(2, x, shortY);
            return null;
        });
        calls.put("scale of null", p -> {
            p.vectors().scale(2, (double[]) null);
            return null;
        });
        calls.put("mandelbrot of null", p -> p.images().mandelbrot(null));
        calls.put("mandelbrot with a null schedule", p -> p.images().mandelbrot(MandelbrotRegion.classic(4, 4), null));
        try (KernelPool pool = config.open()) {
            long jobsBefore = jobs(pool);
            for (Map.Entry<String, KernelPool.Call<?>> c : calls.entrySet()) {
                Throwable sync = syncFailure(pool, c.getValue());
                Throwable async = asyncFailure(pool, c.getValue());
                assertEquals(sync.getClass(), async.getClass(), c.getKey() + ": sync " + sync + ", async " + async);
                assertEquals(sync.getMessage(), async.getMessage(), c.getKey());
            }
            assertEquals(jobsBefore, jobs(pool), "every failure was caught before a job started");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aClosedPoolRefusesBothForms(PoolConfigs.Config config) throws Exception {
        KernelPool pool = config.open();
        pool.close();
        KernelPool.Call<Double> sum = p -> p.vectors().sum(new double[] {1});
        Throwable sync = syncFailure(pool, sum), async = asyncFailure(pool, sum);
        assertEquals(IllegalStateException.class, sync.getClass());
        assertEquals(sync.getClass(), async.getClass(), async.toString());
        assertEquals("this KernelPool is closed", async.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aCancelledCallFailsBothFormsWithCancellation(PoolConfigs.Config config) throws Exception {
        long[] in = new long[200];
        java.util.Arrays.fill(in, 35); // seconds in all: still running at shutdownNow
        KernelPool pool = config.open();
        java.util.concurrent.CompletableFuture<long[]> sync =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> pool.map(LongKernels.FIB, in));
        LifecycleTest.awaitTrue("the sync call runs", () -> pool.runningCalls() > 0 && pool.stats().active() > 0);
        KernelFuture<long[]> async = pool.submit(p -> p.map(LongKernels.FIB, in));
        pool.shutdownNow();
        ExecutionException e = assertThrows(ExecutionException.class, () -> sync.get(30, TimeUnit.SECONDS));
        assertEquals(CancellationException.class, e.getCause().getClass(), e.getCause().toString());
        assertThrows(CancellationException.class, () -> async.get(30, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aSubmittedFunctionMustBeExactlyOneOperationCallReturnedUnchanged(PoolConfigs.Config config) throws Exception {
        double[] x = {1, 2, 3};
        Map<String, KernelPool.Call<?>> bad = new LinkedHashMap<>();
        bad.put("no call", p -> 0.0);
        bad.put("no call, null", p -> null);
        bad.put("two calls", p -> {
            p.vectors().sum(x);
            return p.vectors().sum(x);
        });
        bad.put("arithmetic on the result", p -> p.vectors().sum(x) * 2);
        bad.put("another array than the one written", p -> {
            p.vectors().scale(2, x);
            return new double[3];
        });
        bad.put("a copy of the result", p -> p.map(LongKernels.SQUARE, new long[] {2}).clone());
        bad.put("a nested submit", p -> p.submit(q -> q.vectors().sum(x)));
        try (KernelPool pool = config.open()) {
            long jobsBefore = jobs(pool);
            for (Map.Entry<String, KernelPool.Call<?>> c : bad.entrySet()) {
                Throwable t = assertThrows(RuntimeException.class, () -> pool.submit(c.getValue()), c.getKey());
                assertTrue(t instanceof IllegalArgumentException || c.getKey().equals("a nested submit"),
                        c.getKey() + ": " + t);
                assertNotNull(t.getMessage());
                assertTrue(t.getMessage().startsWith("submit"), c.getKey() + ": " + t.getMessage());
            }
            assertEquals(jobsBefore, jobs(pool), "nothing was started");
            assertArrayEquals(new double[] {1, 2, 3}, x, "nothing ran: x is untouched");
            assertEquals(6.0, pool.submit(p -> p.vectors().sum(x)).get(10, TimeUnit.SECONDS), "the pool works");
        }
    }
}
