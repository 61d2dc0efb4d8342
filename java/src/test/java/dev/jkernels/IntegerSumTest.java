// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sums of long[] (wrapping like Java's +) and int[] (exact, as a long) on every backend, thread count and
 * ISA path, whole and sliced; and the asynchronous forms of the typed reductions, which return their own
 * boxed type.
 */
class IntegerSumTest {
    private static final int[] SIZES = {0, 1, 7, 4095, 4096, 4097, 16385, 300_007};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sumsAreExactOrWrapLikeJava(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(21);
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                long[] longs = r.longs(n + 10).toArray();
                int[] ints = r.ints(n + 10).toArray();
                int off = r.nextInt(10);
                ints[off] = Integer.MAX_VALUE;
                ints[off + n / 2] = Integer.MAX_VALUE;
                long wrapped = 0, exact = 0;
                for (int i = off; i < off + n; i++) {
                    wrapped += longs[i];
                    exact += ints[i];
                }
                assertEquals(wrapped, pool.vectors().sum(longs, off, n), "long slice n=" + n);
                assertEquals(exact, pool.vectors().sum(ints, off, n), "int slice n=" + n);
                long wholeLongs = 0, wholeInts = 0;
                for (int i = 0; i < longs.length; i++) {
                    wholeLongs += longs[i];
                    wholeInts += ints[i];
                }
                assertEquals(wholeLongs, pool.vectors().sum(longs), "long n=" + n);
                assertEquals(wholeInts, pool.vectors().sum(ints), "int n=" + n);
            }
        }
    }

    @Test
    void extremesWrapOrWiden() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            assertEquals(Long.MIN_VALUE + 4, pool.vectors().sum(new long[] {Long.MAX_VALUE, 5}));
            int[] big = new int[100_000];
            java.util.Arrays.fill(big, Integer.MAX_VALUE);
            assertEquals(100_000L * Integer.MAX_VALUE, pool.vectors().sum(big));
            assertEquals(0L, pool.vectors().sum(new int[0]));
            assertThrows(IndexOutOfBoundsException.class, () -> pool.vectors().sum(new long[3], 2, 2));
            assertThrows(NullPointerException.class, () -> pool.vectors().sum((int[]) null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void everyTypedReductionGoesAsynchronousWithItsOwnType(PoolConfigs.Config config) throws Exception {
        long[] longs = {1, 2, 3, Long.MAX_VALUE};
        int[] ints = {Integer.MAX_VALUE, Integer.MAX_VALUE};
        float[] floats = {0.5f, 0.25f, 0.125f};
        try (KernelPool pool = config.open()) {
            Long l = pool.submit(p -> p.vectors().sum(longs)).get();
            Long i = pool.submit(p -> p.vectors().sum(ints, 0, 2)).get();
            Float f = pool.submit(p -> p.vectors().sum(floats)).get();
            Float d = pool.submit(p -> p.vectors().dot(floats, floats)).get();
            Float n = pool.submit(p -> p.vectors().norm2(floats, 1, 2)).get();
            assertEquals(pool.vectors().sum(longs), l);
            assertEquals(2L * Integer.MAX_VALUE, i);
            assertEquals(0.875f, f);
            assertEquals(pool.vectors().dot(floats, floats), d);
            assertEquals(pool.vectors().norm2(floats, 1, 2), n);
        }
    }
}
