// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NaN, infinities and signed zeros go through every double operation as IEEE 754 says. */
class SpecialValuesTest {
    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void square(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            // 9 elements so that SIMD paths see both a full vector and a tail.
            double[] in = {NAN, INF, -INF, -0.0, 0.0, Double.MIN_VALUE, 1e200, -3, Double.MAX_VALUE};
            double[] out = pool.map(DoubleKernels.SQUARE, in);
            double[] expected = {NAN, INF, INF, 0.0, 0.0, 0.0, INF, 9, INF};
            for (int i = 0; i < in.length; i++) {
                assertBits(expected[i], out[i], "square(" + in[i] + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sumAndDot(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            VectorOps v = pool.vectors();
            assertBits(0.0, v.sum(new double[0]), "empty sum is +0.0");
            assertBits(0.0, v.dot(new double[0], new double[0]), "empty dot is +0.0");
            for (int n : new int[] {1, 63, 64, 4095, 4096, 4097, 20_000}) {
                double[] zeros = new double[n];
                java.util.Arrays.fill(zeros, -0.0);
                assertBits(-0.0, v.sum(zeros), "a sum of " + n + " -0.0s is -0.0, as IEEE adds them");
                assertBits(0.0, v.dot(zeros, zeros), "(-0.0)^2 is +0.0, n=" + n);
            }
            assertBits(0.0, v.sum(new double[] {-0.0, 0.0}), "-0.0 + +0.0 is +0.0");
            assertTrue(Double.isNaN(v.sum(ones(20, 7, NAN))), "NaN propagates through sum");
            assertTrue(Double.isNaN(v.sum(new double[] {INF, 1, -INF})), "Inf + -Inf is NaN");
            assertBits(INF, v.sum(ones(10_000, 9_999, INF)), "Inf in the last block");
            assertBits(-INF, v.sum(new double[] {-Double.MAX_VALUE, -Double.MAX_VALUE}), "overflow to -Inf");
            assertTrue(Double.isNaN(v.dot(ones(9, 8, 0.0), ones(9, 8, INF))), "0 * Inf is NaN");
            assertBits(INF, v.dot(ones(9, 3, 2), ones(9, 3, INF)), "2 * Inf");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void axpyAndScale(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] y = {1, -0.0, INF, NAN, 0.0, 5, 6, 7, 8};
            pool.vectors().axpy(2, new double[] {1, -0.0, -INF, 1, -0.0, 0, 0, 0, 1}, y);
            double[] expected = {3, -0.0, NAN, NAN, 0.0, 5, 6, 7, 10};
            for (int i = 0; i < y.length; i++) {
                assertBits(expected[i], y[i], "axpy element " + i);
            }
            double[] x = {1, -2, INF, 0.0, NAN, 3, 4, 5, 6};
            pool.vectors().scale(-0.0, x);
            double[] scaled = {-0.0, 0.0, NAN, -0.0, NAN, -0.0, -0.0, -0.0, -0.0};
            for (int i = 0; i < x.length; i++) {
                assertBits(scaled[i], x[i], "scale by -0.0 element " + i);
            }
        }
    }

    /** n ones with {@code value} at {@code index}. */
    private static double[] ones(int n, int index, double value) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1);
        x[index] = value;
        return x;
    }
}
