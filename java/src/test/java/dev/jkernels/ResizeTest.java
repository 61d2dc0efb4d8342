// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Resizes from two threads at once: the count the pool reports is the one its runtime really has. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResizeTest {
    static final int ROUNDS = 300;

    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    /**
     * Each round both threads resize at the same moment, to different sizes (growing and shrinking, so one
     * call is slow while the other is fast), then the test compares threads() with the runtime's own count.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void threadsAgreesWithTheRuntimeAfterConcurrentResizes(PoolConfigs.Config config) throws Exception {
        String prefix = config.workerPrefix();
        int before = ConcurrencyTest.poolThreads(prefix);
        try (KernelPool pool = config.open()) {
            CyclicBarrier barrier = new CyclicBarrier(3);
            int[][] sizes = {{1, 3}, {4, 2}};
            CompletableFuture<?>[] resizers = new CompletableFuture<?>[2];
            for (int t = 0; t < 2; t++) {
                int[] mine = sizes[t];
                resizers[t] = CompletableFuture.runAsync(() -> {
                    try {
                        for (int round = 0; round < ROUNDS; round++) {
                            barrier.await(10, TimeUnit.SECONDS);
                            pool.resize(mine[round % 2]);
                            barrier.await(10, TimeUnit.SECONDS);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, r -> new Thread(r, "test-resizer").start());
            }
            for (int round = 0; round < ROUNDS; round++) {
                barrier.await(10, TimeUnit.SECONDS); // go
                barrier.await(10, TimeUnit.SECONDS); // both resizes returned
                int reported = pool.threads();
                PoolStats s = pool.stats();
                assertEquals(s.threads(), reported, "round " + round + ": threads() against the runtime's count");
                assertEquals(reported, s.workers().size(), "round " + round + ": worker slots");
            }
            CompletableFuture.allOf(resizers).get(10, TimeUnit.SECONDS);
            if (config.backend() != Backend.JAVA) { // native workers are joined when resize returns
                assertEquals(pool.threads(), ConcurrencyTest.poolThreads(prefix) - before, "live workers");
            }
            assertArrayEquals(new long[] {6765, 10946, 17711}, pool.map(LongKernels.FIB, new long[] {20, 21, 22}));
        }
    }
}
