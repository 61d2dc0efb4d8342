// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sort and argsort for all four types on every backend, thread count and ISA path: every length to 64,
 * powers of two around the network, team and split sizes, a million keys (not at the quick TestScale), each in every pattern that breaks
 * careless quicksorts and with NaNs of several payloads and both signs, -0.0 and infinities; the range is a
 * slice with guard keys around it. sort must leave exactly the bits Arrays.sort leaves (NaN payloads and
 * their order included) and not touch the guards; argsort must be a permutation of the range's indices that
 * orders it in Double.compare's order with ties by index (the stable one, unique: so the same on every
 * backend). Bad ranges get Arrays.sort's exceptions, with its messages.
 */
class SortingTest {
    private static final int PAD = 3;
    private static final int[] SIZES = sizes();

    private static int[] sizes() {
        // The quick scale (TestScale) leaves out the million: 100,003 already splits among teams.
        int[] extra = TestScale.QUICK
                ? new int[] {127, 128, 129, 255, 256, 257, 1023, 1024, 1025, 16384, 16385, 32767, 32768, 32769, 100_003}
                : new int[] {127, 128, 129, 255, 256, 257, 1023, 1024, 1025, 16384, 16385, 32767, 32768, 32769, 100_003,
                    1_000_003};
        int[] all = new int[65 + extra.length];
        for (int i = 0; i <= 64; i++) {
            all[i] = i;
        }
        System.arraycopy(extra, 0, all, 65, extra.length);
        return all;
    }

    enum Pattern { RANDOM, SORTED, REVERSED, EQUAL, FEW, ORGAN_PIPE, SAWTOOTH, ONE_SWAP, SPECIALS, KILLER }

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    /** The keys of a pattern as doubles (each kind narrows them to its type). */
    static double[] keys(SplittableRandom r, int n, Pattern p) {
        double[] specials = {Double.NaN, Double.longBitsToDouble(0xFFF8000000000001L),
                Double.longBitsToDouble(0x7FF0000000000ABCL), Double.longBitsToDouble(0xFFF4000000000000L), -0.0, 0.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1};
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (p) {
                case RANDOM -> (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-20, 21));
                case SORTED -> i;
                case REVERSED -> n - i;
                case EQUAL -> 5;
                case FEW -> r.nextInt(4);
                case ORGAN_PIPE -> i < n / 2 ? i : n - i;
                case SAWTOOTH -> i % 37;
                case ONE_SWAP -> i == n / 3 ? n / 2 : i == n / 2 ? n / 3 : i;
                case SPECIALS -> specials[r.nextInt(specials.length)];
                case KILLER -> i % 2 == 0 ? i : n / 2 + i; // the median-of-3 killer's shape
            };
        }
        return x;
    }

    /** One element type: making keys, Arrays.sort, the pool's calls, and key comparison. */
    enum Kind {
        DOUBLE {
            Object make(double[] k) {
                return k.clone();
            }

            void jdk(Object a, int from, int to) {
                Arrays.sort((double[]) a, from, to);
            }

            void sort(Sorting s, Object a, int from, int to) {
                s.sort((double[]) a, from, to);
            }

            int[] argsort(Sorting s, Object a, int from, int to) {
                return s.argsort((double[]) a, from, to);
            }

            int compare(Object a, int i, int j) {
                return Double.compare(((double[]) a)[i], ((double[]) a)[j]);
            }

            long[] bits(Object a) {
                return Arrays.stream((double[]) a).mapToLong(Double::doubleToRawLongBits).toArray();
            }
        },
        FLOAT {
            Object make(double[] k) {
                float[] f = new float[k.length];
                for (int i = 0; i < k.length; i++) {
                    long b = Double.doubleToRawLongBits(k[i]);
                    // NaNs keep a payload and sign of their own; the rest round
                    f[i] = k[i] != k[i] ? Float.intBitsToFloat((int) (b >>> 32) | 0x7F800000 | (int) (b & 0xFF))
                            : (float) k[i];
                }
                return f;
            }

            void jdk(Object a, int from, int to) {
                Arrays.sort((float[]) a, from, to);
            }

            void sort(Sorting s, Object a, int from, int to) {
                s.sort((float[]) a, from, to);
            }

            int[] argsort(Sorting s, Object a, int from, int to) {
                return s.argsort((float[]) a, from, to);
            }

            int compare(Object a, int i, int j) {
                return Float.compare(((float[]) a)[i], ((float[]) a)[j]);
            }

            long[] bits(Object a) {
                float[] f = (float[]) a;
                long[] b = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    b[i] = Float.floatToRawIntBits(f[i]);
                }
                return b;
            }
        },
        LONG {
            Object make(double[] k) {
                long[] l = new long[k.length];
                for (int i = 0; i < k.length; i++) {
                    l[i] = k[i] != k[i] ? Long.MIN_VALUE : Double.isInfinite(k[i]) ? (long) k[i] : (long) (k[i] * 1e6);
                }
                return l;
            }

            void jdk(Object a, int from, int to) {
                Arrays.sort((long[]) a, from, to);
            }

            void sort(Sorting s, Object a, int from, int to) {
                s.sort((long[]) a, from, to);
            }

            int[] argsort(Sorting s, Object a, int from, int to) {
                return s.argsort((long[]) a, from, to);
            }

            int compare(Object a, int i, int j) {
                return Long.compare(((long[]) a)[i], ((long[]) a)[j]);
            }

            long[] bits(Object a) {
                return ((long[]) a).clone();
            }
        },
        INT {
            Object make(double[] k) {
                int[] v = new int[k.length];
                for (int i = 0; i < k.length; i++) {
                    v[i] = k[i] != k[i] ? Integer.MIN_VALUE : (int) (k[i] * 100);
                }
                return v;
            }

            void jdk(Object a, int from, int to) {
                Arrays.sort((int[]) a, from, to);
            }

            void sort(Sorting s, Object a, int from, int to) {
                s.sort((int[]) a, from, to);
            }

            int[] argsort(Sorting s, Object a, int from, int to) {
                return s.argsort((int[]) a, from, to);
            }

            int compare(Object a, int i, int j) {
                return Integer.compare(((int[]) a)[i], ((int[]) a)[j]);
            }

            long[] bits(Object a) {
                return Arrays.stream((int[]) a).asLongStream().toArray();
            }
        };

        abstract Object make(double[] keys);

        abstract void jdk(Object a, int from, int to);

        abstract void sort(Sorting s, Object a, int from, int to);

        abstract int[] argsort(Sorting s, Object a, int from, int to);

        abstract int compare(Object a, int i, int j);

        abstract long[] bits(Object a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sortsAndArgsortsLikeArraysSort(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(2026);
        try (KernelPool pool = config.open()) {
            for (Kind kind : Kind.values()) {
                for (int n : SIZES) {
                    for (Pattern p : Pattern.values()) {
                        if (n > 100_000 && p != Pattern.RANDOM && p != Pattern.SPECIALS && p != Pattern.FEW) {
                            continue;
                        }
                        double[] k = keys(r, n + 2 * PAD, p);
                        check(pool.sorting(), kind, kind.make(k), n, config + " " + kind + " n=" + n + " " + p);
                    }
                }
            }
        }
    }

    /** The slice [PAD, PAD + n) of keys: sort against Arrays.sort, argsort as the stable sorting permutation. */
    private static void check(Sorting sorting, Kind kind, Object keys, int n, String what) {
        int from = PAD, to = PAD + n;
        Object expected = copy(keys);
        kind.jdk(expected, from, to);
        Object actual = copy(keys);
        kind.sort(sorting, actual, from, to);
        assertArrayEquals(kind.bits(expected), kind.bits(actual), what + ": sort");

        int[] p = kind.argsort(sorting, keys, from, to);
        assertEquals(n, p.length, what);
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            int at = p[i];
            if (at < from || at >= to || seen[at - from]) {
                fail(what + ": argsort index " + i + " is " + at + ", not a new index of the range");
            }
            seen[at - from] = true;
            if (i > 0) {
                int c = kind.compare(keys, p[i - 1], at);
                if (c > 0 || (c == 0 && p[i - 1] > at)) {
                    fail(what + ": argsort indices " + p[i - 1] + ", " + at + " at " + (i - 1) + " are out of order");
                }
            }
        }
    }

    private static Object copy(Object a) {
        return TestArrays.copy(a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void wholeArraysAndAsyncCallsGiveTheSame(PoolConfigs.Config config) throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = keys(r, 200_000, Pattern.SPECIALS);
        for (int i = 0; i < x.length; i += 3) {
            x[i] = r.nextGaussian();
        }
        try (KernelPool pool = config.open()) {
            double[] jdk = x.clone();
            Arrays.sort(jdk);
            double[] ours = x.clone();
            pool.sorting().sort(ours);
            assertArrayEquals(Kind.DOUBLE.bits(jdk), Kind.DOUBLE.bits(ours), config + " whole sort");
            int[] sync = pool.sorting().argsort(x);
            Integer[] boxed = new Integer[x.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (i, j) -> Double.compare(x[i], x[j])); // stable: the one permutation argsort means
            assertArrayEquals(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), sync, config + " argsort");
            int[] async = pool.submit(p -> p.sorting().argsort(x)).get(60, TimeUnit.SECONDS);
            assertArrayEquals(sync, async, config + " async argsort");
            double[] later = x.clone();
            double[] written = pool.submit(p -> {
                p.sorting().sort(later);
                return later;
            }).get(60, TimeUnit.SECONDS);
            assertTrue(written == later, "the future gives the array back");
            assertArrayEquals(Kind.DOUBLE.bits(jdk), Kind.DOUBLE.bits(later), config + " async sort");
            long[] longs = r.longs(50_000).toArray();
            int[] ints = r.ints(50_000).toArray();
            float[] floats = (float[]) Kind.FLOAT.make(x);
            long[] l = longs.clone();
            pool.sorting().sort(l);
            Arrays.sort(longs);
            assertArrayEquals(longs, l, config + " whole long[]");
            int[] v = ints.clone();
            pool.sorting().sort(v);
            Arrays.sort(ints);
            assertArrayEquals(ints, v, config + " whole int[]");
            float[] f = floats.clone();
            pool.sorting().sort(f);
            Arrays.sort(floats);
            assertArrayEquals(Kind.FLOAT.bits(floats), Kind.FLOAT.bits(f), config + " whole float[]");
            assertArrayEquals(pool.sorting().argsort(floats), identity(floats.length), "sorted floats: identity");
            assertArrayEquals(pool.sorting().argsort(longs), identity(longs.length), "sorted longs: identity");
            assertArrayEquals(pool.sorting().argsort(ints), identity(ints.length), "sorted ints: identity");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void aCancelledSortLeavesAPermutationAndThePoolWorks(PoolConfigs.Config config) throws Exception {
        SplittableRandom r = new SplittableRandom(9);
        double[] x = keys(r, 4_000_000, Pattern.SPECIALS);
        for (int i = 0; i < x.length; i += 2) {
            x[i] = r.nextDouble();
        }
        try (KernelPool pool = config.open()) {
            double[] a = x.clone();
            KernelFuture<double[]> f = pool.submit(p -> {
                p.sorting().sort(a);
                return a;
            });
            f.cancel(true);
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.CancellationException e) {
                // expected unless it finished first
            }
            long[] before = Kind.DOUBLE.bits(x), after = Kind.DOUBLE.bits(a);
            Arrays.sort(before);
            Arrays.sort(after);
            assertArrayEquals(before, after, config + ": the array holds the same bits, in some order");
            int[] small = pool.sorting().argsort(new int[] {3, 1, 2});
            assertArrayEquals(new int[] {1, 2, 0}, small, "the pool still works");
        }
        // A synchronous sort stopped by shutdownNow from another thread: sorted, or a permutation of its input.
        KernelPool doomed = config.open();
        double[] b = x.clone();
        Thread sorter = new Thread(() -> {
            try {
                doomed.sorting().sort(b);
            } catch (IllegalStateException e) { // CancellationException among them
                // stopped: what is left must still be the input's keys
            }
        });
        sorter.start();
        Thread.sleep(15);
        doomed.shutdownNow();
        sorter.join(60_000);
        long[] before = Kind.DOUBLE.bits(x), after = Kind.DOUBLE.bits(b);
        Arrays.sort(before);
        Arrays.sort(after);
        assertArrayEquals(before, after, config + ": a stopped synchronous sort keeps the same bits");
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    @Test
    void badRangesGetArraysSortsExceptions() {
        KernelPool pool = KernelPool.create();
        try {
            Sorting s = pool.sorting();
            double[] d = new double[5];
            int[][] ranges = {{3, 2}, {-1, 2}, {0, 6}, {-2, -1}, {6, 7}};
            for (int[] rg : ranges) {
                sameFailure(() -> Arrays.sort(d, rg[0], rg[1]), () -> s.sort(d, rg[0], rg[1]));
                sameFailure(() -> Arrays.sort(new float[5], rg[0], rg[1]), () -> s.sort(new float[5], rg[0], rg[1]));
                sameFailure(() -> Arrays.sort(new long[5], rg[0], rg[1]), () -> s.argsort(new long[5], rg[0], rg[1]));
                sameFailure(() -> Arrays.sort(new int[5], rg[0], rg[1]), () -> s.argsort(new int[5], rg[0], rg[1]));
                sameFailure(() -> Arrays.sort(d, rg[0], rg[1]), () -> s.argsort(d, rg[0], rg[1]));
            }
            assertThrows(NullPointerException.class, () -> s.sort((double[]) null));
            assertThrows(NullPointerException.class, () -> s.sort((float[]) null, 0, 0));
            assertThrows(NullPointerException.class, () -> s.argsort((long[]) null));
            assertThrows(NullPointerException.class, () -> s.argsort((int[]) null, 0, 0));
            assertEquals(0, s.argsort(new double[0]).length);
            assertArrayEquals(new int[] {2}, s.argsort(new int[] {9, 9, 1, 9}, 2, 3), "a range of one: its index");
        } finally {
            pool.close();
        }
        Sorting closed = pool.sorting();
        assertThrows(IllegalStateException.class, () -> closed.sort(new int[3]));
    }

    private static void sameFailure(Executable jdk, Executable ours) {
        Throwable expected = assertThrows(Throwable.class, jdk);
        Throwable actual = assertThrows(Throwable.class, ours);
        assertEquals(expected.getClass(), actual.getClass(), expected + " vs " + actual);
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void argsortOfASliceGivesIndicesIntoTheWholeArray() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).build()) {
            long[] a = {50, 40, 30, 20, 10, 0};
            assertArrayEquals(new int[] {4, 3, 2, 1}, pool.sorting().argsort(a, 1, 5));
            assertArrayEquals(new long[] {50, 40, 30, 20, 10, 0}, a, "argsort leaves the keys alone");
            double[] ties = {2, 1, 2, 1, Double.NaN, -0.0, 0.0, Double.NaN};
            assertArrayEquals(new int[] {5, 6, 1, 3, 0, 2, 4, 7}, pool.sorting().argsort(ties), "stable, NaNs last");
            assertTrue(pool.sorting().argsort(new float[] {Float.NaN, -0.0f})[0] == 1, "-0.0 before NaN");
        }
    }
}
