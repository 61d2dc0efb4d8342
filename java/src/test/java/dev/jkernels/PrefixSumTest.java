// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * prefixSum for all four types on every backend, thread count and ISA path, whole and sliced at random
 * offsets: integers against the sequential loop (exact, wrapping); floating ones within the documented
 * bound of an exact (BigDecimal) prefix sum, and the same bits everywhere. The large sizes span several of
 * the native glue's 4 MiB pinned windows: the carry must pass from one window to the next.
 */
class PrefixSumTest {
    /** Empty, tiny, the 8-element rows, the 4096 blocks, and several windows (512 Ki doubles each). */
    private static final int[] SIZES = {0, 1, 2, 7, 8, 9, 17, 4095, 4096, 4097, 16385, 65543, 1_300_007};
    private static final int PAD = 5;

    /**
     * Per size: the input (the slice at a random offset below PAD, PAD elements or more after it) and the
     * reference results of the 1-thread JAVA twin.
     */
    private static double[][] doubles, doubleRefs;
    private static float[][] floats, floatRefs;
    private static int[] offsets;

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    @BeforeAll
    static void references() {
        SplittableRandom r = new SplittableRandom(77);
        doubles = new double[SIZES.length][];
        doubleRefs = new double[SIZES.length][];
        floats = new float[SIZES.length][];
        floatRefs = new float[SIZES.length][];
        offsets = new int[SIZES.length];
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            for (int s = 0; s < SIZES.length; s++) {
                int n = SIZES[s];
                double[] x = new double[n + 2 * PAD];
                float[] f = new float[n + 2 * PAD];
                for (int i = 0; i < x.length; i++) {
                    // cancellation and magnitudes from 2^-30 to 2^30
                    x[i] = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-30, 31));
                    f[i] = (float) ((r.nextDouble() - 0.3) * Math.scalb(1.0, r.nextInt(-10, 11)));
                }
                doubles[s] = x;
                floats[s] = f;
                offsets[s] = r.nextInt(PAD);
                doubleRefs[s] = x.clone();
                java.vectors().prefixSum(doubleRefs[s], offsets[s], n);
                floatRefs[s] = f.clone();
                java.vectors().prefixSum(floatRefs[s], offsets[s], n);
            }
        }
    }

    @Test
    void theReferenceIsWithinTheDocumentedBoundOfTheExactSums() {
        for (int s = 0; s < SIZES.length; s++) {
            int n = SIZES[s];
            if (n > 70_000) {
                continue; // the BigDecimal oracle's cost; the large size is held to these bits below
            }
            double[] x = doubles[s], y = doubleRefs[s];
            float[] f = floats[s], g = floatRefs[s];
            int off = offsets[s];
            BigDecimal exact = BigDecimal.ZERO, exactF = BigDecimal.ZERO;
            double absSum = 0;
            for (int i = 0; i < n; i++) {
                exact = exact.add(new BigDecimal(x[off + i]));
                exactF = exactF.add(new BigDecimal(f[off + i]));
                absSum += Math.abs(x[off + i]);
                double bound = (i / 4096 + 516) * Math.ulp(1.0) / 2 * absSum * 1.01; // VectorOps.prefixSum's
                double err = new BigDecimal(y[off + i]).subtract(exact).abs().doubleValue();
                assertTrue(err <= bound, "n=" + n + " i=" + i + ": error " + err + " over the bound " + bound);
                // floats: the double sum's error is far below a float's half ulp, so the result is the float
                // nearest the exact sum or its neighbour
                float nearest = exactF.round(MathContext.DECIMAL128).floatValue();
                assertTrue(Math.abs(g[off + i] - nearest) <= Math.ulp(nearest),
                        "float n=" + n + " i=" + i + ": " + g[off + i] + " vs exact " + nearest);
            }
            assertEquals(Double.doubleToRawLongBits(x[off]), Double.doubleToRawLongBits(y[off]), "x[0] stays as it is");
            assertUntouched(x, y, off, n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void floatingPrefixSumsHaveTheReferenceBits(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (int s = 0; s < SIZES.length; s++) {
                int n = SIZES[s];
                double[] y = doubles[s].clone();
                pool.vectors().prefixSum(y, offsets[s], n);
                assertArrayEquals(doubleRefs[s], y, config + " double n=" + n);
                float[] g = floats[s].clone();
                pool.vectors().prefixSum(g, offsets[s], n);
                assertArrayEquals(floatRefs[s], g, config + " float n=" + n);
            }
            double[] whole = doubles[4].clone(); // the whole-array form is the slice [0, length)
            double[] wholeRef = whole.clone();
            pool.vectors().prefixSum(whole);
            pool.vectors().prefixSum(wholeRef, 0, wholeRef.length);
            assertArrayEquals(wholeRef, whole, config + " whole array");
            float[] wholeF = floats[4].clone(), wholeFRef = wholeF.clone();
            pool.vectors().prefixSum(wholeF);
            pool.vectors().prefixSum(wholeFRef, 0, wholeFRef.length);
            assertArrayEquals(wholeFRef, wholeF, config + " whole float array");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void integerPrefixSumsAreTheLoopsWrappingIncluded(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(5);
        try (KernelPool pool = config.open()) {
            for (int n : new int[] {0, 1, 15, 16, 17, 4097, 70_001, 2_500_001}) {
                int off = r.nextInt(PAD);
                long[] l = r.longs(n + 2 * PAD).toArray();
                int[] v = r.ints(n + 2 * PAD).toArray();
                long[] wantL = l.clone();
                int[] wantV = v.clone();
                for (int i = off + 1; i < off + n; i++) {
                    wantL[i] += wantL[i - 1];
                    wantV[i] += wantV[i - 1];
                }
                pool.vectors().prefixSum(l, off, n);
                pool.vectors().prefixSum(v, off, n);
                assertArrayEquals(wantL, l, config + " long n=" + n);
                assertArrayEquals(wantV, v, config + " int n=" + n);
            }
            long[] l = {Long.MAX_VALUE, 1, 2};
            pool.vectors().prefixSum(l);
            assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 2}, l, "longs wrap");
            int[] v = {Integer.MAX_VALUE, 1, -1};
            pool.vectors().prefixSum(v);
            assertArrayEquals(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE}, v, "ints wrap");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void specialValuesPropagate(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] zeros = {-0.0, -0.0, -0.0};
            pool.vectors().prefixSum(zeros);
            for (double z : zeros) {
                assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(z), "-0.0 sums stay -0.0");
            }
            double[] x = new double[5000];
            Arrays.fill(x, 1.0);
            x[3] = Double.POSITIVE_INFINITY;
            x[4100] = Double.NEGATIVE_INFINITY;
            pool.vectors().prefixSum(x);
            assertEquals(3.0, x[2]);
            assertEquals(Double.POSITIVE_INFINITY, x[4099]);
            assertTrue(Double.isNaN(x[4100]) && Double.isNaN(x[4999]), "+Inf then -Inf: NaN from the second on");
            float[] f = new float[100];
            Arrays.fill(f, 2f);
            f[50] = Float.NaN;
            pool.vectors().prefixSum(f);
            assertEquals(100f, f[49]);
            assertTrue(Float.isNaN(f[50]) && Float.isNaN(f[99]), "NaN from the first NaN on");
            float[] tenth = new float[10_000_000];
            Arrays.fill(tenth, 0.1f);
            pool.vectors().prefixSum(tenth);
            double exact = 10_000_000 * (double) 0.1f;
            assertEquals(exact, tenth[tenth.length - 1], exact * 1e-6, "10^7 copies of 0.1f, accumulated in double");
            double[] one = {42.5};
            pool.vectors().prefixSum(one, 0, 1);
            assertEquals(42.5, one[0]);
            pool.vectors().prefixSum(new double[0]);
            pool.vectors().prefixSum(new int[3], 3, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void badArgumentsAreRefusedBeforeAnythingChanges(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            double[] x = {1, 2, 3};
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> pool.vectors().prefixSum(x, 2, 2));
            assertTrue(e.getMessage().contains("2"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> pool.vectors().prefixSum(new float[3], -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> pool.vectors().prefixSum(new long[3], 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> pool.vectors().prefixSum(new int[3], 4, 0));
            assertThrows(NullPointerException.class, () -> pool.vectors().prefixSum((double[]) null));
            assertThrows(NullPointerException.class, () -> pool.vectors().prefixSum((float[]) null, 0, 0));
            assertThrows(NullPointerException.class, () -> pool.vectors().prefixSum((long[]) null));
            assertThrows(NullPointerException.class, () -> pool.vectors().prefixSum((int[]) null, 0, 0));
            assertArrayEquals(new double[] {1, 2, 3}, x, "nothing changed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void asynchronousPrefixSumsHaveTheSameResults(PoolConfigs.Config config) throws Exception {
        int s = SIZES.length - 1;
        try (KernelPool pool = config.open()) {
            double[] y = doubles[s].clone();
            Object filled = pool.submit(p -> {
                p.vectors().prefixSum(y, offsets[s], SIZES[s]);
                return y;
            }).get();
            assertTrue(filled == y, "the future gives the array it filled");
            assertArrayEquals(doubleRefs[s], y, config + " async double");
            long[] l = new SplittableRandom(3).longs(100_003).toArray();
            long[] want = l.clone();
            Arrays.parallelPrefix(want, Long::sum);
            pool.submit(p -> {
                p.vectors().prefixSum(l);
                return null;
            }).get();
            assertArrayEquals(want, l, config + " async long");
        }
    }

    /**
     * Native chunks of a prefix sum wait for the carry of the chunk before them; a shutdownNow at any moment
     * must end every call (cancelled, or done) rather than leave a chunk waiting for a carry that never comes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void prefixSumsCancelledMidwayEndRatherThanWait(PoolConfigs.Config config) throws Exception {
        double[] x = new double[3_000_000];
        long[] l = new long[3_000_000];
        for (int round = 0; round < 12; round++) {
            KernelPool pool = config.open();
            Arrays.fill(x, 1.0);
            java.util.concurrent.CompletableFuture<Void> sync = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1000; i++) {
                    pool.vectors().prefixSum(x);
                }
            });
            KernelFuture<Object> async = pool.submit(p -> {
                p.vectors().prefixSum(l);
                return null;
            });
            Thread.sleep(round % 4);
            pool.shutdownNow();
            try {
                sync.get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                assertTrue(c instanceof java.util.concurrent.CancellationException || c instanceof IllegalStateException,
                        "a sync call ends cancelled, or finds the pool closed: " + c);
            }
            try {
                async.get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.CancellationException expected) {
                // cancelled before or while it ran
            }
            pool.close();
        }
    }

    private static void assertUntouched(double[] before, double[] after, int off, int n) {
        for (int i = 0; i < before.length; i++) {
            if (i < off || i >= off + n) {
                assertEquals(before[i], after[i], "outside the slice, at " + i);
            }
        }
    }

    /**
     * A synchronous call whose windows find the pool busy (an asynchronous job holds the workers) runs them
     * on native copies instead of pinned arrays: the carry still passes from window to window.
     */
    @Test
    void windowsOnCopiesGiveTheSameBits() throws Exception {
        int s = SIZES.length - 1;
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            long[] fibs = new long[400];
            Arrays.fill(fibs, 32);
            KernelFuture<long[]> busy = pool.submit(LongKernels.FIB, fibs);
            LifecycleTest.awaitTrue("the pool is busy", () -> pool.stats().active() > 0);
            double[] y = doubles[s].clone();
            // Busy when the call starts: its first window cannot pin, so it runs on a copy (queued behind the
            // job's chunks), and so do the next ones while the job has chunks left.
            boolean busyAtStart = !busy.isDone() && pool.stats().active() > 0;
            pool.vectors().prefixSum(y, offsets[s], SIZES[s]);
            busy.cancel(true);
            assertTrue(busyAtStart, "the pool was busy when the call started");
            assertArrayEquals(doubleRefs[s], y, "windows on copies");
        }
    }
}
