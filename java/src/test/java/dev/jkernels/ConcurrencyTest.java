// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One pool shared by many Java threads; pools created and closed many times without leaking threads. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrencyTest {
    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void manyJavaThreadsShareOnePool(PoolConfigs.Config config) throws Exception {
        double[] x = CrossBackendTest.randomDoubles(50_001, 7);
        double expectedSum;
        try (KernelPool reference = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            expectedSum = reference.vectors().sum(x);
        }
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (KernelPool pool = config.open()) {
            List<Future<?>> results = new ArrayList<>();
            for (int caller = 0; caller < 8; caller++) {
                int id = caller;
                results.add(callers.submit(() -> {
                    for (int round = 0; round < 40; round++) {
                        long n = 20 + (id + round) % 6;
                        long[] fib = pool.map(LongKernels.FIB, new long[] {n, n - 1, n - 2});
                        assertEquals(fib[1] + fib[2], fib[0], "fib recurrence, caller " + id);
                        assertEquals(expectedSum, pool.vectors().sum(x), "sum, caller " + id);
                        long[] squares = pool.map(LongKernels.SQUARE, new long[] {id, round});
                        assertArrayEquals(new long[] {(long) id * id, (long) round * round}, squares);
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(100, TimeUnit.SECONDS); // rethrows a caller's assertion failure
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void createAndCloseLeaveNoThreads(PoolConfigs.Config config) throws Exception {
        String prefix = config.workerPrefix();
        int before = poolThreads(prefix);
        try (KernelPool pool = KernelPool.builder().backend(config.backend()).threads(3).build()) {
            pool.map(LongKernels.FIB, new long[] {24, 24, 24, 24, 24, 24});
            assertEquals(3, poolThreads(prefix) - before, "a pool of 3 runs exactly 3 workers");
        }
        for (int i = 0; i < 60; i++) {
            try (KernelPool pool = KernelPool.builder().backend(config.backend()).threads(1 + i % 4).build()) {
                if (i % 2 == 0) {
                    pool.map(LongKernels.FIB, new long[] {15, 16, 17});
                }
            }
        }
        int after = poolThreads(prefix);
        // A joined thread has ended, but /proc may list it a moment longer: the kernel wakes the joiner
        // (pthread_join, Thread.join) before it unlists the exiting task, and on 2 busy vCPUs that task can
        // wait milliseconds for a CPU. A leaked worker never goes, so waiting up to 5 s keeps the test's teeth.
        for (int wait = 0; wait < 100 && after > before; wait++) {
            Thread.sleep(50);
            after = poolThreads(prefix);
        }
        int left = after;
        assertEquals(before, after, () -> left + " pool threads left after 60 pools were closed (before: " + before
                + "): " + describeThreads(prefix));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closeWaitsForARunningCallThenRejectsNewOnes(PoolConfigs.Config config) throws Exception {
        KernelPool pool = config.open();
        long[] in = new long[16];
        java.util.Arrays.fill(in, 36); // ~0.1 s native, ~0.2 s Java at 2 threads
        long[] out = new long[in.length];
        CompletableFuture<long[]> running = CompletableFuture.supplyAsync(() -> pool.map(LongKernels.FIB, in, out));
        while (pool.runningCalls() == 0) {
            assertTrue(!running.isDone(), "the call ended before it was seen running: " + running);
            Thread.onSpinWait();
        }
        pool.close();
        // The future may complete a moment later, but the work must be finished when close() returns.
        long[] expected = new long[in.length];
        java.util.Arrays.fill(expected, 14930352L);
        assertArrayEquals(expected, out, "close() returned while a call was still running");
        assertEquals(out, running.get(10, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> pool.map(LongKernels.FIB, in));
    }

    /**
     * While a long job occupies the pool, native calls cannot run pinned (they would hold the GC up while
     * they wait) and run on copies instead: results must be the same, in place or not.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void callsBehindALongJobGiveTheSameResults(PoolConfigs.Config config) throws Exception {
        double[] x = CrossBackendTest.randomDoubles(100_003, 11), y = CrossBackendTest.randomDoubles(100_003, 12);
        long[] longs = CrossBackendTest.randomLongs(40_000, 13);
        double expectedSum, expectedDot;
        double[] expectedAxpy = y.clone(), expectedSquares = new double[x.length];
        try (KernelPool reference = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            expectedSum = reference.vectors().sum(x);
            expectedDot = reference.vectors().dot(x, y);
            reference.vectors().axpy(0.5, x, expectedAxpy);
            reference.map(DoubleKernels.SQUARE, x, expectedSquares);
        }
        try (KernelPool pool = KernelPool.builder().backend(config.backend()).threads(1).build()) {
            long[] fibs = new long[6];
            java.util.Arrays.fill(fibs, 35);
            CompletableFuture<long[]> longJob = CompletableFuture.supplyAsync(() -> pool.map(LongKernels.FIB, fibs));
            while (pool.runningCalls() == 0 && !longJob.isDone()) {
                Thread.onSpinWait();
            }
            int rounds = 0;
            do {
                assertEquals(expectedSum, pool.vectors().sum(x));
                assertEquals(expectedDot, pool.vectors().dot(x, y));
                double[] axpy = y.clone();
                pool.vectors().axpy(0.5, x, axpy);
                assertArrayEquals(expectedAxpy, axpy);
                double[] squares = x.clone();
                pool.map(DoubleKernels.SQUARE, squares, squares); // in place
                assertArrayEquals(expectedSquares, squares);
                long[] longSquares = pool.map(LongKernels.SQUARE, longs);
                assertEquals(longs[39_999] * longs[39_999], longSquares[39_999]);
                rounds++;
            } while (!longJob.isDone());
            assertEquals(9227465L, longJob.get()[5]);
            assertTrue(rounds > 0);
        }
    }

    /**
     * The number of threads of this process whose name starts with {@code prefix}, native workers included (they
     * are invisible to Thread.getAllStackTraces); the kernel keeps 15 characters of a name.
     */
    static int poolThreads(String prefix) throws Exception {
        return threadsNamed(prefix).size();
    }

    /** Name, id and state of each thread whose name starts with {@code prefix}, for a failure message. */
    static String describeThreads(String prefix) {
        List<String> found = threadsNamed(prefix);
        return found.isEmpty() ? "(none now)" : String.join(", ", found);
    }

    private static List<String> threadsNamed(String prefix) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (comm.startsWith(prefix)) {
                        String stat = Files.readString(task.resolve("stat"));
                        int end = stat.lastIndexOf(')'); // the state follows the parenthesized name
                        found.add(comm + " (tid " + task.getFileName() + ", state " + stat.charAt(end + 2) + ")");
                    }
                } catch (java.io.IOException gone) {
                    // the thread ended while we listed
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("/proc/self/task unreadable", e);
        }
        return found;
    }
}
