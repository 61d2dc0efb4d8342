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
 * {@code vectors().sum(float[])}: 4 bytes read per element, each float widened to double and added in
 * jkernels' pairwise order, the total rounded to float once.
 *
 * <p>LOOP is what most code writes, {@code float s += x[i]}: a different, far less accurate algorithm (10^7
 * copies of 0.1f end 9% off), kept as the naive reference. UNROLLED is the same algorithm class as jkernels:
 * eight double accumulators, the total rounded to float; VECTOR_API the same with the Vector API (floats
 * widened a vector at a time); JDK_PARALLEL runs UNROLLED on blocks of a parallel stream.
 */
@OpInfo(op = "fsum", calibrated = false, bytesPerElement = 4, streamTest = "sum", flopsPerElement = 1)
public class FloatSumBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.UNROLLED, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N,
            Impl.AUTO_N})
    public String impl;

    /** Elements: 4 MiB (in L3) and 64 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private float[] x;
    private DoubleSupplier sum;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        double[] d = Inputs.doubles(size, 11);
        x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) d[i];
        }
        sum = switch (impl) {
            case Impl.LOOP -> () -> Loops.naiveSum(x, 0, x.length);
            case Impl.UNROLLED -> () -> (float) Loops.unrolledSum(x, 0, x.length);
            case Impl.VECTOR_API -> () -> VectorApiLoops.floatSum(x);
            case Impl.JDK_PARALLEL -> () -> (float) ParallelBlocks.sum(x.length, (from, to) -> Loops.unrolledSum(x, from, to));
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.sum(x);
            }
        };
        Verify.close(Loops.unrolledSum(x, 0, x.length), sum.getAsDouble(), impl.equals(Impl.LOOP) ? 1e-2 : 1e-6, impl);
    }

    @Benchmark
    public double sum() {
        return sum.getAsDouble();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(sum.getAsDouble());
    }
}
