package dev.jkernels;

import dev.jkernels.internal.AsyncJob;
import dev.jkernels.internal.Completions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The result of an asynchronous {@link KernelPool} call: a {@link CompletableFuture} that also reports
 * {@linkplain #progress() progress} and stops the work when it is completed early.
 *
 * <p><b>Where completions run.</b> The pool completes the future from its <em>completion thread</em>, a Java
 * daemon thread the pool owns (named {@code jkernels-completion-N}), never from a worker: dependent stages
 * added with non-async methods ({@code thenApply}, {@code whenComplete}, ...) run there, and delay the
 * delivery of the pool's other results while they run. Keep them short, or use the {@code ...Async}
 * methods, or pass an {@link Executor} to the submitting method and the future is completed on it. Blocking
 * on a jkernels future ({@link #get()}, {@link #join()}) from the completion thread would wait for itself,
 * so it throws {@link IllegalStateException} instead of hanging; so do {@link MapJob}'s waits and the pool's
 * {@code close()}. Futures the JDK makes ({@code CompletableFuture.allOf(...)}) cannot refuse: do not
 * block on them there either.
 *
 * <p><b>Stopping early.</b> {@link #cancel(boolean) cancel}, {@link #orTimeout orTimeout}, and completing
 * the future by hand all stop the job: chunks not started yet never run, chunks already running finish
 * (workers check between chunks), the job's memory is freed and the pool stays healthy. The
 * {@code mayInterruptIfRunning} flag makes no difference: native work is never interrupted mid-chunk.
 *
 * @param <T> the result type
 */
public final class KernelFuture<T> extends CompletableFuture<T> {
    private final long total;
    private volatile AsyncJob job; // null for dependent stages, and until the job has started
    /** Makes "copy the result into the caller's array, then complete" atomic against early completion. */
    private final Object settle = new Object();

    KernelFuture(long total) {
        this.total = total;
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
        if (isDone() && !isCompletedExceptionally()) {
            return new Progress(total, total);
        }
        return new Progress(j == null ? 0 : Math.min(total, j.done()), total);
    }

    /** Completes from the pool (bypasses the early-completion hook). */
    void deliver(T value, Throwable failure, Executor executor) {
        Runnable completion = failure == null ? () -> super.complete(value) : () -> super.completeExceptionally(failure);
        if (executor == null) {
            completion.run();
            return;
        }
        try {
            executor.execute(completion);
        } catch (RuntimeException e) { // rejected: the caller's executor is shut down, say
            super.completeExceptionally(e);
        }
    }

    /**
     * Runs {@code publish} (copying a result into the caller's array) and completes with {@code value}, unless
     * the future was completed first (cancelled, timed out): then nothing is published.
     */
    void deliverAfter(Runnable publish, T value) {
        synchronized (settle) {
            if (isDone()) {
                return;
            }
            publish.run();
            super.complete(value);
        }
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
        boolean completed;
        synchronized (settle) {
            completed = super.complete(value);
        }
        return stopJobIf(completed);
    }

    /**
     * Completes the future exceptionally (this is what {@link #orTimeout} does) and stops the job.
     *
     * @return true if this call completed the future
     */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        boolean completed;
        synchronized (settle) {
            completed = super.completeExceptionally(ex);
        }
        return stopJobIf(completed);
    }

    /**
     * Cancels the future and stops the job; see the class comment.
     *
     * @return true if this call cancelled the future
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled;
        synchronized (settle) {
            cancelled = super.cancel(mayInterruptIfRunning);
        }
        return stopJobIf(cancelled);
    }

    /** @throws IllegalStateException if called on the pool's completion thread before the result is there */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        refuseSelfWait();
        return super.get();
    }

    /** @throws IllegalStateException if called on the pool's completion thread before the result is there */
    @Override
    public T join() {
        refuseSelfWait();
        return super.join();
    }

    private void refuseSelfWait() {
        if (!isDone() && Completions.onCompletionThread()) {
            throw new IllegalStateException("blocking on a jkernels future from the pool's completion thread would "
                    + "wait forever: use the ...Async stages, or submit with an Executor");
        }
    }

    /** Dependent stages are KernelFutures too, so blocking on them is refused the same way. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new KernelFuture<>(0);
    }
}
