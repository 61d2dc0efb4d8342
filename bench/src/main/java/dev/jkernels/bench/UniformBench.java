// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.RandomOps;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code random().uniform(seed, offset, double[])}: uniform doubles in [0, 1) with 53 random bits, written
 * into an array (8 bytes per element, compute-bound: no bandwidth limit is quoted). Each call fills the
 * stream's next {@code size} values, so no call repeats the last one's work.
 *
 * <p>LOOP is {@code SplittableRandom.nextDouble()} in a loop (SplitMix64: far cheaper per value than Philox,
 * but not counter-based: one sequential stream, which no second thread can share without changing the
 * values); L64X128 the JDK 17 {@code RandomGenerator} L64X128MixRandom the same way; JDK_PARALLEL a parallel
 * stream over blocks, each block filled by its own {@code SplittableRandom} seeded from the block's index
 * (deterministic for a fixed block size, but a different stream from the sequential one).
 */
@OpInfo(op = "uniform", calibrated = false, quickSizes = {"1048576"})
public class UniformBench extends KernelBench implements Workload {
    private static final long SEED = 42;

    @Param({Impl.LOOP, Impl.L64X128, Impl.JDK_PARALLEL, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB. */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] x;
    private Runnable fill;
    private long calls;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = new double[size];
        fill = switch (impl) {
            case Impl.LOOP -> {
                SplittableRandom r = new SplittableRandom(SEED);
                yield () -> {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = r.nextDouble();
                    }
                };
            }
            case Impl.L64X128 -> {
                RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
                yield () -> {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = r.nextDouble();
                    }
                };
            }
            case Impl.JDK_PARALLEL -> () -> {
                long base = SEED + calls * x.length;
                ParallelBlocks.forEach(x.length, (from, to) -> {
                    SplittableRandom r = new SplittableRandom(base + from);
                    for (int i = from; i < to; i++) {
                        x[i] = r.nextDouble();
                    }
                });
            };
            default -> {
                RandomOps ops = openPool(impl).random();
                yield () -> ops.uniform(SEED, calls * x.length, x);
            }
        };
        fill.run();
        double mean = 0;
        for (double v : x) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalStateException(impl + " gave " + v + ", outside [0, 1)");
            }
            mean += v;
        }
        double sigma = 1 / Math.sqrt(12.0 * x.length); // of the mean of n uniform values
        if (Math.abs(mean / x.length - 0.5) > 6 * sigma) {
            throw new IllegalStateException(impl + ": the mean of " + x.length + " uniform values is " + mean / x.length
                    + ", more than 6 standard errors from 0.5");
        }
    }

    @Benchmark
    public double[] uniform() {
        calls++;
        fill.run();
        return x;
    }

    @Override
    public void runOnce(Blackhole bh) {
        calls++;
        fill.run();
        bh.consume(x);
    }
}
