// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * min, max, argmin, argmax of every element type on every backend, thread count and ISA path, against an
 * oracle written from their contract: Math.min / Math.max folded over the slice for the value, and for the
 * index the first element that is a NaN (if any) or else equal to that value with its sign of zero.
 */
class ExtremesTest {
    private static final int[] SIZES = {1, 2, 7, 64, 4095, 4096, 4097, 12_289, 100_003};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    /** Doubles with many ties, zeros of both signs, and (if nan) a few NaNs late in the array. */
    static double[] doubles(SplittableRandom r, int n, boolean nan) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(20);
            x[i] = k == 0 ? 0.0 : k == 1 ? -0.0 : r.nextInt(-1000, 1000) * 0.5;
        }
        if (nan && n > 8) { // two NaNs inside any slice that skips at most the first 5 and last 3 elements
            x[n - 4 - r.nextInt(Math.max(1, n / 2 - 4))] = Double.NaN;
            x[n - 4] = Double.NaN;
        }
        return x;
    }

    private static int firstIndexOf(double[] x, int off, int len, double v) {
        for (int i = off; i < off + len; i++) {
            if (Double.isNaN(v) ? Double.isNaN(x[i])
                    : Double.doubleToRawLongBits(x[i]) == Double.doubleToRawLongBits(v)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void floatingExtremesFollowMathMinAndMax(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(31);
        try (KernelPool pool = config.open()) {
            VectorOps v = pool.vectors();
            for (int n : SIZES) {
                for (boolean nan : new boolean[] {false, true}) {
                    int off = r.nextInt(5);
                    double[] x = doubles(r, off + n + 3, nan);
                    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                    for (int i = off; i < off + n; i++) {
                        min = Math.min(min, x[i]);
                        max = Math.max(max, x[i]);
                    }
                    String at = "n=" + n + " nan=" + nan;
                    assertEquals(Double.doubleToLongBits(min), Double.doubleToLongBits(v.min(x, off, n)), "min " + at);
                    assertEquals(Double.doubleToLongBits(max), Double.doubleToLongBits(v.max(x, off, n)), "max " + at);
                    assertEquals(firstIndexOf(x, off, n, min), v.argmin(x, off, n), "argmin " + at);
                    assertEquals(firstIndexOf(x, off, n, max), v.argmax(x, off, n), "argmax " + at);

                    float[] f = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        f[i] = (float) x[i];
                    }
                    assertEquals(Float.floatToIntBits((float) min), Float.floatToIntBits(v.min(f, off, n)), "float min " + at);
                    assertEquals(Float.floatToIntBits((float) max), Float.floatToIntBits(v.max(f, off, n)), "float max " + at);
                    assertEquals(firstIndexOf(x, off, n, min), v.argmin(f, off, n), "float argmin " + at);
                    assertEquals(firstIndexOf(x, off, n, max), v.argmax(f, off, n), "float argmax " + at);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void integerExtremesAreTheFirstSmallestAndLargest(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(32);
        try (KernelPool pool = config.open()) {
            VectorOps v = pool.vectors();
            for (int n : SIZES) {
                int off = r.nextInt(5);
                long[] l = r.longs(off + n + 2, -1000, 1000).toArray();
                int[] k = r.ints(off + n + 2).toArray();
                int lmin = off, lmax = off, kmin = off, kmax = off;
                for (int i = off + 1; i < off + n; i++) {
                    lmin = l[i] < l[lmin] ? i : lmin;
                    lmax = l[i] > l[lmax] ? i : lmax;
                    kmin = k[i] < k[kmin] ? i : kmin;
                    kmax = k[i] > k[kmax] ? i : kmax;
                }
                assertEquals(lmin, v.argmin(l, off, n), "long argmin n=" + n);
                assertEquals(lmax, v.argmax(l, off, n), "long argmax n=" + n);
                assertEquals(l[lmin], v.min(l, off, n), "long min n=" + n);
                assertEquals(l[lmax], v.max(l, off, n), "long max n=" + n);
                assertEquals(kmin, v.argmin(k, off, n), "int argmin n=" + n);
                assertEquals(kmax, v.argmax(k, off, n), "int argmax n=" + n);
                assertEquals(k[kmin], v.min(k, off, n), "int min n=" + n);
                assertEquals(k[kmax], v.max(k, off, n), "int max n=" + n);
            }
            assertEquals(Long.MIN_VALUE, v.min(new long[] {5, Long.MIN_VALUE, Long.MAX_VALUE}));
            assertEquals(Integer.MAX_VALUE, v.max(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0}));
        }
    }

    @Test
    void signedZerosNaNsAndEmptyInput() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            VectorOps v = pool.vectors();
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v.min(new double[] {0.0, -0.0})));
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(v.max(new double[] {-0.0, 0.0})));
            assertEquals(1, v.argmin(new double[] {0.0, -0.0, -0.0}));
            assertEquals(2, v.argmax(new float[] {1f, 2f, Float.NaN, 3f, Float.NaN}));
            assertTrue(Double.isNaN(v.min(new double[] {1, Double.NaN, -1})));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.min(new double[0]));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> v.argmax(new int[5], 2, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> v.argmin(new long[5], 4, 2));
            assertThrows(NullPointerException.class, () -> v.max((float[]) null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void extremesGoAsynchronousAndSliceIndicesStayAbsolute(PoolConfigs.Config config) throws Exception {
        double[] x = {9, 8, 1, 7, 1, 6};
        int[] k = {3, -4, 5, -4};
        try (KernelPool pool = config.open()) {
            assertEquals(4, pool.submit(p -> p.vectors().argmin(x, 3, 3)).get());
            assertEquals(1.0, pool.submit(p -> p.vectors().min(x, 1, 4)).get());
            assertEquals(-4, pool.submit(p -> p.vectors().min(k)).get());
            assertEquals(2, pool.submit(p -> p.vectors().argmax(k, 1, 3)).get());
        }
    }
}
