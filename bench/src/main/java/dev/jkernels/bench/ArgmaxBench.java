// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().argmax(double[])}: 8 bytes read per element, the index of the first largest element
 * (the first NaN if any, +0.0 above -0.0).
 *
 * <p>LOOP is the same algorithm written plainly in Java ({@code Loops.argmax}: one pass keeping the best
 * index under the same ordering); VECTOR_API finds the largest with lanewise max and then its first lane
 * equal to it (the plain loop where the maximum is NaN or zero, as jkernels does); JDK_PARALLEL runs LOOP on
 * the blocks of a parallel stream and keeps the first best block. The input has no NaN, so every row scans all of it.
 */
@OpInfo(op = "argmax", calibrated = false, bytesPerElement = 8, streamTest = "sum")
public class ArgmaxBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] x;
    private IntSupplier argmax;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 12);
        argmax = switch (impl) {
            case Impl.LOOP -> () -> Loops.argmax(x, 0, x.length);
            case Impl.VECTOR_API -> () -> {
                int at = VectorApiLoops.argmaxOrMinusOne(x);
                return at >= 0 ? at : Loops.argmax(x, 0, x.length);
            };
            case Impl.JDK_PARALLEL -> () -> {
                int blocks = ParallelBlocks.blocks(x.length);
                int[] best = IntStream.range(0, blocks).parallel()
                        .map(b -> Loops.argmax(x, ParallelBlocks.from(x.length, blocks, b), ParallelBlocks.from(x.length, blocks, b + 1)))
                        .toArray();
                int at = best[0];
                for (int b = 1; b < blocks; b++) {
                    at = Loops.better(x, best[b], at) ? best[b] : at;
                }
                return at;
            };
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.argmax(x);
            }
        };
        int expected = Loops.argmax(x, 0, x.length);
        if (argmax.getAsInt() != expected) {
            throw new IllegalStateException(impl + ": argmax " + argmax.getAsInt() + ", expected " + expected);
        }
    }

    @Benchmark
    public int argmax() {
        return argmax.getAsInt();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(argmax.getAsInt());
    }
}
