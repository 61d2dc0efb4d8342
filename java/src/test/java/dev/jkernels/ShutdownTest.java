// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** shutdownNow() cancels at once, whatever else is closing the pool, and callers see a CancellationException. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownTest {
    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    /**
     * 60 items of fib(41): one item per chunk, each 0.25-0.6 s; the whole batch 7 s or more at 2 threads on
     * either backend, so a close() waiting for it is certainly still waiting while the test looks.
     */
    static long[] longJob() {
        long[] in = new long[60];
        Arrays.fill(in, 41);
        return in;
    }

    /** The thread is parked inside KernelPool.close(), waiting for running calls. */
    static boolean waitingInClose(Thread t) {
        Thread.State s = t.getState();
        return (s == Thread.State.TIMED_WAITING || s == Thread.State.WAITING)
                && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().equals(KernelPool.class.getName())
                        && f.getMethodName().equals("close"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shutdownNowCancelsAtOnceWhileAnotherThreadsCloseWaits(PoolConfigs.Config config) throws Exception {
        KernelPool pool = config.open();
        CompletableFuture<long[]> running = CompletableFuture.supplyAsync(() -> pool.map(LongKernels.FIB, longJob()));
        LifecycleTest.awaitTrue("the long call runs", () -> pool.runningCalls() > 0 && pool.stats().active() > 0);
        Thread closer = new Thread(pool::close, "test-closer");
        closer.start();
        LifecycleTest.awaitTrue("close() waits for the running call", () -> waitingInClose(closer));

        long t0 = System.nanoTime();
        int cancelled = pool.shutdownNow();
        long took = System.nanoTime() - t0;
        assertTrue(cancelled > 0, "shutdownNow cancelled the running job, not nothing: " + cancelled);
        // The chunks running finish (one fib(41) each, well under 1 s); the other ~58 never start.
        assertTrue(took < TimeUnit.SECONDS.toNanos(3), "shutdownNow did not wait behind close(): " + took / 1_000_000 + " ms");
        ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CancellationException, "the running call's caller: " + e.getCause());
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(!closer.isAlive(), "the waiting close() returned too");
        assertThrows(IllegalStateException.class, () -> pool.map(LongKernels.FIB, new long[] {3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shutdownNowFailsSyncCallersAndAsyncFuturesWithCancellation(PoolConfigs.Config config) throws Exception {
        KernelPool pool = config.open();
        CompletableFuture<long[]> sync = CompletableFuture.supplyAsync(() -> pool.map(LongKernels.FIB, longJob()));
        LifecycleTest.awaitTrue("the sync call runs", () -> pool.runningCalls() > 0 && pool.stats().active() > 0);
        KernelFuture<long[]> async = pool.submit(LongKernels.FIB, longJob());
        KernelFuture<int[]> image = pool.images().mandelbrotAsync(MandelbrotRegion.classic(2048, 2048));
        long t0 = System.nanoTime();
        assertEquals(3, pool.shutdownNow(), "the sync job, the async one and the image");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "shutdownNow does not wait for the work");
        CompletionException e = assertThrows(CompletionException.class, sync::join);
        assertTrue(e.getCause() instanceof CancellationException, "sync caller: " + e.getCause());
        assertThrows(CancellationException.class, async::join);
        assertThrows(CancellationException.class, image::join);
        assertTrue(async.isCancelled() || async.isCompletedExceptionally());
    }
}
