// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mean and variance on every backend, thread count and ISA path: the same bits everywhere, close to the
 * exact values (BigDecimal), stable where the textbook formula is not, and numpy's answers for infinities
 * and empty input.
 */
class MomentsTest {
    private static final int[] SIZES = {1, 2, 7, 64, 4095, 4097, 40_961, 300_007};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    /** {mean, population variance} of x[off, off + n), exactly then rounded. */
    private static double[] exact(double[] x, int off, int n) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = off; i < off + n; i++) {
            sum = sum.add(new BigDecimal(x[i]));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), mc), m2 = BigDecimal.ZERO;
        for (int i = off; i < off + n; i++) {
            BigDecimal d = new BigDecimal(x[i]).subtract(mean);
            m2 = m2.add(d.multiply(d, mc), mc);
        }
        return new double[] {mean.doubleValue(), m2.divide(BigDecimal.valueOf(n), mc).doubleValue()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void meanAndVarianceAreTheSameBitsEverywhereAndClose(PoolConfigs.Config config) {
        List<PoolConfigs.Config> all = PoolConfigs.all();
        SplittableRandom r = new SplittableRandom(41);
        try (KernelPool reference = all.get(0).open(); KernelPool pool = config.open()) {
            for (int n : SIZES) {
                int off = r.nextInt(7);
                double[] x = new double[off + n + 3];
                float[] f = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = 100 + (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-5, 5));
                    f[i] = (float) x[i];
                    x[i] = f[i]; // the same values in both types, so one oracle serves both
                }
                double mean = pool.vectors().mean(x, off, n), variance = pool.vectors().variance(x, off, n);
                assertEquals(Double.doubleToRawLongBits(reference.vectors().mean(x, off, n)), Double.doubleToRawLongBits(mean));
                assertEquals(Double.doubleToRawLongBits(reference.vectors().variance(x, off, n)),
                        Double.doubleToRawLongBits(variance), "variance n=" + n);
                assertEquals(Double.doubleToRawLongBits(mean), Double.doubleToRawLongBits(pool.vectors().mean(f, off, n)),
                        "float mean is the double mean of the widened values, n=" + n);
                assertEquals(Double.doubleToRawLongBits(variance),
                        Double.doubleToRawLongBits(pool.vectors().variance(f, off, n)), "float variance n=" + n);
                double[] e = exact(x, off, n);
                assertTrue(Math.abs(mean - e[0]) <= 1e-15 * Math.abs(e[0]), "mean n=" + n + ": " + mean + " vs " + e[0]);
                assertTrue(Math.abs(variance - e[1]) <= 1e-12 * e[1] + 1e-300, "variance n=" + n + ": " + variance + " vs " + e[1]);
            }
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {100, 1_000_003})
    void varianceOfAShiftedRampKeepsItsDigits(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e9 + i;
        }
        double expected = ((double) n * n - 1) / 12; // variance of 0..n-1, unchanged by the shift
        for (PoolConfigs.Config config : PoolConfigs.backends()) {
            try (KernelPool pool = config.open()) {
                double variance = pool.vectors().variance(x);
                assertTrue(Math.abs(variance - expected) <= 1e-12 * expected, config + ": " + variance + " vs " + expected);
            }
        }
        if (n == 100) { // where E[x^2] - E[x]^2 is off by a fifth (numbers near 1e18 carry no units digit)
            double sum = 0, sumSquares = 0;
            for (double v : x) {
                sum += v;
                sumSquares += v * v;
            }
            double textbook = sumSquares / n - (sum / n) * (sum / n);
            assertTrue(Math.abs(textbook - expected) > 0.1 * expected, "the textbook formula should fail here: " + textbook);
        }
    }

    @Test
    void infinitiesAndEmptyInputGiveNumpysAnswers() {
        for (PoolConfigs.Config config : PoolConfigs.backends()) {
            try (KernelPool pool = config.open()) {
                VectorOps v = pool.vectors();
                assertEquals(Double.POSITIVE_INFINITY, v.mean(new double[] {1, Double.POSITIVE_INFINITY, 2}), config.toString());
                double[] manyInfinities = new double[20_000];
                java.util.Arrays.fill(manyInfinities, Double.POSITIVE_INFINITY);
                assertEquals(Double.POSITIVE_INFINITY, v.mean(manyInfinities), "+Inf in every block");
                assertTrue(Double.isNaN(v.mean(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})));
                assertTrue(Double.isNaN(v.variance(new double[] {1, Double.POSITIVE_INFINITY})));
                assertTrue(Double.isNaN(v.mean(new double[0])));
                assertTrue(Double.isNaN(v.variance(new float[0])));
                assertEquals(0.0, v.variance(new double[] {5}));
                assertEquals(2.0, v.mean(new float[] {1, 2, 3}));
                assertEquals(2.0 / 3, v.variance(new float[] {1, 2, 3}), 1e-16);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void meanAndVarianceGoAsynchronous(PoolConfigs.Config config) throws Exception {
        double[] x = {1, 2, 3, 4};
        try (KernelPool pool = config.open()) {
            assertEquals(2.5, pool.submit(p -> p.vectors().mean(x)).get());
            assertEquals(1.25, pool.submit(p -> p.vectors().variance(x)).get());
            assertEquals(2.0 / 3, pool.submit(p -> p.vectors().variance(new float[] {1, 2, 3}, 0, 3)).get(), 1e-16);
        }
    }
}
