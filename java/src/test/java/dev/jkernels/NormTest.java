// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The double norm2 on every backend, thread count and ISA path: free of overflow and underflow, exactly
 * sqrt(dot(x, x)) wherever that is finite and its squares normal, and close to the exact norm across
 * blocks of wildly different magnitudes.
 */
class NormTest {
    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void hugeAndTinyInputsDoNotOverflowOrUnderflow(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            VectorOps v = pool.vectors();
            assertEquals(Math.hypot(1e200, 1e200), v.norm2(new double[] {1e200, 1e200}), 1e186, "1.414...e200");
            assertEquals(Math.hypot(1e-200, 1e-200), v.norm2(new double[] {1e-200, 1e-200}), 1e-214, "1.414...e-200");
            assertEquals(Double.MIN_VALUE, v.norm2(new double[] {Double.MIN_VALUE}), "a subnormal alone");
            assertEquals(Double.MAX_VALUE, v.norm2(new double[] {-Double.MAX_VALUE}), "the largest double alone");
            assertEquals(Double.POSITIVE_INFINITY, v.norm2(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}),
                    "a norm past MAX_VALUE is +Infinity");
            assertEquals(Double.POSITIVE_INFINITY, v.norm2(new double[] {1, Double.NEGATIVE_INFINITY, 2}));
            assertTrue(Double.isNaN(v.norm2(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY})), "a NaN anywhere");
            assertEquals(bits(0.0), bits(v.norm2(new double[] {-0.0, 0.0})));
            assertEquals(bits(0.0), bits(v.norm2(new double[0])));
            double[] subnormals = new double[10_000];
            java.util.Arrays.fill(subnormals, 4 * Double.MIN_VALUE);
            assertEquals(4 * Double.MIN_VALUE * Math.sqrt(10_000), v.norm2(subnormals), Double.MIN_VALUE, "all subnormal");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void ordinaryInputsGiveExactlyTheSquareRootOfTheirDotProduct(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(51);
        try (KernelPool pool = config.open()) {
            for (int n : new int[] {1, 3, 64, 4095, 4097, 20_000, 100_003}) {
                double[] x = CrossBackendTest.randomDoubles(n, 700 + n);
                assertEquals(bits(Math.sqrt(pool.vectors().dot(x, x))), bits(pool.vectors().norm2(x)), "n=" + n);
                int off = r.nextInt(5);
                assertEquals(bits(Math.sqrt(pool.vectors().dot(x, off, x, off, n - off))),
                        bits(pool.vectors().norm2(x, off, n - off)), "slice n=" + n);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void blocksThatEachFitButTogetherOverflowAreMergedOneScaleDown(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (int n : new int[] {8192, 3 * 4096, 5 * 4096 + 17}) {
                double[] x = new double[n];
                java.util.Arrays.fill(x, 1.5e152); // each block's squares sum to about 9.2e307: finite
                double expected = 1.5e152 * Math.sqrt(n);
                double norm = pool.vectors().norm2(x);
                assertTrue(Math.abs(norm - expected) <= 4 * Math.ulp(expected), "n=" + n + ": " + norm + " vs " + expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aRescaledBlockWithNormalSquaresKeepsThePlainBits(PoolConfigs.Config config) {
        // squares near 1e-300 are normal, but 4096 of them sum below 2^-969: the rescaled path
        double[] x = CrossBackendTest.randomDoubles(4096 * 2 + 3, 99);
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e-150 * (1 + Math.abs(x[i]) % 1);
        }
        try (KernelPool pool = config.open()) {
            assertEquals(bits(Math.sqrt(pool.vectors().dot(x, x))), bits(pool.vectors().norm2(x)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void blocksOfWildlyDifferentMagnitudeAreMergedAccurately(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(52);
        int n = 3 * 4096 + 5;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int block = i / 4096;
            double scale = block == 0 ? 1e-300 : block == 1 ? 1e300 : block == 2 ? 1e-10 : 1e150;
            x[i] = (r.nextDouble() + 0.5) * scale;
        }
        BigDecimal sumSquares = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal d = new BigDecimal(v);
            sumSquares = sumSquares.add(d.multiply(d));
        }
        double exact = sumSquares.sqrt(MathContext.DECIMAL128).doubleValue();
        try (KernelPool pool = config.open()) {
            double norm = pool.vectors().norm2(x);
            assertTrue(Math.abs(norm - exact) <= 4 * Math.ulp(exact), norm + " vs " + exact);
        }
    }
}
