// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code map(LongKernels.SQUARE, in, out)}: one multiply per 16 bytes moved, so beyond the caches it
 * measures memory bandwidth, and at small sizes the fixed cost of a call. Writes into a separate
 * {@code out}, allocated once, so the input never changes and no allocation is timed. LOOP is the plain
 * loop, which C2 vectorizes (so it is also the best sequential Java); JDK_PARALLEL runs it on blocks
 * ({@link ParallelBlocks}). No FLOPs (integer multiplies): the report gives GB/s, and elements per second.
 */
@OpInfo(op = "square", bytesPerElement = 16, streamTest = "scale")
public class SquareLongBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory) per array. */
    @Param({"1048576", "16777216"})
    public int size;

    private long[] in;
    private long[] out;
    private Runnable map;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        in = Inputs.longs(size, 1);
        out = new long[size];
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
                yield () -> pool.map(LongKernels.SQUARE, in, out);
            }
        };
        map.run();
        Verify.same(Arrays.stream(in).map(v -> v * v).toArray(), out, impl);
    }

    @Benchmark
    public long[] square() {
        map.run();
        return out;
    }

    @Override
    public void runOnce(Blackhole bh) {
        map.run();
        bh.consume(out);
    }
}
