// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When Deliveries starts a spare thread: only when every thread is inside user code, never for a thread
 * that is busy with the library's part of a delivery (it goes back to waiting by itself). Driven by a fake
 * source, so which thread is where is known exactly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeliveriesTest {
    private static final Deliveries.Delivery WAKE = () -> () -> {};
    private static final Pattern DELIVERY = Pattern.compile("(jkernels-completion-\\d+)(-\\d+)?");

    private final BlockingQueue<Deliveries.Delivery> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger(); // threads inside next right now
    private final AtomicInteger undelivered = new AtomicInteger();
    private final Set<Thread> seen = ConcurrentHashMap.newKeySet(); // every thread that asked for a delivery

    private Deliveries.Delivery next(long timeoutNanos) {
        seen.add(Thread.currentThread());
        waiting.incrementAndGet();
        try {
            Deliveries.Delivery d = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            return d == WAKE ? null : d;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void offer(Deliveries.Delivery d) {
        undelivered.incrementAndGet();
        queue.add(() -> {
            Runnable user = d.deliver();
            return () -> {
                try {
                    user.run();
                } finally {
                    undelivered.decrementAndGet();
                }
            };
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitWaiting(int threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (waiting.get() != threads && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(threads, waiting.get(), "threads waiting for a delivery");
    }

    /** Live threads of the Deliveries under test, started ones included (named base, base-2, base-3...). */
    private long liveDeliveryThreads() {
        Matcher first = DELIVERY.matcher(seen.iterator().next().getName());
        assertTrue(first.matches());
        String base = first.group(1);
        return Thread.getAllStackTraces().keySet().stream().filter(t -> {
            Matcher m = DELIVERY.matcher(t.getName());
            return t.isAlive() && m.matches() && m.group(1).equals(base);
        }).count();
    }

    @Test
    void aThreadInTheLibrarysPartIsNotReplaced() throws Exception {
        Deliveries deliveries = new Deliveries(this::next, () -> undelivered.get() == 0);
        deliveries.ensureStarted();
        // The first delivery's user part finds every thread (the only one) in user code: a spare starts.
        CountDownLatch first = new CountDownLatch(1);
        offer(() -> first::countDown);
        await(first);
        awaitWaiting(2);

        // One thread sits in a delivery's library part; the other takes the next delivery and runs its user
        // part. No spare: the first thread is not in user code and will come back.
        CountDownLatch inLibraryPart = new CountDownLatch(1), release = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        offer(() -> {
            inLibraryPart.countDown();
            await(release);
            return () -> {};
        });
        await(inLibraryPart);
        awaitWaiting(1);
        offer(() -> second::countDown);
        await(second);
        awaitWaiting(1);
        assertEquals(2, liveDeliveryThreads(), "threads after a delivery while another was in the library's part");

        // The waiting thread takes a delivery whose user part blocks; then the other thread's user part runs
        // while it is blocked: every thread is in user code, so a spare starts and waits.
        CountDownLatch inUserCode = new CountDownLatch(1), releaseUser = new CountDownLatch(1);
        offer(() -> () -> {
            inUserCode.countDown();
            await(releaseUser);
        });
        await(inUserCode);
        awaitWaiting(0);
        release.countDown(); // the library-part thread runs its (empty) user part, then comes back
        awaitWaiting(2);
        assertEquals(3, liveDeliveryThreads(), "a user part ran while the other thread was blocked in one");

        releaseUser.countDown();
        deliveries.close(() -> queue.add(WAKE));
        assertEquals(0, undelivered.get());
    }
}
