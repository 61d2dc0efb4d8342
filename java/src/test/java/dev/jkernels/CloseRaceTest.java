// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two races SoakTest found in close() and shutdownNow(), each as a regression test: shutdownNow() while
 * another thread's close() waits for asynchronous jobs cancels them at once (it used to cancel nothing, and
 * wait for every job to run to its end), and close() returns only once every future it waited for is done (it
 * used to return a moment before the last completion, 6 in 24,000 futures on NATIVE, 65 on JAVA).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseRaceTest {
    static Stream<PoolConfigs.Config> backends() {
        return PoolConfigs.backends().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shutdownNowDuringAnotherThreadsCloseCancelsTheJobs(PoolConfigs.Config config) throws Exception {
        long[] fibs = new long[60];
        Arrays.fill(fibs, 40); // about 0.4 s each on one thread: 10 s or more in all
        KernelPool pool = config.open();
        KernelFuture<long[]> f = pool.submit(LongKernels.FIB, fibs);
        while (f.progress().done() == 0 && !f.isDone()) {
            Thread.sleep(5);
        }
        Thread closer = new Thread(pool::close, "test-closer");
        closer.start();
        while (!Arrays.stream(closer.getStackTrace()).anyMatch(e -> e.getMethodName().equals("close"))
                && closer.isAlive()) {
            Thread.sleep(1);
        }
        Thread.sleep(100); // close() is waiting for the job now
        long start = System.nanoTime();
        int cancelled = pool.shutdownNow();
        long ms = (System.nanoTime() - start) / 1_000_000;
        closer.join(30_000);
        assertTrue(cancelled >= 1, "shutdownNow() during close() cancelled " + cancelled + " jobs");
        assertTrue(ms < 8_000, "shutdownNow() took " + ms + " ms: it waited for the job instead of cancelling it");
        assertTrue(f.isDone());
        try {
            f.get();
            throw new AssertionError("the cancelled job's future completed normally");
        } catch (CancellationException | ExecutionException expected) {
            // cancelled: what shutdownNow promises
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closeReturnsOnlyOnceItsFuturesAreDone(PoolConfigs.Config config) {
        int notDone = 0, futures = 0;
        for (int round = 0; round < 400; round++) {
            List<KernelFuture<long[]>> pending = new ArrayList<>();
            try (KernelPool pool = config.open()) {
                for (int i = 0; i < 8; i++) {
                    pending.add(pool.submit(LongKernels.FIB, new long[] {10 + i, 20}));
                }
            } // close() waits for them
            for (KernelFuture<long[]> f : pending) {
                futures++;
                notDone += f.isDone() ? 0 : 1;
            }
        }
        assertEquals(0, notDone, notDone + " of " + futures + " futures were not done when close() returned");
    }
}
