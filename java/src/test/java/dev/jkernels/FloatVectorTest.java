// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float forms of the vector operations on every backend, thread count and ISA path: the same bits
 * everywhere, reductions within half a float ulp of the exact value plus the double sum's bound, axpy and
 * scale exactly Java's float arithmetic, slices as their copies, and the float norm free of overflow.
 */
class FloatVectorTest {
    private static final int[] SIZES = {0, 1, 2, 7, 63, 64, 65, 4095, 4096, 4097, 16385, 100_003};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    static float[] randomFloats(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-20, 20)));
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reductionsGiveTheSameBitsEverywhereAndAreAccurate(PoolConfigs.Config config) {
        List<PoolConfigs.Config> all = PoolConfigs.all();
        try (KernelPool reference = all.get(0).open(); KernelPool pool = config.open()) {
            for (int n : SIZES) {
                float[] x = randomFloats(n, 100 + n), y = randomFloats(n, 200 + n);
                float sum = pool.vectors().sum(x), dot = pool.vectors().dot(x, y), norm = pool.vectors().norm2(x);
                assertEquals(Float.floatToRawIntBits(reference.vectors().sum(x)), Float.floatToRawIntBits(sum), "sum n=" + n);
                assertEquals(Float.floatToRawIntBits(reference.vectors().dot(x, y)), Float.floatToRawIntBits(dot), "dot n=" + n);
                assertEquals(Float.floatToRawIntBits(reference.vectors().norm2(x)), Float.floatToRawIntBits(norm),
                        "norm2 n=" + n);
                BigDecimal exactSum = BigDecimal.ZERO, exactDot = BigDecimal.ZERO, exactSquares = BigDecimal.ZERO;
                double absSum = 0, absDot = 0;
                for (int i = 0; i < n; i++) {
                    exactSum = exactSum.add(new BigDecimal(x[i]));
                    exactDot = exactDot.add(new BigDecimal((double) x[i] * y[i])); // exact: 24 + 24 bits
                    exactSquares = exactSquares.add(new BigDecimal((double) x[i] * x[i]));
                    absSum += Math.abs(x[i]);
                    absDot += Math.abs((double) x[i] * y[i]);
                }
                double bound = CrossBackendTest.pairwiseBound(n);
                assertFloatClose(exactSum, sum, bound * absSum, "sum n=" + n);
                assertFloatClose(exactDot, dot, bound * absDot, "dot n=" + n);
                double exactNorm = Math.sqrt(exactSquares.doubleValue());
                assertTrue(Math.abs(norm - exactNorm) <= Math.ulp(norm) + bound * exactNorm, "norm2 n=" + n + ": " + norm
                        + " against " + exactNorm);
            }
        }
    }

    /** Within half an ulp of the float result (its one rounding) plus the double sum's own bound. */
    private static void assertFloatClose(BigDecimal exact, float actual, double doubleBound, String what) {
        double error = exact.subtract(new BigDecimal(actual)).abs().doubleValue();
        double allowed = 0.5 * Math.ulp(actual) + doubleBound;
        assertTrue(error <= allowed, what + ": " + actual + " is " + error + " from " + exact + ", more than " + allowed);
    }

    @Test
    void tenMillionTimesPointOneFloatIsWithinAMillionthOfTheExactSum() {
        float[] x = new float[10_000_000];
        Arrays.fill(x, 0.1f);
        double exact = 10_000_000 * (double) 0.1f;
        float naive = 0;
        for (float v : x) {
            naive += v;
        }
        for (PoolConfigs.Config config : PoolConfigs.backends()) {
            try (KernelPool pool = config.open()) {
                float sum = pool.vectors().sum(x);
                assertEquals((float) exact, sum, config + ": the float nearest the exact " + exact);
            }
        }
        assertTrue(Math.abs(naive - exact) > 1e-6 * exact, "a float loop misses (" + naive + "): the input proves something");
    }

    @Test
    void theFloatNormNeitherOverflowsNorUnderflows() {
        float naive = 0;
        for (float v : new float[] {3e19f, 4e19f}) {
            naive += v * v;
        }
        assertEquals(Float.POSITIVE_INFINITY, naive, "the squares overflow in float, so the check below proves something");
        for (PoolConfigs.Config config : PoolConfigs.backends()) {
            try (KernelPool pool = config.open()) {
                assertEquals(5e19f, pool.vectors().norm2(new float[] {3e19f, 4e19f}), config.toString());
                assertEquals((float) Math.hypot(1e-40f, 1e-40f), pool.vectors().norm2(new float[] {1e-40f, 1e-40f}),
                        config.toString());
                assertEquals(Float.POSITIVE_INFINITY, pool.vectors().norm2(new float[] {Float.MAX_VALUE, Float.MAX_VALUE}));
                assertTrue(Float.isNaN(pool.vectors().norm2(new float[] {1, Float.NaN, Float.POSITIVE_INFINITY})));
                assertEquals(Float.POSITIVE_INFINITY, pool.vectors().norm2(new float[] {1, Float.NEGATIVE_INFINITY}));
                assertEquals(0.0f, pool.vectors().norm2(new float[0]));
                assertTrue(Float.isNaN(pool.vectors().sum(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void axpyAndScaleAreJavasFloatArithmeticOnWholeArraysAndSlices(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(5);
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                float[] x = randomFloats(n, 300 + n), y = randomFloats(n, 400 + n);
                float[] expected = y.clone();
                for (int i = 0; i < n; i++) {
                    expected[i] += -1.75f * x[i];
                    expected[i] *= 0.3f;
                }
                pool.vectors().axpy(-1.75f, x, y);
                pool.vectors().scale(0.3f, y);
                assertArrayEquals(expected, y, "n=" + n);

                int xo = r.nextInt(20), yo = r.nextInt(20);
                float[] xl = randomFloats(xo + n + 5, 500 + n), yl = randomFloats(yo + n + 5, 600 + n);
                float[] expectedY = yl.clone();
                for (int i = 0; i < n; i++) {
                    expectedY[yo + i] += 2.5f * xl[xo + i];
                    expectedY[yo + i] *= -0.5f;
                }
                pool.vectors().axpy(2.5f, xl, xo, yl, yo, n);
                pool.vectors().scale(-0.5f, yl, yo, n);
                assertArrayEquals(expectedY, yl, "slices n=" + n);
                float[] xs = Arrays.copyOfRange(xl, xo, xo + n), ys = Arrays.copyOfRange(yl, yo, yo + n);
                assertEquals(pool.vectors().sum(xs), pool.vectors().sum(xl, xo, n), "sum slice n=" + n);
                assertEquals(pool.vectors().dot(xs, ys), pool.vectors().dot(xl, xo, yl, yo, n), "dot slice n=" + n);
                assertEquals(pool.vectors().norm2(xs), pool.vectors().norm2(xl, xo, n), "norm2 slice n=" + n);
            }
        }
    }

    @Test
    void badFloatArgumentsAreRefused() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            VectorOps v = pool.vectors();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.dot(new float[3], new float[4]));
            assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> v.axpy(1f, new float[2], new float[1]));
            IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class, () -> v.sum(new float[5], 3, 3));
            assertTrue(o.getMessage().contains("[3, 3 + 3) out of bounds for length 5"), o.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> v.scale(1f, new float[5], -1, 1));
            assertThrows(NullPointerException.class, () -> v.norm2((float[]) null));
            assertThrows(NullPointerException.class, () -> v.axpy(1f, null, new float[0]));
        }
    }
}
