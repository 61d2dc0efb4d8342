// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A KernelFuture never runs user code (its dependent stages) while it holds its own lock: a stage that has
 * another thread complete or cancel the same future, and waits for that thread, does not deadlock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KernelFutureTest {
    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    /** What a stage saw of the other thread it waited for. */
    record Seen(boolean otherThreadFinished, List<Boolean> results) {}

    /**
     * A stage for {@code f}: another thread runs {@code poke} on f (cancel, complete, ...), and the stage waits
     * for it, bounded. Under the future's lock the other thread would block until the stage returned.
     */
    static CompletableFuture<Seen> pokeFromAnotherThread(KernelFuture<?> f, Consumer<List<Boolean>> poke) {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            List<Boolean> results = new CopyOnWriteArrayList<>();
            Thread other = new Thread(() -> poke.accept(results), "test-poker");
            other.start();
            try {
                other.join(5_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            seen.complete(new Seen(!other.isAlive(), results));
        });
        return seen;
    }

    private static void pokeAll(KernelFuture<Integer> f, List<Boolean> results) {
        results.add(f.cancel(true));
        results.add(f.complete(-1));
        results.add(f.completeExceptionally(new IllegalStateException("late")));
    }

    @Test
    void thePoolsDeliveryRunsStagesOutsideTheLock() throws Exception {
        KernelFuture<Integer> f = new KernelFuture<>();
        CompletableFuture<Seen> seen = pokeFromAnotherThread(f, r -> pokeAll(f, r));
        Runnable completion = f.settle(null, 42, null, null);
        assertFalse(f.isDone(), "settle only prepares the completion");
        completion.run(); // as a delivery thread does: runs the stage, which waits for the other thread
        Seen s = seen.get(10, TimeUnit.SECONDS);
        assertTrue(s.otherThreadFinished(), "the other thread was blocked on the future while its stage ran");
        assertEquals(List.of(false, false, false), s.results(), "the future was already taken by the delivery");
        assertEquals(42, f.join());
    }

    @Test
    void aFailedDeliveryRunsStagesOutsideTheLockToo() throws Exception {
        KernelFuture<Integer> f = new KernelFuture<>();
        CompletableFuture<Seen> seen = pokeFromAnotherThread(f, r -> pokeAll(f, r));
        f.settle(null, null, new IllegalArgumentException("bad"), null).run();
        assertTrue(seen.get(10, TimeUnit.SECONDS).otherThreadFinished());
        assertTrue(f.isCompletedExceptionally());
    }

    @Test
    void completingCancellingByHandRunStagesOutsideTheLock() throws Exception {
        KernelFuture<Integer> completed = new KernelFuture<>();
        CompletableFuture<Seen> a = pokeFromAnotherThread(completed, r -> pokeAll(completed, r));
        assertTrue(completed.complete(7)); // runs the stage on this thread
        Seen sa = a.get(10, TimeUnit.SECONDS);
        assertTrue(sa.otherThreadFinished(), "complete() held the lock while the stage ran");
        assertEquals(List.of(false, false, false), sa.results());
        assertEquals(7, completed.join());

        KernelFuture<Integer> cancelled = new KernelFuture<>();
        CompletableFuture<Seen> b = pokeFromAnotherThread(cancelled, r -> pokeAll(cancelled, r));
        assertTrue(cancelled.cancel(true));
        assertTrue(b.get(10, TimeUnit.SECONDS).otherThreadFinished(), "cancel() held the lock while the stage ran");
        assertTrue(cancelled.isCancelled());

        KernelFuture<Integer> failed = new KernelFuture<>();
        CompletableFuture<Seen> c = pokeFromAnotherThread(failed, r -> pokeAll(failed, r));
        assertTrue(failed.completeExceptionally(new IllegalStateException("by hand")));
        assertTrue(c.get(10, TimeUnit.SECONDS).otherThreadFinished());

        // After a delivery has begun (settle), completing by hand loses, without waiting.
        KernelFuture<Integer> delivering = new KernelFuture<>();
        Runnable completion = delivering.settle(null, 5, null, null);
        assertFalse(delivering.cancel(true));
        assertFalse(delivering.complete(6));
        completion.run();
        assertEquals(5, delivering.join());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aStageOnAPoolsFutureMayCancelOrCompleteItFromAnotherThread(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            for (int round = 0; round < 3; round++) {
                KernelFuture<long[]> f = pool.submit(LongKernels.FIB, new long[] {32, 32}); // milliseconds
                CompletableFuture<Seen> seen = pokeFromAnotherThread(f, r -> {
                    r.add(f.cancel(true));
                    r.add(f.complete(null));
                });
                Seen s = seen.get(30, TimeUnit.SECONDS);
                assertTrue(s.otherThreadFinished(), "round " + round + ": the other thread was blocked");
                assertEquals(List.of(false, false), s.results());
                assertEquals(2178309, f.get(1, TimeUnit.SECONDS)[0]);
            }
        }
    }

    /**
     * get and join poll for the pool's spin time before they park; a timed get polls no longer than its
     * timeout, an interrupt ends the poll, and a wait longer than the poll still ends with the result.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void waitsPollNoLongerThanTheirTimeoutAndStillGetTheResult(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = pool(config, 1_000_000)) { // a 1 s poll
            long[] slowIn = new long[200];
            java.util.Arrays.fill(slowIn, 30); // about a second of milliseconds-long chunks
            KernelFuture<long[]> slow = pool.submit(LongKernels.FIB, slowIn);
            long t0 = System.nanoTime();
            assertThrows(TimeoutException.class, () -> slow.get(20, TimeUnit.MILLISECONDS));
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(tookMillis < 900, "a 20 ms get returned after " + tookMillis + " ms (the poll is 1 s)");
            Thread.currentThread().interrupt();
            long t1 = System.nanoTime();
            assertThrows(InterruptedException.class, slow::get);
            long interruptedMillis = (System.nanoTime() - t1) / 1_000_000;
            assertFalse(Thread.interrupted(), "get cleared the interrupt it reported");
            assertTrue(interruptedMillis < 900, "an interrupted get returned after " + interruptedMillis + " ms");
            slow.cancel(true);
        }
        try (KernelPool pool = pool(config, 1_000)) { // a 1 ms poll, shorter than these jobs (fib 36: over 10 ms)
            assertEquals(14930352, pool.submit(LongKernels.FIB, new long[] {36}).join()[0]);
            assertEquals(14930352, pool.submit(LongKernels.FIB, new long[] {36}).get()[0]);
            assertEquals(14930352, pool.submit(LongKernels.FIB, new long[] {36}).get(30, TimeUnit.SECONDS)[0]);
        }
        try (KernelPool pool = pool(config, 0)) {
            assertEquals(49, pool.submit(LongKernels.SQUARE, new long[] {7}).join()[0]); // no poll: parks at once
        }
    }

    private static KernelPool pool(PoolConfigs.Config config, long spinMicros) {
        return KernelPool.builder().backend(config.backend()).threads(1).spinMicros(spinMicros).build();
    }
}
