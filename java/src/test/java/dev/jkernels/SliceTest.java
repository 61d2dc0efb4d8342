// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The slice forms of the vector operations: on every backend, thread count and ISA path a slice gives the
 * same bits as the whole-array form on a copy of the slice (the blocking counts from the slice's start),
 * the in-place forms touch nothing outside their slice, and bad slices are refused with the JDK's
 * index-check messages.
 */
class SliceTest {
    /** Lengths around the group (64), block (4096) and chunk edges, at random offsets. */
    private static final int[] LENGTHS = {0, 1, 7, 63, 64, 65, 4095, 4097, 20_011, 300_007};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reductionsOfASliceAreThoseOfItsCopy(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(11);
        try (KernelPool pool = config.open()) {
            VectorOps v = pool.vectors();
            for (int length : LENGTHS) {
                int xo = r.nextInt(100), yo = r.nextInt(100);
                double[] x = CrossBackendTest.randomDoubles(xo + length + r.nextInt(50), length);
                double[] y = CrossBackendTest.randomDoubles(yo + length + r.nextInt(50), length + 1);
                double[] xs = Arrays.copyOfRange(x, xo, xo + length), ys = Arrays.copyOfRange(y, yo, yo + length);
                assertEquals(bits(v.sum(xs)), bits(v.sum(x, xo, length)), "sum length " + length);
                assertEquals(bits(v.dot(xs, ys)), bits(v.dot(x, xo, y, yo, length)), "dot length " + length);
                assertEquals(bits(v.norm2(xs)), bits(v.norm2(x, xo, length)), "norm2 length " + length);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void inPlaceFormsChangeTheirSliceOnly(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(12);
        try (KernelPool pool = config.open()) {
            VectorOps v = pool.vectors();
            for (int length : LENGTHS) {
                int xo = r.nextInt(100), yo = r.nextInt(100);
                double[] x = CrossBackendTest.randomDoubles(xo + length + 20, 3 * length);
                double[] y = CrossBackendTest.randomDoubles(yo + length + 20, 3 * length + 1);
                double[] expectedY = y.clone(), expectedX = x.clone();
                for (int i = 0; i < length; i++) {
                    expectedY[yo + i] += 1.25 * x[xo + i];
                    expectedX[xo + i] *= -0.75;
                }
                v.axpy(1.25, x, xo, y, yo, length);
                assertArrayEquals(expectedY, y, "axpy length " + length);
                v.scale(-0.75, x, xo, length);
                assertArrayEquals(expectedX, x, "scale length " + length);
            }
        }
    }

    @Test
    void axpyOfTheSameSliceOfOneArrayIsInPlaceAndOverlapsAreRefused() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            double[] x = {1, 2, 3, 4, 5, 6};
            pool.vectors().axpy(1.0, x, 1, x, 1, 3);
            assertArrayEquals(new double[] {1, 4, 6, 8, 5, 6}, x);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.vectors().axpy(1.0, x, 0, x, 1, 3));
            assertTrue(e.getMessage().contains("share elements"), e.getMessage());
        }
    }

    @Test
    void badSlicesAreRefusedNamingTheValues() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            VectorOps v = pool.vectors();
            double[] x = new double[10];
            assertBadRange(() -> v.sum(x, 8, 3), "[8, 8 + 3) out of bounds for length 10");
            assertBadRange(() -> v.sum(x, -1, 2), "[-1, -1 + 2) out of bounds for length 10");
            assertBadRange(() -> v.norm2(x, 0, -1), "[0, 0 + -1) out of bounds for length 10");
            assertBadRange(() -> v.dot(x, 0, new double[4], 2, 3), "[2, 2 + 3) out of bounds for length 4");
            assertBadRange(() -> v.axpy(2, new double[3], 1, x, 0, 3), "[1, 1 + 3) out of bounds for length 3");
            assertBadRange(() -> v.scale(2, x, 11, 0), "[11, 11 + 0) out of bounds for length 10");
            assertThrows(NullPointerException.class, () -> v.sum((double[]) null, 0, 0));
            assertThrows(NullPointerException.class, () -> v.dot(x, 0, null, 0, 0));
            assertEquals(0.0, v.sum(x, 10, 0), "an empty slice at the end");
        }
    }

    private static void assertBadRange(org.junit.jupiter.api.function.Executable call, String message) {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, call);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
