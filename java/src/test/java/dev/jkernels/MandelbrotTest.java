// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The irregular kernel: identical counts on every backend, ISA path, thread count and schedule. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MandelbrotTest {
    static Iterable<PoolConfigs.Config> all() {
        return PoolConfigs.all();
    }

    /** The documented formula, written out plainly. */
    static int[] reference(MandelbrotRegion r) {
        int[] out = new int[r.width() * r.height()];
        double dx = (r.xMax() - r.xMin()) / r.width(), dy = (r.yMax() - r.yMin()) / r.height();
        for (int row = 0; row < r.height(); row++) {
            for (int col = 0; col < r.width(); col++) {
                double cx = r.xMin() + col * dx, cy = r.yMin() + row * dy, x = 0, y = 0;
                int i = 0;
                for (; i < r.maxIterations() && x * x + y * y <= 4.0; i++) {
                    double xt = x * x - y * y + cx;
                    y = 2.0 * x * y + cy;
                    x = xt;
                }
                out[row * r.width() + col] = i;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void countsMatchTheFormulaWithEitherSchedule(PoolConfigs.Config config) {
        MandelbrotRegion classic = MandelbrotRegion.classic(211, 97);
        MandelbrotRegion zoom = new MandelbrotRegion(64, 300, -0.75, -0.74, 0.1, 0.11, 1000);
        try (KernelPool pool = config.open()) {
            for (MandelbrotRegion r : new MandelbrotRegion[] {classic, zoom, new MandelbrotRegion(1, 1, 0, 1, 0, 1, 1)}) {
                int[] expected = reference(r);
                assertArrayEquals(expected, pool.images().mandelbrot(r), "dynamic " + r);
                assertArrayEquals(expected, pool.images().mandelbrot(r, Schedule.STATIC), "static " + r);
            }
            int[] counts = pool.images().mandelbrot(classic);
            assertTrue(java.util.Arrays.stream(counts).anyMatch(c -> c == 256), "some points are in the set");
            assertTrue(java.util.Arrays.stream(counts).anyMatch(c -> c < 5), "some escape at once");
        }
    }

    @Test
    void badRegionsNameTheValue() {
        assertEquals("width and height must be at least 1 with width * height <= 2147483639, got 0 x 5",
                assertThrows(IllegalArgumentException.class, () -> new MandelbrotRegion(0, 5, 0, 1, 0, 1, 9)).getMessage());
        assertEquals("width and height must be at least 1 with width * height <= 2147483639, got 65536 x 65536",
                assertThrows(IllegalArgumentException.class,
                        () -> new MandelbrotRegion(65536, 65536, 0, 1, 0, 1, 9)).getMessage());
        assertEquals("maxIterations must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new MandelbrotRegion(2, 2, 0, 1, 0, 1, 0)).getMessage());
        assertEquals("bounds must be finite, got x NaN..1.0, y 0.0..1.0", assertThrows(IllegalArgumentException.class,
                () -> new MandelbrotRegion(2, 2, Double.NaN, 1, 0, 1, 9)).getMessage());
        try (KernelPool pool = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            assertEquals("region is null", assertThrows(NullPointerException.class,
                    () -> pool.images().mandelbrot(null)).getMessage());
            assertEquals("schedule is null", assertThrows(NullPointerException.class,
                    () -> pool.images().mandelbrot(MandelbrotRegion.classic(2, 2), null)).getMessage());
        }
    }
}
