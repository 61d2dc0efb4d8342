// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.internal.AsyncJob;
import dev.jkernels.internal.Failures;
import dev.jkernels.internal.Outcome;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A MapJob whose parts could not all be started (the pool's start failed half-way, with
 * {@link MapJob#partsNotStarted}): the parts already started are cancelled, and once they are over the
 * future fails with the start's exception and the iteration ends. Unit tests with fake parts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MapJobStartFailureTest {
    /** A started part that records its cancels. */
    static final class FakePart implements AsyncJob {
        int cancels;
        boolean over;

        @Override
        public synchronized boolean cancel() {
            cancels++;
            return !over;
        }

        @Override
        public long done() {
            return 0;
        }

        @Override
        public long total() {
            return 1;
        }
    }

    private static MapJob<long[], LongResult> job(long[] out) {
        return new MapJob<>("LongKernels.FIB", out, OnItemFailure.CONTINUE, new MapJob.Items<>() {
            public LongResult result(int index) {
                return new LongResult(index, out[index], null);
            }

            public LongResult failure(int index, RuntimeException failure) {
                return new LongResult(index, 0, failure);
            }

            public String input(int index) {
                return "x" + index;
            }
        });
    }

    private static Outcome ranToEnd() {
        return new Outcome(Failures.OK, 0, -1, new long[0], null, () -> {});
    }

    private static Outcome cancelled() {
        return new Outcome(Failures.CANCELLED, 0, -1, new long[0], null, () -> {});
    }

    @Test
    void startedPartsAreCancelledAndTheFutureFailsWithTheStartsExceptionOnceTheyAreOver() throws Exception {
        long[] out = {11, 12, 13, 14};
        MapJob<long[], LongResult> job = job(out);
        FakePart p0 = new FakePart(), p1 = new FakePart();
        job.expectParts(4);
        job.addPart(p0);
        job.addPart(p1);
        OutOfMemoryError cause = new OutOfMemoryError("no native memory for part 2");
        job.partsNotStarted(2, cause);

        assertTrue(p0.cancels > 0 && p1.cancels > 0, "the started parts are cancelled: " + p0.cancels + ", " + p1.cancels);
        assertFalse(job.future().isDone(), "not before the started parts are over (their memory is still in use)");
        assertNull(job.poll(1, TimeUnit.MILLISECONDS), "nothing finished yet");

        p0.over = true;
        job.partFinished(0, 1, ranToEnd()).run(); // its chunk had started: it ran to its end
        assertFalse(job.future().isDone(), "part 1 is not over yet");
        p1.over = true;
        job.partFinished(1, 1, cancelled()).run();

        assertTrue(job.future().isCompletedExceptionally());
        ExecutionException e = assertThrows(ExecutionException.class, () -> job.future().get(1, TimeUnit.SECONDS));
        assertSame(cause, e.getCause(), "the future fails with the start's own exception");
        LongResult first = job.poll(1, TimeUnit.SECONDS);
        assertEquals(new LongResult(0, 11, null), first, "the part that ran is reported");
        assertNull(job.poll(1, TimeUnit.SECONDS), "then the iteration ends");
        assertFalse(job.iterator().hasNext(), "a blocking iteration ends too");
    }

    @Test
    void whenNoPartStartedTheFutureFailsAtOnce() throws Exception {
        MapJob<long[], LongResult> job = job(new long[5]);
        job.expectParts(3);
        IllegalStateException cause = new IllegalStateException("this KernelPool is closed");
        job.partsNotStarted(3, cause);
        ExecutionException e = assertThrows(ExecutionException.class, () -> job.future().get(1, TimeUnit.SECONDS));
        assertSame(cause, e.getCause());
        assertFalse(job.iterator().hasNext());
    }

    @Test
    void aStartedPartThatFinishesBeforeTheFailureIsReportedStillCounts() throws Exception {
        long[] out = {7, 8, 9};
        MapJob<long[], LongResult> job = job(out);
        FakePart p0 = new FakePart();
        job.expectParts(3);
        job.addPart(p0);
        p0.over = true;
        job.partFinished(0, 1, ranToEnd()).run(); // done before part 1 failed to start
        assertFalse(job.future().isDone());
        IllegalArgumentException cause = new IllegalArgumentException("boom");
        job.partsNotStarted(2, cause);
        ExecutionException e = assertThrows(ExecutionException.class, () -> job.future().get(1, TimeUnit.SECONDS));
        assertSame(cause, e.getCause());
        assertEquals(new LongResult(0, 7, null), job.poll(1, TimeUnit.SECONDS));
        assertNull(job.poll(1, TimeUnit.SECONDS));
    }
}
