// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Submit-to-completion latency of a tiny job: {@code pool.submit(SQUARE, {x}).join()}, one element, so the
 * time is all hand-off: copying in, queueing, waking a worker, the completion thread's wake-up, copying
 * out, completing the future and waking the caller. Rows:
 * <ul>
 *   <li>{@code SYNC_NATIVE_N}: the synchronous {@code map} of the same element, for scale (one cheap chunk
 *       runs on the calling thread, no hand-off).</li>
 *   <li>{@code SUBMIT_NATIVE_N}, {@code SUBMIT_JAVA_N}: {@code submit(...).join()} on that backend at N
 *       threads. (No AUTO row: AUTO sends every asynchronous call to the native pool, so it would repeat
 *       SUBMIT_NATIVE_N.)</li>
 *   <li>{@code JDK_EXECUTOR}: {@code CompletableFuture.supplyAsync(() -> x * x, executor).join()} on a fixed
 *       pool of N threads, all started before timing: the JDK's own hand-off, set up fairly. Not the common
 *       pool: with 2 CPUs on JDK 17 its parallelism is 1, and {@code supplyAsync} then starts a new thread
 *       per call.</li>
 * </ul>
 * Run with {@code -bm sample} to see the latency distribution (an average hides the median behind a few
 * slow wake-ups).
 */
public class AsyncBench extends KernelBench {
    static final String SYNC_NATIVE_N = "SYNC_NATIVE_N";
    static final String SUBMIT_NATIVE_N = "SUBMIT_NATIVE_N";
    static final String SUBMIT_JAVA_N = "SUBMIT_JAVA_N";
    static final String JDK_EXECUTOR = "JDK_EXECUTOR";

    @Param({SYNC_NATIVE_N, SUBMIT_NATIVE_N, SUBMIT_JAVA_N, JDK_EXECUTOR})
    public String impl;

    private final long[] one = {12345};
    private LongSupplier call;

    @Setup(Level.Trial)
    public void setUp() {
        call = switch (impl) {
            case SYNC_NATIVE_N -> {
                KernelPool pool = openPool(Impl.NATIVE_N);
                yield () -> pool.map(LongKernels.SQUARE, one)[0];
            }
            case SUBMIT_NATIVE_N -> submitting(openPool(Impl.NATIVE_N));
            case SUBMIT_JAVA_N -> submitting(openPool(Impl.JAVA_N));
            case JDK_EXECUTOR -> {
                ExecutorService executor = startedExecutor(KernelPool.availableCpus());
                yield () -> CompletableFuture.supplyAsync(() -> one[0] * one[0], executor).join();
            }
            default -> throw new IllegalArgumentException("AsyncBench has no implementation named " + impl);
        };
        if (call.getAsLong() != 12345L * 12345L) {
            throw new IllegalStateException(impl + " computed a wrong square");
        }
    }

    private LongSupplier submitting(KernelPool pool) {
        return () -> pool.submit(LongKernels.SQUARE, one).join()[0];
    }

    private ExecutorService startedExecutor(int threads) {
        ThreadPoolExecutor executor = (ThreadPoolExecutor) Executors.newFixedThreadPool(threads);
        executor.prestartAllCoreThreads();
        closeLater(() -> {
            executor.shutdown();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the JDK executor did not stop");
            }
        });
        return executor;
    }

    @Benchmark
    public long tinyJob() {
        return call.getAsLong();
    }
}
