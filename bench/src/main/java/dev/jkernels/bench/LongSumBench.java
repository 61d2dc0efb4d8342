// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().sum(long[])}: 8 bytes read per element, wrapping like Java's {@code +}, so every order
 * gives the same answer and C2 vectorizes the plain loop (no UNROLLED row). The {@code int[]} sum is the same
 * kernel shape on half the bytes (not benchmarked apart: the budget of {@code full}). {@code quick} runs the
 * in-cache size only (its three-minute budget).
 *
 * <p>LOOP is {@code s += x[i]}; VECTOR_API four {@code LongVector} accumulators; JDK_PARALLEL
 * {@code Arrays.stream(x).parallel().sum()}.
 */
@OpInfo(op = "lsum", calibrated = false, bytesPerElement = 8, streamTest = "sum", quickSizes = {"1048576"})
public class LongSumBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private long[] x;
    private LongSupplier sum;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.longs(size, 19);
        sum = switch (impl) {
            case Impl.LOOP -> () -> Loops.sum(x, 0, x.length);
            case Impl.VECTOR_API -> () -> VectorApiLoops.longSum(x);
            case Impl.JDK_PARALLEL -> () -> Arrays.stream(x).parallel().sum();
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.sum(x);
            }
        };
        long expected = Loops.sum(x, 0, x.length);
        if (sum.getAsLong() != expected) {
            throw new IllegalStateException(impl + " computed a wrong result");
        }
    }

    @Benchmark
    public long sum() {
        return sum.getAsLong();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(sum.getAsLong());
    }
}
