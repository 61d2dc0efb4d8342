// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.AsyncJob;
import dev.jkernels.internal.Outcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A map whose items can be consumed as they finish, the counterpart of Python's
 * {@code concurrent.futures.as_completed} and {@code Pool.imap_unordered}: start one with
 * {@link KernelPool#start(LongKernel, long[], OnItemFailure)}.
 *
 * <pre>{@code
 * MapJob<long[], LongResult> job = pool.start(LongKernels.FIB, xs, OnItemFailure.CONTINUE);
 * for (LongResult r : job) {                 // blocks for the next finished item, in finishing order
 *     if (r.failed()) log(r.index(), r.failure()); else use(r.index(), r.value());
 * }
 * long[] all = job.future().join();          // or wait for everything at once
 * }</pre>
 *
 * <p><b>Why a blocking iterator.</b> It is what {@code as_completed} is, reads as a plain loop, delivers
 * failures to the consumer's own thread, and runs no user code on a library thread; a callback or a
 * {@code Flow.Publisher} would run the consumer on the pool's delivery threads. Each result is queued
 * once: iterate from one thread, once. {@link #poll(long, TimeUnit)} waits with a timeout instead.
 *
 * <p><b>Granularity.</b> Items are split into parts that are jobs of their own: one item per part for
 * costly kernels (fib), 16 Ki items for cheap ones, so a part's results arrive together.
 *
 * <p><b>Failures</b> are per item: the failed item's result carries an {@link ItemFailureException} naming
 * its index and value. With {@link OnItemFailure#CONTINUE} every other item runs; with
 * {@link OnItemFailure#CANCEL_REST} parts not started yet are cancelled and never reported. Either way the
 * {@link #future()} then fails with an {@link ItemFailureException} listing the failed indices. Inputs are
 * <em>not</em> checked up front, unlike {@link KernelPool#map(LongKernel, long[])}.
 *
 * <p>The iterator ends once every part has finished or been cancelled. Waiting in it when the thread is
 * interrupted throws {@link CancellationException} with the interrupt flag kept. A part whose items have
 * all started when the job is cancelled (or, with CANCEL_REST, when an item fails) still runs to its end and
 * is reported. If parts were cancelled (by {@link #cancel()}, the future's cancel, or
 * {@link KernelPool#shutdownNow()}) and no item failed, the future fails with a
 * {@link CancellationException}: it never completes with missing results.
 *
 * @param <A> the array type of the whole result: {@code long[]} or {@code double[]}
 * @param <R> one item's result: {@link LongResult} or {@link DoubleResult}
 */
public final class MapJob<A, R> implements Iterable<R> {
    private static final Object END = new Object();

    /** How one kernel type's results are reported, read from the whole output once a part is published. */
    interface Items<R> {
        R result(int index);

        R failure(int index, RuntimeException failure);

        /** The input value at index, for messages. */
        String input(int index);
    }

    private final String kernelName;
    private final OnItemFailure policy;
    private final Items<R> items;
    private final A out;
    private final int n;
    private final KernelFuture<A> future;
    private final LinkedBlockingQueue<Object> results = new LinkedBlockingQueue<>();
    private final List<AsyncJob> parts = new ArrayList<>(); // guarded by this
    private final List<Long> failed = new ArrayList<>(); // guarded by this
    private int unfinishedParts; // guarded by this
    private boolean partCancelled; // guarded by this: some items were never run
    private Throwable partFailure; // guarded by this: a part failed as a whole (out of memory, say)
    private Throwable startFailure; // guarded by this: starting the parts failed
    private boolean iterated;

    MapJob(String kernelName, A out, OnItemFailure policy, Items<R> items) {
        this.kernelName = kernelName;
        this.policy = policy;
        this.items = items;
        this.out = out;
        this.n = java.lang.reflect.Array.getLength(out);
        this.future = new KernelFuture<>();
        this.future.bind(new AsyncJob() {
            @Override
            public boolean cancel() {
                return cancelParts();
            }

            @Override
            public long done() {
                return doneItems();
            }

            @Override
            public long total() {
                return n;
            }
        });
    }

    /** Called by the pool before any part starts, with the number of parts. */
    void expectParts(int count) {
        Runnable delivery;
        synchronized (this) {
            unfinishedParts = count;
            delivery = finishIfLast();
        }
        delivery.run();
    }

    synchronized void addPart(AsyncJob part) {
        parts.add(part);
        if (future.isDone() || (policy == OnItemFailure.CANCEL_REST && !failed.isEmpty())) {
            part.cancel(); // cancelled, or an item failed, while parts were still being started
        }
    }

    /**
     * Starting the parts failed ({@code cause}) with {@code count} of them not started: the started ones are
     * cancelled, and the future fails with the cause once they are over.
     */
    void partsNotStarted(int count, Throwable cause) {
        Runnable delivery;
        synchronized (this) {
            startFailure = cause;
            parts.forEach(AsyncJob::cancel);
            unfinishedParts -= count;
            delivery = finishIfLast();
        }
        delivery.run();
    }

    /**
     * A part [from, from + length) finished; runs on a delivery thread while the part's memory is there.
     * Publishes its values into the whole output, queues its items' results, and returns what completes the
     * future if it was the last part (to run outside every lock).
     */
    Runnable partFinished(int from, int length, Outcome outcome) {
        synchronized (this) {
            try {
                recordItems(from, length, outcome);
            } finally {
                unfinishedParts--; // even if reporting failed (out of memory, say): the iteration must end
            }
            return finishIfLast();
        }
    }

    private void recordItems(int from, int length, Outcome outcome) {
        if (outcome.ranToEnd(true)) {
            outcome.publish().run();
            int next = 0;
            long[] bad = outcome.failedItems();
            for (int i = 0; i < length; i++) {
                if (next < bad.length && bad[next] == i) {
                    next++;
                    itemFailed(from + i);
                } else {
                    results.add(items.result(from + i));
                }
            }
        } else if (outcome.status() == dev.jkernels.internal.Failures.CANCELLED && outcome.failure() == null) {
            partCancelled = true; // its items are not reported
        } else {
            partFailure = partFailure != null ? partFailure : outcome.failure(); // reported as is, not as a domain error
            for (int i = 0; i < length; i++) { // the part failed as a whole (out of memory, say): say why
                results.add(items.failure(from + i, ItemFailureException.forPart(kernelName, from + i, outcome)));
            }
            if (partFailure == null) {
                partFailure = ItemFailureException.forPart(kernelName, from, outcome);
            }
        }
        if ((!failed.isEmpty() || partFailure != null) && policy == OnItemFailure.CANCEL_REST) {
            parts.forEach(AsyncJob::cancel);
        }
    }

    private void itemFailed(int index) {
        failed.add((long) index);
        results.add(items.failure(index, ItemFailureException.forItems(kernelName, new long[] {index}, i -> items.input((int) i))));
    }

    /** Once no part is left: ends the iteration and returns how to complete the future. */
    private Runnable finishIfLast() {
        if (unfinishedParts > 0) {
            return () -> {};
        }
        results.add(END);
        Throwable failure;
        if (!failed.isEmpty()) {
            long[] indices = failed.stream().mapToLong(Long::longValue).sorted().toArray();
            failure = ItemFailureException.forItems(kernelName, indices, i -> items.input((int) i));
        } else if (partFailure != null) {
            failure = partFailure;
        } else if (startFailure != null) {
            failure = startFailure;
        } else if (partCancelled) {
            failure = new CancellationException("the job was cancelled before all its items ran");
        } else {
            return future.settle(null, out, null, null);
        }
        return future.settle(null, null, failure, null);
    }

    private synchronized boolean cancelParts() {
        boolean any = false;
        for (AsyncJob part : parts) {
            any |= part.cancel();
        }
        return any;
    }

    private synchronized long doneItems() {
        return parts.stream().mapToLong(AsyncJob::done).sum();
    }

    /**
     * The whole result: completes with every item's value once all finished, or fails with an
     * {@link ItemFailureException} if any item failed (or a {@link CancellationException} if items were
     * cancelled); cancelling it cancels the job.
     *
     * @return the job's future
     */
    public KernelFuture<A> future() {
        return future;
    }

    /**
     * Items finished so far.
     *
     * @return done out of the job's items
     */
    public Progress progress() {
        return future.progress();
    }

    /**
     * Cancels the items not started yet; the iterator then ends after the items already finished.
     *
     * @return true if the job had not finished
     */
    public boolean cancel() {
        return future.cancel(true);
    }

    /**
     * The next finished item, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @param unit the timeout's unit
     * @return the next item, or null if none finished in time or every item has been reported
     * @throws InterruptedException if interrupted while waiting
     */
    public R poll(long timeout, TimeUnit unit) throws InterruptedException {
        Object next = results.poll(timeout, unit);
        if (next == END) {
            results.add(END); // keep the end visible to later calls
            return null;
        }
        @SuppressWarnings("unchecked")
        R r = (R) next;
        return r;
    }

    /**
     * The items in the order they finish; blocks for each. Single use.
     *
     * @return an iterator over every item's result
     * @throws IllegalStateException if called a second time
     */
    @Override
    public synchronized Iterator<R> iterator() {
        if (iterated) {
            throw new IllegalStateException("a MapJob's results can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = results.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted while waiting for the next result");
                    }
                    if (next == END) {
                        results.add(END);
                    }
                }
                return next != END;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                @SuppressWarnings("unchecked")
                R r = (R) next;
                next = null;
                return r;
            }
        };
    }
}
