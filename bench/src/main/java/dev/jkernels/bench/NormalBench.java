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
 * {@code random().normal(seed, offset, double[])}: standard normal doubles (Box-Muller on Philox blocks, with
 * jkernels' own log, sqrt, sine and cosine), written into an array; compute-bound, so no bandwidth limit is
 * quoted. Each call fills the stream's next {@code size} values.
 *
 * <p>LOOP is {@code SplittableRandom.nextGaussian()} in a loop (JDK 17's {@code RandomGenerator} default: a
 * modified ziggurat on SplitMix64, with tables and rejection, and one sequential stream); L64X128 the JDK 17
 * LXM generator's {@code nextGaussian()} the same way; JDK_PARALLEL a parallel stream over blocks, each
 * filled by its own {@code SplittableRandom} seeded from the block's index. Not the same algorithm as
 * jkernels' (no Java library offers Box-Muller on a counter-based stream); JAVA_N is jkernels' own twin,
 * which is.
 */
@OpInfo(op = "normal", calibrated = false, fullSizes = {"1048576"}, scalingSize = "1048576", quickSizes = {"1048576"})
public class NormalBench extends KernelBench implements Workload {
    private static final long SEED = 42;

    @Param({Impl.LOOP, Impl.L64X128, Impl.JDK_PARALLEL, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Elements: 8 MiB, in the L3 cache. */
    @Param({"1048576"})
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
                        x[i] = r.nextGaussian();
                    }
                };
            }
            case Impl.L64X128 -> {
                RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
                yield () -> {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = r.nextGaussian();
                    }
                };
            }
            case Impl.JDK_PARALLEL -> () -> {
                long base = SEED + calls * x.length;
                ParallelBlocks.forEach(x.length, (from, to) -> {
                    SplittableRandom r = new SplittableRandom(base + from);
                    for (int i = from; i < to; i++) {
                        x[i] = r.nextGaussian();
                    }
                });
            };
            default -> {
                RandomOps ops = openPool(impl).random();
                yield () -> ops.normal(SEED, calls * x.length, x);
            }
        };
        fill.run();
        checkStandardNormal();
    }

    /** The values are finite and their mean and variance those of a standard normal, within 6 standard errors. */
    private void checkStandardNormal() {
        double sum = 0, squares = 0;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException(impl + " gave " + v);
            }
            sum += v;
            squares += v * v;
        }
        double n = x.length, mean = sum / n, variance = squares / n - mean * mean;
        if (Math.abs(mean) > 6 / Math.sqrt(n) || Math.abs(variance - 1) > 6 * Math.sqrt(2 / n)) {
            throw new IllegalStateException(impl + ": " + x.length + " values have mean " + mean + " and variance "
                    + variance + ", not a standard normal's");
        }
    }

    @Benchmark
    public double[] normal() {
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
