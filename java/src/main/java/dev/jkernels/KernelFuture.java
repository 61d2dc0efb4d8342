// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.AsyncJob;
import dev.jkernels.internal.Engine;
import dev.jkernels.internal.Spin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The result of an asynchronous {@link KernelPool} call: a {@link CompletableFuture} that also reports
 * {@linkplain #progress() progress} and stops the work when it is completed early.
 *
 * <p><b>Where completions run.</b> The pool completes the future from one of its <em>delivery
 * threads</em>, Java daemon threads the pool owns (named {@code jkernels-completion-N}), never from a worker:
 * dependent stages added with non-async methods ({@code thenApply}, {@code whenComplete}, ...) run there.
 * They may take their time, and may even block or wait for other jkernels futures: before a delivery
 * thread runs one, it makes sure another thread goes on delivering the pool's other jobs, so a slow stage
 * delays no other job. Pass an {@link Executor} to the submitting method to have the future completed
 * there instead. Closing a pool from one of its own delivery threads would wait for itself, so
 * {@link KernelPool#close()} and {@link KernelPool#shutdownNow()} throw {@link IllegalStateException} there;
 * a pool's close does not wait for a stage still running on its delivery threads.
 *
 * <p><b>Stopping early.</b> {@link #cancel(boolean) cancel}, {@link #orTimeout orTimeout}, and completing
 * the future by hand all stop the job: chunks not started yet never run, chunks already running finish
 * (workers check between chunks), the job's memory is freed and the pool stays healthy, and the arrays the
 * call writes are left untouched. Once the pool has begun delivering the result (copying it into those
 * arrays), the future can no longer be completed otherwise: {@code cancel} and {@code complete} then
 * return false. The {@code mayInterruptIfRunning} flag makes no difference: native work is never
 * interrupted mid-chunk.
 *
 * <p><b>Waiting.</b> {@link #get()}, {@link #get(long, TimeUnit)} and {@link #join()} on a future a
 * {@code submit} method returned first poll for as long as the pool's idle workers did when the call was
 * submitted ({@link KernelPool.Builder#spinMicros}, 50 microseconds by default, none while the pool has
 * more threads than there are CPUs), then park as any {@code CompletableFuture} does: waking a parked
 * thread costs about as much as a small job, so a short job's caller would otherwise wait longer for the
 * wake-up than for the work. A timed {@code get} polls no longer than its timeout, and an interrupt ends
 * the poll. Dependent stages, and the future of a {@link MapJob}, do not poll.
 *
 * @param <T> the result type
 */
public final class KernelFuture<T> extends CompletableFuture<T> {
    private volatile AsyncJob job; // null for dependent stages, and until the job has started
    /** Makes "copy the result into the caller's arrays, then complete" atomic against early completion. */
    private final Object settleLock = new Object();
    private boolean settling; // guarded by settleLock: the pool is delivering; nothing else may complete it
    private final long pollNanos; // how long get and join poll before they park

    /** A dependent stage: waits without polling. */
    KernelFuture() {
        this(0);
    }

    /** @param pollNanos how long get and join poll before they park (the pool's spin time) */
    KernelFuture(long pollNanos) {
        this.pollNanos = Math.max(0, pollNanos);
    }

    /** Binds the started job; if the future was completed meanwhile (cancelled, say), stops the job at once. */
    void bind(AsyncJob job) {
        this.job = job;
        if (isDone()) {
            job.cancel();
        }
    }

    /**
     * The job's progress.
     *
     * @return items done out of items in all; dependent stages (from {@code thenApply} and the like) have no
     *     job of their own and report 0 of 0
     */
    public Progress progress() {
        AsyncJob j = job;
        if (j == null) {
            return new Progress(0, 0);
        }
        long total = j.total();
        if (isDone() && !isCompletedExceptionally()) {
            return new Progress(total, total);
        }
        return new Progress(Math.min(total, j.done()), total);
    }

    /**
     * The pool's delivery: unless the future was completed first (cancelled, timed out), runs
     * {@code publish} (copying the result into the caller's arrays; may be null) and returns what completes
     * the future, to be run outside every lock (it runs user code: dependent stages). Once this has
     * published, nothing else can complete the future.
     */
    Runnable settle(Runnable publish, T value, Throwable failure, Executor executor) {
        return failure == null ? settleWith(publish, () -> value, executor) : settleFailed(failure, executor);
    }

    /**
     * {@link #settle} of a success whose value is made once {@code publish} has run (a result computed from the
     * output the job wrote into the caller's arrays); if making it throws, the future fails with that.
     */
    Runnable settleWith(Runnable publish, Supplier<? extends T> value, Executor executor) {
        synchronized (settleLock) {
            if (isDone() || settling) {
                return () -> {};
            }
            if (publish != null) {
                publish.run();
            }
            settling = true;
        }
        // settling: nothing else completes the future now, so the value is made outside the lock
        try {
            return completion(value.get(), null, executor);
        } catch (RuntimeException | Error e) {
            return completion(null, e, executor);
        }
    }

    private Runnable settleFailed(Throwable failure, Executor executor) {
        synchronized (settleLock) {
            if (isDone() || settling) {
                return () -> {};
            }
            settling = true;
        }
        return completion(null, failure, executor);
    }

    /** What completes the future with a value (failure null) or a failure, run by the executor if there is one. */
    private Runnable completion(T value, Throwable failure, Executor executor) {
        Runnable completion = failure == null ? () -> super.complete(value) : () -> super.completeExceptionally(failure);
        if (executor == null) { // completed on the delivery thread: closing waits until it is done
            return new Engine.Settling() {
                @Override
                public void run() {
                    completion.run();
                }

                @Override
                public boolean settled() {
                    return isDone();
                }
            };
        }
        return () -> {
            try {
                executor.execute(completion);
            } catch (RuntimeException e) { // rejected: the caller's executor is shut down, say
                super.completeExceptionally(e);
            }
        };
    }

    private boolean stopJobIf(boolean completedNow) {
        AsyncJob j = job;
        if (completedNow && j != null) {
            j.cancel();
        }
        return completedNow;
    }

    /**
     * Completes the future with {@code value} and stops the job if it was still running.
     *
     * @return true if this call completed the future
     */
    @Override
    public boolean complete(T value) {
        synchronized (settleLock) {
            if (settling) {
                return false;
            }
            settling = true; // the pool's delivery will find the future taken
        }
        return stopJobIf(super.complete(value));
    }

    /**
     * Completes the future exceptionally (this is what {@link #orTimeout} does) and stops the job.
     *
     * @return true if this call completed the future
     */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        synchronized (settleLock) {
            if (settling) {
                return false;
            }
            settling = true;
        }
        return stopJobIf(super.completeExceptionally(ex));
    }

    /**
     * Cancels the future and stops the job; see the class comment.
     *
     * @return true if this call cancelled the future
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        synchronized (settleLock) {
            if (settling) {
                return false;
            }
            settling = true;
        }
        return stopJobIf(super.cancel(mayInterruptIfRunning));
    }

    /** Waits for the result, polling first (see the class comment). */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        pollUntilDone(pollNanos);
        return super.get();
    }

    /** Waits up to the timeout for the result, polling first for at most that long (see the class comment). */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long total = unit.toNanos(timeout);
        pollUntilDone(Math.min(pollNanos, total));
        return super.get(Math.max(0, total - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    }

    /** Waits for the result, polling first (see the class comment). */
    @Override
    public T join() {
        pollUntilDone(pollNanos);
        return super.join();
    }

    /**
     * Polls isDone for up to {@code nanos}, as the pool's idle workers do. An interrupt ends the poll; the
     * wait that follows reports it.
     */
    private void pollUntilDone(long nanos) {
        Spin.until(() -> isDone() || Thread.currentThread().isInterrupted(), nanos);
    }

    /** Dependent stages are KernelFutures too (without a job of their own). */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new KernelFuture<>();
    }
}
