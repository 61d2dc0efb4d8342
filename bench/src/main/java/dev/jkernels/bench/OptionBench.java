// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.MonteCarloResult;
import dev.jkernels.OptionType;
import dev.jkernels.RandomOps;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code random().europeanOption(CALL, 100, 100, 0.05, 0.2, 1, paths, seed)}: an at-the-money one-year call by
 * Monte Carlo with antithetic pairs; compute-bound (a normal, an exponential, a division and two payoffs per
 * path). LOOP is the same estimator as a user would write it: {@code SplittableRandom.nextGaussian()} (JDK
 * 17's ziggurat) and {@code Math.exp}, the sums of the pairs' values and their squares in one loop. JAVA_N is
 * jkernels' twin (Box-Muller on Philox and its own exp, the same bits as native).
 */
@OpInfo(op = "option", calibrated = false, fullSizes = {"1048576"}, scalingSize = "1048576",
        quickSizes = {"1048576"}, sizeLabel = "paths")
public class OptionBench extends KernelBench implements Workload {
    private static final long SEED = 42;
    private static final double SPOT = 100, STRIKE = 100, RATE = 0.05, VOLATILITY = 0.2, YEARS = 1;
    /** Black-Scholes' price of this call. */
    private static final double EXACT = 10.450583572185565;

    @Param({Impl.LOOP, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /** Antithetic pairs per call. */
    @Param({"1048576"})
    public int size;

    private Supplier<MonteCarloResult> price;
    private long calls;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        price = switch (impl) {
            case Impl.LOOP -> {
                SplittableRandom r = new SplittableRandom(SEED);
                yield () -> loop(r, size);
            }
            default -> {
                RandomOps ops = openPool(impl).random();
                yield () -> ops.europeanOption(OptionType.CALL, SPOT, STRIKE, RATE, VOLATILITY, YEARS, size, SEED + calls);
            }
        };
        MonteCarloResult mc = price.get();
        if (!(Math.abs(mc.price() - EXACT) < 6 * mc.standardError())) {
            throw new IllegalStateException(impl + ": " + mc + " is more than 6 standard errors from " + EXACT);
        }
    }

    /** The plain Java estimator: the same pairs and sums, on SplittableRandom's sequential stream. */
    private static MonteCarloResult loop(SplittableRandom r, int paths) {
        double forward = SPOT * Math.exp((RATE - 0.5 * VOLATILITY * VOLATILITY) * YEARS);
        double diffusion = VOLATILITY * Math.sqrt(YEARS), sum = 0, squares = 0;
        for (int i = 0; i < paths; i++) {
            double g = Math.exp(diffusion * r.nextGaussian());
            double y = 0.5 * (Math.max(forward * g - STRIKE, 0) + Math.max(forward / g - STRIKE, 0));
            sum += y;
            squares += y * y;
        }
        double mean = sum / paths, variance = (squares - sum * mean) / (paths - 1), discount = Math.exp(-RATE * YEARS);
        return new MonteCarloResult(discount * mean, discount * Math.sqrt(variance / paths), paths);
    }

    @Benchmark
    public MonteCarloResult option() {
        calls++;
        return price.get();
    }

    @Override
    public void runOnce(Blackhole bh) {
        calls++;
        bh.consume(price.get());
    }
}
