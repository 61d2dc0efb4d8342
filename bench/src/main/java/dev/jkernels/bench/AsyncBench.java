package dev.jkernels.bench;

import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import java.util.concurrent.CompletableFuture;
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
 *   <li>{@code SYNC_*}: the synchronous {@code map} of the same element, for scale (one cheap chunk runs on
 *       the calling thread, no hand-off).</li>
 *   <li>{@code SUBMIT_*}: {@code submit(...).join()} on that backend at N threads.</li>
 *   <li>{@code JDK_SUPPLY_ASYNC}: {@code CompletableFuture.supplyAsync(() -> x * x).join()} on the common
 *       pool, the JDK's own hand-off, as the peer.</li>
 * </ul>
 * Run with {@code -bm sample} to see the latency distribution (the closing figures quote its median).
 */
public class AsyncBench extends KernelBench {
    @Param({"SYNC_NATIVE_N", "SUBMIT_NATIVE_N", "SUBMIT_JAVA_N", "SUBMIT_AUTO_N", "JDK_SUPPLY_ASYNC"})
    public String impl;

    private final long[] one = {12345};
    private LongSupplier call;

    @Setup(Level.Trial)
    public void setUp() {
        if (impl.equals("JDK_SUPPLY_ASYNC")) {
            call = () -> CompletableFuture.supplyAsync(() -> one[0] * one[0]).join();
        } else {
            KernelPool pool = openPool(impl.substring(impl.indexOf('_') + 1));
            call = impl.startsWith("SYNC_") ? () -> pool.map(LongKernels.SQUARE, one)[0]
                    : () -> pool.submit(LongKernels.SQUARE, one).join()[0];
        }
        if (call.getAsLong() != 12345L * 12345L) {
            throw new IllegalStateException(impl + " computed a wrong square");
        }
    }

    @Benchmark
    public long tinyJob() {
        return call.getAsLong();
    }
}
