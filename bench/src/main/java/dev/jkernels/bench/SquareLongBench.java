package dev.jkernels.bench;

import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code map(LongKernels.SQUARE, in, out)}: one multiply per 16 bytes moved, so beyond the caches it
 * measures memory bandwidth, and at small sizes the fixed cost of a call. Writes into a separate
 * {@code out}, allocated once, so the input never changes and no allocation is timed.
 */
@OpInfo(op = "square")
public class SquareLongBench extends KernelBench {
    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 128 B, 8 KiB (L1), 512 KiB (L2), 8 MiB (L3), 128 MiB (memory) per array. */
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    public int size;

    private long[] in;
    private long[] out;
    private Runnable map;

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
            case Impl.JDK_PARALLEL -> () -> Arrays.parallelSetAll(out, i -> in[i] * in[i]);
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
}
