// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import java.util.function.DoubleSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().variance(double[])}: 8 bytes read per element from memory (jkernels makes its second pass
 * over each 4096-element block while it is in cache), population variance.
 *
 * <p>LOOP is the stable textbook two-pass variance ({@code Loops.twoPassVariance}: the mean, then the squared
 * deviations, each with eight accumulators), which reads the array twice; VECTOR_API the same two passes
 * with the Vector API; JDK_PARALLEL runs both passes on the blocks of a parallel stream. Not the one-pass E[x^2] - E[x]^2, which loses every digit on shifted data.
 * {@code quick} runs the in-cache size only, to stay within its three minutes (the small size's call costs are
 * sum's).
 */
@OpInfo(op = "variance", calibrated = false, bytesPerElement = 8, streamTest = "sum", flopsPerElement = 4,
        quickSizes = {"1048576"})
public class VarianceBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] x;
    private DoubleSupplier variance;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 13);
        variance = switch (impl) {
            case Impl.LOOP -> () -> Loops.twoPassVariance(x, 0, x.length);
            case Impl.VECTOR_API -> () -> VectorApiLoops.variance(x);
            case Impl.JDK_PARALLEL -> () -> {
                double mean = ParallelBlocks.sum(x.length, (from, to) -> Loops.unrolledSum(x, from, to)) / x.length;
                return ParallelBlocks.sum(x.length, (from, to) -> Loops.squaredDeviations(x, from, to, mean)) / x.length;
            };
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.variance(x);
            }
        };
        Verify.close(Loops.twoPassVariance(x, 0, x.length), variance.getAsDouble(), 1e-12, impl);
    }

    @Benchmark
    public double variance() {
        return variance.getAsDouble();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(variance.getAsDouble());
    }
}
