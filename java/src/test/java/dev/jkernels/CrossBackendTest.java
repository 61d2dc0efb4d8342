// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random inputs of many sizes: every backend, thread count and ISA path returns the same bits, and those
 * bits are right (checked against a plain loop, or an exact sum within the documented bound).
 */
class CrossBackendTest {
    /** Empty, tiny, odd, around the 8-lane, block (4096) and chunk (16384) edges, and large. */
    static final int[] SIZES = {0, 1, 2, 7, 8, 9, 17, 4095, 4096, 4097, 16383, 16384, 16385, 65543, 1_000_003};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    static double[] randomDoubles(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (random.nextDouble() - 0.5) * Math.scalb(1.0, random.nextInt(-20, 20));
        }
        return x;
    }

    static long[] randomLongs(int n, long seed) {
        return new SplittableRandom(seed).longs(n).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void mapsMatchAPlainLoop(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                long[] longs = randomLongs(n, n);
                long[] longSquares = pool.map(LongKernels.SQUARE, longs);
                double[] doubles = randomDoubles(n, n);
                double[] doubleSquares = pool.map(DoubleKernels.SQUARE, doubles);
                for (int i = 0; i < n; i++) {
                    if (longSquares[i] != longs[i] * longs[i]) {
                        assertEquals(longs[i] * longs[i], longSquares[i], "long square n=" + n + " i=" + i);
                    }
                    if (Double.doubleToRawLongBits(doubleSquares[i]) != Double.doubleToRawLongBits(doubles[i] * doubles[i])) {
                        assertEquals(doubles[i] * doubles[i], doubleSquares[i], "double square n=" + n + " i=" + i);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void axpyAndScaleMatchAPlainLoop(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                double[] x = randomDoubles(n, 1000 + n), y = randomDoubles(n, 2000 + n);
                double[] expected = y.clone();
                for (int i = 0; i < n; i++) {
                    expected[i] += -1.75 * x[i];
                    expected[i] *= 0.3;
                }
                pool.vectors().axpy(-1.75, x, y);
                pool.vectors().scale(0.3, y);
                assertArrayEquals(expected, y, "n=" + n); // assertArrayEquals on doubles compares bits via equals
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reductionsGiveTheSameBitsEverywhere(PoolConfigs.Config config) {
        List<PoolConfigs.Config> all = PoolConfigs.all();
        try (KernelPool reference = all.get(0).open(); KernelPool pool = config.open()) {
            for (int n : SIZES) {
                double[] x = randomDoubles(n, 3000 + n), y = randomDoubles(n, 4000 + n);
                assertEquals(Double.doubleToRawLongBits(reference.vectors().sum(x)),
                        Double.doubleToRawLongBits(pool.vectors().sum(x)), "sum n=" + n);
                assertEquals(Double.doubleToRawLongBits(reference.vectors().dot(x, y)),
                        Double.doubleToRawLongBits(pool.vectors().dot(x, y)), "dot n=" + n);
            }
        }
    }

    /** Exact sums of the accuracy inputs, computed once per size: {sum, |sum|, dot, |dot|}. */
    private static final java.util.Map<Integer, BigDecimal[]> EXACT = new java.util.concurrent.ConcurrentHashMap<>();

    private static BigDecimal[] exact(int n, double[] x, double[] y) {
        return EXACT.computeIfAbsent(n, size -> {
            BigDecimal sum = BigDecimal.ZERO, dot = BigDecimal.ZERO;
            double absSum = 0, absDot = 0;
            for (int i = 0; i < size; i++) {
                sum = sum.add(new BigDecimal(x[i]));
                dot = dot.add(new BigDecimal(x[i]).multiply(new BigDecimal(y[i])));
                absSum += Math.abs(x[i]);
                absDot += Math.abs(x[i] * y[i]);
            }
            return new BigDecimal[] {sum, BigDecimal.valueOf(absSum), dot, BigDecimal.valueOf(absDot)};
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reductionsAreAccurate(PoolConfigs.Config config) {
        // Lanes of at most 512 sequential adds, then pairwise over at most 2^32 blocks; products add one rounding.
        double bound = (512 + 32 + 1) * Math.ulp(1.0);
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                double[] x = randomDoubles(n, 5000 + n), y = randomDoubles(n, 6000 + n);
                BigDecimal[] exact = exact(n, x, y);
                assertClose(exact[0], pool.vectors().sum(x), bound * exact[1].doubleValue(), "sum n=" + n);
                assertClose(exact[2], pool.vectors().dot(x, y), bound * exact[3].doubleValue(), "dot n=" + n);
            }
        }
    }

    private static void assertClose(BigDecimal exact, double actual, double bound, String what) {
        double error = exact.subtract(new BigDecimal(actual), MathContext.DECIMAL128).abs().doubleValue();
        assertTrue(error <= bound, what + ": error " + error + " exceeds " + bound);
    }
}
