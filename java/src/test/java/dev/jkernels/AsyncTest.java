// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** submit and the async vector and image forms, on every backend and ISA path. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncTest {
    static final long[] SEED = {38, 37, 36, 35, 34, 33};
    static final long[] SEED_FIBS = {39088169, 24157817, 14930352, 9227465, 5702887, 3524578};

    static Iterable<PoolConfigs.Config> all() {
        return PoolConfigs.all();
    }

    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void submitGivesTheSeedResultsWithoutBlockingTheCaller(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            KernelFuture<long[]> f = pool.submit(LongKernels.FIB, SEED);
            assertFalse(f.isDone(), "the seed takes tens of milliseconds: submit must return before it is done");
            assertArrayEquals(SEED_FIBS, f.get(60, TimeUnit.SECONDS));
            assertEquals(new Progress(6, 6), f.progress());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void asyncFormsGiveTheSameBitsAsTheSyncOnes(PoolConfigs.Config config) throws Exception {
        double[] x = CrossBackendTest.randomDoubles(70_001, 3), y = CrossBackendTest.randomDoubles(70_001, 4);
        long[] longs = java.util.stream.LongStream.range(-40_000, 40_000).map(v -> v * 977).toArray();
        MandelbrotRegion region = MandelbrotRegion.classic(97, 61);
        try (KernelPool pool = config.open()) {
            assertArrayEquals(pool.map(LongKernels.SQUARE, longs), pool.submit(LongKernels.SQUARE, longs).get());
            assertArrayEquals(pool.map(DoubleKernels.SQUARE, x), pool.submit(DoubleKernels.SQUARE, x).get());
            assertEquals(pool.vectors().sum(x), pool.vectors().sumAsync(x).get());
            assertEquals(pool.vectors().dot(x, y), pool.vectors().dotAsync(x, y).get());
            double[] ySync = y.clone(), yAsync = y.clone();
            pool.vectors().axpy(0.75, x, ySync);
            assertTrue(pool.vectors().axpyAsync(0.75, x, yAsync).get() == yAsync, "completes with the caller's y");
            assertArrayEquals(ySync, yAsync);
            double[] sSync = x.clone(), sAsync = x.clone();
            pool.vectors().scale(-3.5, sSync);
            pool.vectors().scaleAsync(-3.5, sAsync).get();
            assertArrayEquals(sSync, sAsync);
            assertArrayEquals(pool.images().mandelbrot(region), pool.images().mandelbrotAsync(region).get());
            assertArrayEquals(new long[0], pool.submit(LongKernels.FIB, new long[0]).get(), "empty input");
            assertEquals(0.0, pool.vectors().sumAsync(new double[0]).get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void changingTheInputAfterSubmitChangesNothing(PoolConfigs.Config config) throws Exception {
        long[] in = java.util.stream.LongStream.range(0, 200_000).toArray();
        long[] expected = Arrays.stream(in).map(v -> v * v).toArray();
        double[] x = CrossBackendTest.randomDoubles(200_000, 9), y = new double[x.length];
        double[] expectedY = x.clone();
        try (KernelPool pool = config.open()) {
            KernelFuture<long[]> squares = pool.submit(LongKernels.SQUARE, in);
            KernelFuture<double[]> axpy = pool.vectors().axpyAsync(1.0, x, y);
            Arrays.fill(in, 7); // the jobs work on copies taken before submit returned
            Arrays.fill(x, Double.NaN);
            assertArrayEquals(expected, squares.get());
            assertArrayEquals(expectedY, axpy.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void continuationsRunOnTheCompletionThreadOrTheGivenExecutor(PoolConfigs.Config config) throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-executor"));
        try (KernelPool pool = config.open()) {
            String plain = pool.submit(LongKernels.FIB, SEED).thenApply(v -> Thread.currentThread().getName()).get();
            assertTrue(plain.startsWith("jkernels-completion-"), "continuation ran on " + plain);
            String onMine = pool.submit(LongKernels.FIB, SEED, mine).thenApply(v -> Thread.currentThread().getName()).get();
            assertEquals("my-executor", onMine);
            // Big enough (~0.1 s) that thenApply is attached before the image completes; on a completed
            // future it would run on this thread instead.
            String image = pool.images().mandelbrotAsync(MandelbrotRegion.classic(1024, 1024), mine)
                    .thenApply(v -> Thread.currentThread().getName()).get();
            assertEquals("my-executor", image);
        } finally {
            mine.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aContinuationMayWaitForAnotherFutureButNotClose(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            long[] slow = new long[8];
            Arrays.fill(slow, 34); // tens of milliseconds: still running when the continuation waits
            KernelFuture<long[]> later = pool.submit(LongKernels.FIB, slow);
            // Another delivery thread delivers `later` while this continuation waits on one: no deadlock.
            String result = onADeliveryThread(pool, () -> later.join()[0]);
            assertEquals("5702887", result);
            Runnable close = pool::close;
            String closeFromCallback = onADeliveryThread(pool, () -> {
                try {
                    close.run();
                    return "close() returned";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            });
            assertTrue(closeFromCallback.startsWith("close() on one of the pool's delivery threads would wait for itself"),
                    closeFromCallback);
        }
    }

    /**
     * What {@code part} returns when run as a continuation on one of the pool's delivery threads. A
     * continuation attached to a future that has completed already runs on the attaching thread instead,
     * so this retries with ever longer jobs until one is still running when its continuation is attached.
     */
    private static String onADeliveryThread(KernelPool pool, java.util.function.Supplier<Object> part) throws Exception {
        for (long n = 24; n <= 36; n += 4) {
            String outcome = pool.submit(LongKernels.FIB, new long[] {n, n})
                    .thenApply(v -> Thread.currentThread().getName().startsWith("jkernels-completion-")
                            ? String.valueOf(part.get()) : null)
                    .get(60, TimeUnit.SECONDS);
            if (outcome != null) {
                return outcome;
            }
        }
        throw new AssertionError("no continuation ran on a delivery thread, even after a fib(36) job");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void badArgumentsAreRejectedBeforeAnythingStarts(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.submit(LongKernels.FIB, new long[] {3, 93}));
            assertEquals("LongKernels.FIB: input 93 at index 1 is outside 0..92", e.getMessage());
            assertEquals("in is null", assertThrows(NullPointerException.class,
                    () -> pool.submit(LongKernels.FIB, null)).getMessage());
            assertEquals("executor is null", assertThrows(NullPointerException.class,
                    () -> pool.submit(LongKernels.FIB, SEED, null)).getMessage());
            assertEquals("x.length (2) != y.length (1)", assertThrows(IllegalArgumentException.class,
                    () -> pool.vectors().dotAsync(new double[2], new double[1])).getMessage());
            assertEquals(0, pool.stats().pendingAsync());
        }
    }
}
