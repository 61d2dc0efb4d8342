// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.DoubleKernels;
import dev.jkernels.KernelPool;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code map(DoubleKernels.SQUARE, in, out)}: the double twin of {@link SquareLongBench}, same sizes and
 * same shape (separate {@code out}, allocated once, input never changes).
 */
@OpInfo(op = "dsquare", bytesPerElement = 16, streamTest = "scale", flopsPerElement = 1)
public class SquareDoubleBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory) per array. */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] in;
    private double[] out;
    private Runnable map;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        in = Inputs.doubles(size, 2);
        out = new double[size];
        map = switch (impl) {
            case Impl.LOOP -> () -> {
                for (int i = 0; i < in.length; i++) {
                    out[i] = in[i] * in[i];
                }
            };
            case Impl.JDK_PARALLEL -> () -> ParallelBlocks.forEach(in.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = in[i] * in[i];
                }
            });
            default -> {
                KernelPool pool = openPool(impl);
                yield () -> pool.map(DoubleKernels.SQUARE, in, out);
            }
        };
        map.run();
        Verify.same(Arrays.stream(in).map(v -> v * v).toArray(), out, impl);
    }

    @Benchmark
    public double[] square() {
        map.run();
        return out;
    }

    @Override
    public void runOnce(Blackhole bh) {
        map.run();
        bh.consume(out);
    }
}
