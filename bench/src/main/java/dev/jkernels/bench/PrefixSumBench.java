// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().prefixSum(double[])}, the inclusive prefix sum in place: 16 bytes moved per element (one
 * read, one write in place; jkernels reads a 256 KiB chunk a second time, from cache, where the chunk's
 * carry was not known when it started).
 *
 * <p>A prefix sum feeds on its own output, so every call starts from the same input: {@link #restore}
 * copies it back before each invocation, outside the timed call (Level.Invocation: a
 * call takes 0.1 ms or more at these sizes, far above the per-invocation cost); then, at the memory-bound
 * size, reads a 64 MiB buffer, so the copy's dirty lines are written back before the clock starts rather
 * than during the call. The restore outlasts the pools' 50 µs spin, so the parallel rows (JDK_PARALLEL,
 * JAVA_N, NATIVE_N, AUTO_N) pay their workers' wake-up (microseconds) on every call, as any call after a
 * pause does; the single-threaded rows have nothing to wake. {@code quick} runs the in-cache size only: a
 * per-invocation setup would weigh on a call of a microsecond.
 *
 * <p>LOOP is {@code x[i] += x[i - 1]} (add-latency bound; nothing to unroll: every element waits for the one
 * before it); VECTOR_API scans a vector at a time by shifted adds; JDK_PARALLEL is
 * {@code Arrays.parallelPrefix(x, Double::sum)}, the JDK's own parallel scan. No BLAS has a scan.
 */
@OpInfo(op = "prefixSum", calibrated = false, restoresInput = true, bytesPerElement = 16, streamTest = "update",
        flopsPerElement = 1, quickSizes = {"1048576"})
public class PrefixSumBench extends KernelBench implements Workload {
    /** Past the 32 MiB L3: the restored array's lines must leave the caches before the timed call. */
    private static final int EVICT_DOUBLES = 8 << 20;

    @Param({Impl.LOOP, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] input;
    private double[] x;
    private double[] evict;
    private Runnable prefixSum;
    /** What reading the eviction buffer summed to: kept so the read is not optimized away. */
    public double evicted;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        input = Inputs.doubles(size, 17);
        x = input.clone();
        evict = (long) size * Double.BYTES > 32L << 20 ? new double[EVICT_DOUBLES] : null;
        prefixSum = switch (impl) {
            case Impl.LOOP -> () -> Loops.prefixSum(x, 0, x.length);
            case Impl.VECTOR_API -> () -> VectorApiLoops.prefixSum(x);
            case Impl.JDK_PARALLEL -> () -> Arrays.parallelPrefix(x, Double::sum);
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.prefixSum(x);
            }
        };
        double[] expected = input.clone();
        Loops.prefixSum(expected, 0, expected.length);
        prefixSum.run();
        Verify.close(expected, x, impl);
    }

    /** The input back in x, and (at the large size) the caches filled with clean lines of another array. */
    @Setup(Level.Invocation)
    public void restore() {
        System.arraycopy(input, 0, x, 0, x.length);
        if (evict != null) {
            evicted += Loops.unrolledSum(evict, 0, evict.length);
        }
    }

    @Benchmark
    public double[] prefixSum() {
        prefixSum.run();
        return x;
    }

    /** One call, from the input that {@link #restore} put back (the thread sweep skips this kernel). */
    @Override
    public void runOnce(Blackhole bh) {
        prefixSum.run();
        bh.consume(x);
    }
}
