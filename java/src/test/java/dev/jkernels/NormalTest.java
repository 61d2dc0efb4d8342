// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code random().normal} on every backend, thread count and ISA path: the same values everywhere and for any
 * split of a range, each pair the Box-Muller transform of the documented uniforms (checked with Math's log
 * and atan2, not jkernels' own functions), the normal distribution (Kolmogorov-Smirnov, chi-squared,
 * moments), the documented bound, and refused arguments.
 */
class NormalTest {
    private static final long SEED = 0x2545F4914F6CDD1DL;
    /** Several of the native glue's windows, at an odd offset and an odd length: pairs cut at both ends. */
    private static final int N = 1_300_007;
    private static final long OFFSET = 987_654_321_013L;

    private static double[] doubles;
    private static float[] floats;

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    @BeforeAll
    static void references() {
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            doubles = new double[N];
            java.random().normal(SEED, OFFSET, doubles);
            floats = new float[N];
            java.random().normal(SEED, OFFSET, floats);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyConfigurationGivesTheSameValues(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] d = new double[N];
            pool.random().normal(SEED, OFFSET, d);
            assertArrayEquals(doubles, d, config + " doubles");
            float[] f = new float[N + 10];
            pool.random().normal(SEED, OFFSET, f, 10, N);
            assertArrayEquals(floats, Arrays.copyOfRange(f, 10, N + 10), config + " floats, into a slice");
            // the offset is odd, so an even cut splits a double pair in two; every cut here splits a float block
            for (int cut : new int[] {654_321 + config.threads(), 2, N - 3}) {
                double[] split = new double[N];
                pool.random().normal(SEED, OFFSET, split, 0, cut);
                pool.random().normal(SEED, OFFSET + cut, split, cut, N - cut);
                assertArrayEquals(doubles, split, config + " doubles split at " + cut);
                float[] splitF = new float[N];
                pool.random().normal(SEED, OFFSET, splitF, 0, cut);
                pool.random().normal(SEED, OFFSET + cut, splitF, cut, N - cut);
                assertArrayEquals(floats, splitF, config + " floats split at " + cut);
            }
        }
    }

    /**
     * The stream's first normals of seed 42, pinned: every other check here is relative (path against path,
     * native against twin), so a change made to both sides alike would change the documented stream unseen.
     * test_kernels.c pins the same values.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void theFirstNormalsOfSeed42AreThePinnedOnes(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] d = new double[4];
            pool.random().normal(42, 0, d);
            assertArrayEquals(new double[] {-0x1.54ac03c1a032ap-1, 0x1.0938db380d761p0, -0x1.6f135c80fefcbp0,
                0x1.b16fd5e6389c7p-2}, d, config + " doubles");
            float[] f = new float[4];
            pool.random().normal(42, 0, f);
            assertArrayEquals(new float[] {-0x1.f0bcb4p-1f, 0x1.8d59d8p-3f, -0x1.3c519ap0f, 0x1.ec867cp0f}, f,
                    config + " floats");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void theEndOfTheStreamIsTheSameEverywhere(PoolConfigs.Config config) {
        double[] want = new double[41];
        float[] wantF = new float[41];
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            java.random().normal(SEED, Long.MAX_VALUE - 41, want);
            java.random().normal(SEED, Long.MAX_VALUE - 41, wantF);
        }
        try (KernelPool pool = config.open()) {
            double[] got = new double[41];
            float[] gotF = new float[41];
            pool.random().normal(SEED, Long.MAX_VALUE - 41, got);
            pool.random().normal(SEED, Long.MAX_VALUE - 41, gotF);
            assertArrayEquals(want, got, config + " doubles at the end");
            assertArrayEquals(wantF, gotF, config + " floats at the end");
        }
    }

    /** Pair j from the uniforms the class comment names: its squared radius is -2 ln u1, its angle 2 pi u2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void eachPairIsTheBoxMullerTransformOfTheDocumentedUniforms(PoolConfigs.Config config) {
        int pairs = 100_000;
        long block = 31_415_926_535L;
        try (KernelPool pool = config.open()) {
            long[] values = new long[2 * pairs];
            double[] z = new double[2 * pairs];
            pool.random().bits(SEED, 2 * block, values);
            pool.random().normal(SEED, 2 * block, z);
            for (int j = 0; j < pairs; j++) {
                double u1 = ((values[2 * j] >>> 11) + 1) * 0x1p-53, u2 = (values[2 * j + 1] >>> 11) * 0x1p-53;
                checkPair(z[2 * j], z[2 * j + 1], u1, u2, 1e-13, "double pair " + j);
            }
            int[] words = new int[4 * pairs];
            float[] f = new float[4 * pairs];
            pool.random().bits(SEED, 4 * block, words);
            pool.random().normal(SEED, 4 * block, f);
            for (int j = 0; j < 2 * pairs; j++) {
                double u1 = ((words[2 * j] >>> 8) + 1) * 0x1p-24, u2 = (words[2 * j + 1] >>> 8) * 0x1p-24;
                checkPair(f[2 * j], f[2 * j + 1], u1, u2, 2e-6, "float pair " + j);
            }
        }
    }

    private static void checkPair(double c, double s, double u1, double u2, double tolerance, String what) {
        double r2 = -2 * Math.log(u1);
        assertTrue(Math.abs(c * c + s * s - r2) <= tolerance * Math.max(r2, 1e-3), what + ": radius^2 "
                + (c * c + s * s) + " for -2 ln u1 = " + r2);
        if (r2 > 1e-6) { // the angle of a point this near the origin is noise
            double off = Math.atan2(s, c) / (2 * Math.PI) - u2;
            off = Math.abs(off - Math.rint(off)); // the angle wraps at a whole turn
            assertTrue(off <= 10 * tolerance, what + ": angle off by " + off + " turns for u2 = " + u2);
        }
    }

    @Test
    void everyValueIsFiniteAndWithinTheDocumentedBound() {
        for (int i = 0; i < N; i++) {
            assertTrue(Math.abs(doubles[i]) < 8.5717, "double " + i + ": " + doubles[i]);
            assertTrue(Math.abs(floats[i]) < 5.7682f, "float " + i + ": " + floats[i]);
        }
    }

    @Test
    void normalsPassKolmogorovSmirnovChiSquaredAndTheMoments() {
        double[] sorted = Arrays.copyOf(doubles, 200_000);
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.length; i++) {
            double cdf = NormalCdf.phi(sorted[i]);
            d = Math.max(d, Math.max((i + 1.0) / sorted.length - cdf, cdf - (double) i / sorted.length));
        }
        double critical = 1.949 / Math.sqrt(sorted.length); // alpha = 0.001
        assertTrue(d < critical, "KS distance " + d + " over the 0.1% critical value " + critical);

        int bins = 1000;
        long[] counts = new long[bins];
        for (float f : floats) {
            counts[Math.min(bins - 1, (int) (NormalCdf.phi(f) * bins))]++; // equally likely bins of the normal's quantiles
        }
        double expected = (double) floats.length / bins, chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 999 degrees of freedom: mean 999, sd sqrt(2 * 999) = 44.7; about 0.1% beyond each of +-3.1 sd
        assertTrue(chi2 > 999 - 3.1 * 44.7 && chi2 < 999 + 3.1 * 44.7, "chi-squared " + chi2 + " over 1000 bins");

        double m1 = 0, m2 = 0, m4 = 0;
        for (double z : doubles) {
            m1 += z;
            m2 += z * z;
            m4 += z * z * z * z;
        }
        m1 /= N;
        m2 /= N;
        m4 /= N;
        // standard errors of the sample moments of a standard normal: 1/sqrt(n), sqrt(2/n), sqrt(96/n)
        assertTrue(Math.abs(m1) < 5 / Math.sqrt(N), "mean " + m1);
        assertTrue(Math.abs(m2 - 1) < 5 * Math.sqrt(2.0 / N), "second moment " + m2);
        assertTrue(Math.abs(m4 - 3) < 5 * Math.sqrt(96.0 / N), "fourth moment " + m4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void badArgumentsAreRefusedNamingTheValues(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] x = new double[4];
            IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                    () -> pool.random().normal(1, -7, x));
            assertTrue(neg.getMessage().contains("-7"), neg.getMessage());
            IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                    () -> pool.random().normal(1, Long.MAX_VALUE - 3, new float[4]));
            assertTrue(past.getMessage().contains(Long.toString(Long.MAX_VALUE - 3)), past.getMessage());
            pool.random().normal(1, Long.MAX_VALUE - 4, new float[4]); // the end at Long.MAX_VALUE: fine
            assertThrows(IndexOutOfBoundsException.class, () -> pool.random().normal(1, 0, x, 3, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> pool.random().normal(1, 0, new float[2], -1, 1));
            assertThrows(NullPointerException.class, () -> pool.random().normal(1, 0, (double[]) null));
            assertThrows(NullPointerException.class, () -> pool.random().normal(1, 0, (float[]) null, 0, 0));
            assertArrayEquals(new double[4], x, "nothing written");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void asynchronousFillsHaveTheSameValues(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            float[] f = new float[N];
            Object filled = pool.submit(p -> {
                p.random().normal(SEED, OFFSET, f);
                return f;
            }).get();
            assertTrue(filled == f, "the call's own array comes back");
            assertArrayEquals(floats, f, config + " async");
            double[] sentinels = {7, 7, 7};
            pool.random().normal(SEED, OFFSET, sentinels, 1, 0); // an empty slice writes nothing
            assertArrayEquals(new double[] {7, 7, 7}, sentinels);
        }
    }
}
