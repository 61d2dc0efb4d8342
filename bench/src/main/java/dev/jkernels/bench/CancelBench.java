// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.KernelFuture;
import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cancel latency: how long after {@code future.cancel(true)} the pool is free again. Each invocation
 * starts from a running job of 400 items of fib(30) (seconds of work; set up untimed, and only once its
 * first items are done), then times {@code cancel} plus a tiny job submitted after it and joined: that job
 * can only run once every worker has left the cancelled one, which each does after finishing the item it
 * was on. So the figure is the hand-off latency plus the rest of one fib(30) item (a few milliseconds
 * natively), not the seconds the job had left. Single-shot: each measurement is one cancel.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 30)
public class CancelBench extends KernelBench {
    @Param({Impl.NATIVE_N, Impl.JAVA_N})
    public String impl;

    private final long[] longJob = new long[400];
    private final long[] tinyJob = {3};
    private KernelPool pool;
    private KernelFuture<long[]> running;

    @Setup(Level.Trial)
    public void openTheTrialsPool() {
        Arrays.fill(longJob, 30);
        pool = openPool(impl);
    }

    @Setup(Level.Iteration)
    public void startALongJob() throws InterruptedException {
        running = pool.submit(LongKernels.FIB, longJob);
        while (running.progress().done() == 0) {
            Thread.sleep(1);
        }
    }

    @Benchmark
    public long cancelThenRunATinyJob() {
        running.cancel(true);
        return pool.submit(LongKernels.SQUARE, tinyJob).join()[0];
    }
}
