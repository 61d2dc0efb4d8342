// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RandomOps on every backend, thread count and ISA path: the Philox4x32-10 known answer through the public
 * stream, the same values everywhere and for any split of a range, the documented mapping from words to
 * longs, doubles and floats, uniformity (Kolmogorov-Smirnov, chi-squared), and refused arguments.
 */
class RandomTest {
    private static final long SEED = 0x5DEECE66DL;
    /** Several of the native glue's 4 MiB windows of doubles, at an odd offset. */
    private static final int N = 1_300_007;
    private static final long OFFSET = 123_456_789_012L;

    private static double[] doubles;
    private static float[] floats;
    private static long[] longs;
    private static int[] ints;

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    @BeforeAll
    static void references() {
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            doubles = new double[N];
            java.random().uniform(SEED, OFFSET, doubles);
            floats = new float[N];
            java.random().uniform(SEED, OFFSET, floats);
            longs = new long[N];
            java.random().bits(SEED, OFFSET, longs);
            ints = new int[2 * N];
            java.random().bits(SEED, 2 * OFFSET, ints);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void theStreamStartsWithRandom123sKnownAnswer(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            int[] words = new int[6];
            pool.random().bits(0, 0, words);
            // philox4x32 10, counter 0 0 0 0, key 0 0 -> 6627e8d5 e169c58d bc57ac4c 9b00dbd8
            assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, Arrays.copyOf(words, 4));
            long[] first = new long[2];
            pool.random().bits(0, 0, first);
            assertEquals(0xe169c58d_6627e8d5L, first[0], "long 0 is word 0 with word 1 as its high half");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyConfigurationGivesTheSameValues(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] d = new double[N];
            pool.random().uniform(SEED, OFFSET, d);
            assertArrayEquals(doubles, d, config + " doubles");
            float[] f = new float[N + 10];
            pool.random().uniform(SEED, OFFSET, f, 10, N);
            assertArrayEquals(floats, Arrays.copyOfRange(f, 10, N + 10), config + " floats, into a slice");
            long[] l = new long[N];
            pool.random().bits(SEED, OFFSET, l);
            assertArrayEquals(longs, l, config + " longs");
            int[] w = new int[2 * N];
            pool.random().bits(SEED, 2 * OFFSET, w);
            assertArrayEquals(ints, w, config + " ints");
            // one call equals two, cut anywhere
            int cut = 654_321 + config.threads();
            double[] split = new double[N];
            pool.random().uniform(SEED, OFFSET, split, 0, cut);
            pool.random().uniform(SEED, OFFSET + cut, split, cut, N - cut);
            assertArrayEquals(doubles, split, config + " split at " + cut);
        }
    }

    /** Near the end of the stream the word index passes 2^63 (longs take two words each): unsigned there too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void theEndOfTheStreamIsTheSameEverywhere(PoolConfigs.Config config) {
        long[] want = new long[40];
        double[] wantD = new double[40];
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            java.random().bits(SEED, Long.MAX_VALUE - 40, want);
            java.random().uniform(SEED, Long.MAX_VALUE - 40, wantD);
        }
        try (KernelPool pool = config.open()) {
            long[] got = new long[40];
            double[] gotD = new double[40];
            pool.random().bits(SEED, Long.MAX_VALUE - 40, got);
            pool.random().uniform(SEED, Long.MAX_VALUE - 40, gotD);
            assertArrayEquals(want, got, config + " longs at the end");
            assertArrayEquals(wantD, gotD, config + " doubles at the end");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void estimatePiIsTheSameEverywhere(PoolConfigs.Config config) {
        double want;
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            want = java.random().estimatePi(SEED, 1_000_003);
        }
        try (KernelPool pool = config.open()) {
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(pool.random().estimatePi(SEED, 1_000_003)),
                    config + ": " + want);
            assertThrows(IllegalArgumentException.class, () -> pool.random().estimatePi(SEED, 0));
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> pool.random().estimatePi(SEED, (1L << 62) + 1));
            assertTrue(big.getMessage().contains(Long.toString((1L << 62) + 1)), big.getMessage());
        }
    }

    /** The contract's check: 10^9 samples within 4 standard errors of pi (native: the twin would take minutes). */
    @Test
    void aBillionSamplesLandWithinFourStandardErrors() throws Exception {
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            long samples = 1_000_000_000L;
            double pi = pool.random().estimatePi(SEED, samples), p = Math.PI / 4;
            double se = 4 * Math.sqrt(p * (1 - p) / samples);
            assertTrue(Math.abs(pi - Math.PI) < 4 * se, pi + " is " + Math.abs(pi - Math.PI) / se + " standard errors off");
            Double async = pool.submit(q -> q.random().estimatePi(SEED, 10_000_000L)).get();
            assertEquals(pool.random().estimatePi(SEED, 10_000_000L), async, "asynchronously, the same estimate");
        }
    }

    @Test
    void valuesAreTheDocumentedFunctionsOfTheWords() {
        for (int i = 0; i < N; i++) {
            long fromWords = (ints[2 * i] & 0xFFFFFFFFL) | (long) ints[2 * i + 1] << 32;
            assertEquals(fromWords, longs[i], "long " + i);
            assertEquals((double) (fromWords >>> 11) * 0x1p-53, doubles[i], "double " + i);
            assertTrue(doubles[i] >= 0.0 && doubles[i] < 1.0, "double " + i + " in [0, 1)");
        }
        try (KernelPool pool = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            int[] words = new int[N];
            pool.random().bits(SEED, OFFSET, words);
            for (int i = 0; i < N; i++) {
                assertEquals((float) (words[i] >>> 8) * 0x1p-24f, floats[i], "float " + i);
                assertTrue(floats[i] >= 0f && floats[i] < 1f, "float " + i + " in [0, 1)");
            }
        }
    }

    @Test
    void uniformValuesPassKolmogorovSmirnovAndChiSquared() {
        double[] sorted = Arrays.copyOf(doubles, 200_000);
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.length; i++) {
            d = Math.max(d, Math.max((i + 1.0) / sorted.length - sorted[i], sorted[i] - (double) i / sorted.length));
        }
        double critical = 1.949 / Math.sqrt(sorted.length); // alpha = 0.001
        assertTrue(d < critical, "KS distance " + d + " over the 0.1% critical value " + critical);
        int bins = 1000;
        long[] counts = new long[bins];
        for (float f : floats) {
            counts[(int) (f * bins)]++;
        }
        double expected = (double) floats.length / bins, chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 999 degrees of freedom: mean 999, sd sqrt(2 * 999) = 44.7; 0.1% tails about +-3.1 sd
        assertTrue(chi2 > 999 - 3.1 * 44.7 && chi2 < 999 + 3.1 * 44.7, "chi-squared " + chi2 + " over 1000 bins");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void badArgumentsAreRefusedNamingTheValues(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] x = new double[4];
            IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                    () -> pool.random().uniform(1, -1, x));
            assertTrue(neg.getMessage().contains("-1"), neg.getMessage());
            IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                    () -> pool.random().bits(1, Long.MAX_VALUE - 3, new long[4]));
            assertTrue(past.getMessage().contains(Long.toString(Long.MAX_VALUE - 3)), past.getMessage());
            pool.random().bits(1, Long.MAX_VALUE - 4, new long[4]); // the end at Long.MAX_VALUE: fine
            assertThrows(IndexOutOfBoundsException.class, () -> pool.random().uniform(1, 0, x, 3, 2));
            assertThrows(NullPointerException.class, () -> pool.random().uniform(1, 0, (double[]) null));
            assertThrows(NullPointerException.class, () -> pool.random().bits(1, 0, (int[]) null, 0, 0));
            assertArrayEquals(new double[4], x, "nothing written");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void asynchronousFillsHaveTheSameValues(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            double[] d = new double[N];
            Object filled = pool.submit(p -> {
                p.random().uniform(SEED, OFFSET, d);
                return d;
            }).get();
            assertTrue(filled == d);
            assertArrayEquals(doubles, d, config + " async");
        }
    }
}
