// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.Blas.Layout;
import dev.jkernels.Blas.Transpose;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code blas().gemm} and {@code multiply} on every backend, thread count and ISA path: every layout x
 * transA x transB x alpha x beta on odd sizes with padded leading dimensions and offsets, against a triple
 * loop (exact, in BigDecimal, on the small cases; in double otherwise) within the standard GEMM error bound,
 * elements outside C's m x n untouched; the same bits for every thread count; BLAS's special cases; and
 * every bad argument, named.
 */
class BlasTest {
    private static final int[] SIZES = {1, 2, 3, 7, 13, 17, 31, 33, 65, 127, 129, 257};
    private static final double[] ALPHAS = {0, 1, -2.5};
    private static final double[] BETAS = {0, 1, 0.5};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    /** One gemm call's operands, as arrays with room around the matrices. */
    record Call(Layout layout, Transpose ta, Transpose tb, int m, int n, int k, double alpha, double beta, int offA,
            int lda, int offB, int ldb, int offC, int ldc, double[] a, double[] b, double[] c) {
        boolean rowMajor() {
            return layout == Layout.ROW_MAJOR;
        }

        /** Index of stored element (i, j) of a matrix at off with leading dimension ld. */
        int at(int off, int ld, int i, int j) {
            return rowMajor() ? off + i * ld + j : off + i + j * ld;
        }

        double opA(int i, int p) {
            return ta == Transpose.TRANS ? a[at(offA, lda, p, i)] : a[at(offA, lda, i, p)];
        }

        double opB(int p, int j) {
            return tb == Transpose.TRANS ? b[at(offB, ldb, j, p)] : b[at(offB, ldb, p, j)];
        }

        int cAt(int i, int j) {
            return at(offC, ldc, i, j);
        }
    }

    /** Random values of a few bits, so the error bound (not cancellation luck) is what is tested. */
    private static Call call(SplittableRandom r, Layout layout, Transpose ta, Transpose tb, int m, int n, int k,
            double alpha, double beta) {
        boolean row = layout == Layout.ROW_MAJOR;
        int aRows = ta == Transpose.TRANS ? k : m, aCols = ta == Transpose.TRANS ? m : k;
        int bRows = tb == Transpose.TRANS ? n : k, bCols = tb == Transpose.TRANS ? k : n;
        int lda = Math.max(1, row ? aCols : aRows) + 3, ldb = Math.max(1, row ? bCols : bRows) + 1;
        int ldc = Math.max(1, row ? n : m) + 2;
        int offA = 5, offB = 2, offC = 3;
        double[] a = values(r, offA + lda * Math.max(row ? aRows : aCols, 1) + 4);
        double[] b = values(r, offB + ldb * Math.max(row ? bRows : bCols, 1) + 4);
        double[] c = values(r, offC + ldc * Math.max(row ? m : n, 1) + 4);
        return new Call(layout, ta, tb, m, n, k, alpha, beta, offA, lda, offB, ldb, offC, ldc, a, b, c);
    }

    private static double[] values(SplittableRandom r, int length) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = (r.nextDouble() - 0.5) * 8;
        }
        return v;
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** The same call on float-rounded operands (the float test's inputs, exactly). */
    private static Call rounded(Call c) {
        return new Call(c.layout, c.ta, c.tb, c.m, c.n, c.k, c.alpha, c.beta, c.offA, c.lda, c.offB, c.ldb, c.offC,
                c.ldc, toDoubles(toFloats(c.a)), toDoubles(toFloats(c.b)), toDoubles(toFloats(c.c)));
    }

    private static double[] run(KernelPool pool, Call c) {
        double[] out = c.c.clone();
        pool.blas().gemm(c.layout, c.ta, c.tb, c.m, c.n, c.k, c.alpha, c.a, c.offA, c.lda, c.b, c.offB, c.ldb, c.beta,
                out, c.offC, c.ldc);
        return out;
    }

    private static float[] runFloat(KernelPool pool, Call c) {
        float[] out = toFloats(c.c);
        pool.blas().gemm(c.layout, c.ta, c.tb, c.m, c.n, c.k, (float) c.alpha, toFloats(c.a), c.offA, c.lda,
                toFloats(c.b), c.offB, c.ldb, (float) c.beta, out, c.offC, c.ldc);
        return out;
    }

    /**
     * Checks out against the triple loop: within (k + 2) u (|alpha| sum |a b| + |beta c|) of the exact value
     * (BigDecimal for small calls; a double loop, whose own error is added to the bound, otherwise), and
     * every element outside C's m x n equal to the input's.
     */
    private static void check(Call c, double[] out, double u, String what) {
        boolean exact = (long) c.m * c.n * c.k <= 20_000;
        boolean[] inC = new boolean[c.c.length];
        for (int j = 0; j < c.n; j++) {
            for (int i = 0; i < c.m; i++) {
                int at = c.cAt(i, j);
                inC[at] = true;
                double sum = 0, abs = 0;
                BigDecimal big = BigDecimal.ZERO;
                boolean readsAB = c.alpha != 0 && c.k != 0;
                for (int p = 0; readsAB && p < c.k; p++) {
                    double x = c.opA(i, p), y = c.opB(p, j);
                    sum += x * y;
                    abs += Math.abs(x * y);
                    if (exact) {
                        big = big.add(new BigDecimal(x).multiply(new BigDecimal(y)));
                    }
                }
                double old = c.beta == 0 ? 0 : c.beta * c.c[at];
                double expected = exact
                        ? big.multiply(new BigDecimal(c.alpha)).add(new BigDecimal(old)).round(MathContext.DECIMAL128)
                                .doubleValue()
                        : c.alpha * sum + old;
                double bound = (c.k + 2) * u * (Math.abs(c.alpha) * abs + Math.abs(old))
                        + (exact ? 0 : (c.k + 2) * 0x1p-53 * (Math.abs(c.alpha) * abs + Math.abs(old))) + Double.MIN_NORMAL;
                double error = Math.abs(out[at] - expected);
                if (!(error <= bound)) {
                    throw new AssertionError(what + ": C(" + i + ", " + j + ") = " + out[at] + ", expected " + expected
                            + " within " + bound);
                }
            }
        }
        for (int x = 0; x < out.length; x++) {
            if (!inC[x] && Double.doubleToRawLongBits(out[x]) != Double.doubleToRawLongBits(c.c[x])) {
                throw new AssertionError(what + ": element " + x + " outside C changed");
            }
        }
    }

    /** Every layout x transA x transB x alpha x beta, each on sizes that give every odd size to m, n and k. */
    private static List<Call> calls() {
        SplittableRandom r = new SplittableRandom(0xB1A5);
        List<Call> calls = new ArrayList<>();
        int s = 0;
        for (Layout layout : Layout.values()) {
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    for (double alpha : ALPHAS) {
                        for (double beta : BETAS) {
                            for (int t = 0; t < 3; t++, s++) {
                                int m = SIZES[s % SIZES.length], n = SIZES[(s * 5 + 3) % SIZES.length];
                                int k = SIZES[(s * 7 + 1) % SIZES.length];
                                calls.add(call(r, layout, ta, tb, m, n, k, alpha, beta));
                            }
                        }
                    }
                }
            }
        }
        return calls;
    }

    private static String describe(PoolConfigs.Config config, Call c) {
        return config + " " + c.layout + " " + c.ta + " " + c.tb + " m=" + c.m + " n=" + c.n + " k=" + c.k + " alpha="
                + c.alpha + " beta=" + c.beta;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyCombinationMatchesTheTripleLoop(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (Call c : calls()) {
                check(c, run(pool, c), 0x1p-53, describe(config, c) + " double");
                Call f = rounded(c);
                check(f, toDoubles(runFloat(pool, f)), 0x1p-24, describe(config, c) + " float");
            }
        }
    }

    /**
     * Shapes that cross the native and Java blocks: several KC blocks, several NC blocks, tall and wide. The
     * quick scale (TestScale) keeps the KC and MC crossings and drops the NC one (n = 4100).
     */
    private static final int[][] BIG = TestScale.QUICK
            ? new int[][] {{300, 64, 700}, {1030, 9, 600}, {129, 129, 129}}
            : new int[][] {{300, 257, 1100}, {40, 4100, 520}, {1030, 9, 600}, {129, 129, 129}};

    @Test
    void sameBitsForEveryThreadCount() {
        SplittableRandom r = new SplittableRandom(7);
        List<Call> calls = new ArrayList<>();
        for (int[] s : BIG) {
            calls.add(call(r, Layout.COL_MAJOR, Transpose.NO_TRANS, Transpose.TRANS, s[0], s[1], s[2], 1.5, 0.5));
            calls.add(call(r, Layout.ROW_MAJOR, Transpose.TRANS, Transpose.NO_TRANS, s[0], s[1], s[2], -1, 0));
            calls.add(call(r, Layout.COL_MAJOR, Transpose.TRANS, Transpose.TRANS, s[0], s[1], s[2], 0.75, 1));
            calls.add(call(r, Layout.COL_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, s[0], s[1], s[2], 2, -0.5));
        }
        List<PoolConfigs.Config> groups = new ArrayList<>();
        groups.add(new PoolConfigs.Config(Backend.JAVA, 1, null));
        for (Isa isa : PoolConfigs.supportedIsas()) {
            groups.add(new PoolConfigs.Config(Backend.NATIVE, 1, isa));
        }
        for (PoolConfigs.Config one : groups) {
            List<double[]> reference = new ArrayList<>();
            List<float[]> referenceF = new ArrayList<>();
            try (KernelPool pool = one.open()) {
                for (Call c : calls) {
                    double[] out = run(pool, c);
                    check(c, out, 0x1p-53, describe(one, c));
                    reference.add(out);
                    referenceF.add(runFloat(pool, c));
                }
            }
            for (int threads = 2; threads <= 3; threads++) {
                PoolConfigs.Config config = new PoolConfigs.Config(one.backend(), threads, one.isa());
                try (KernelPool pool = config.open()) {
                    for (int i = 0; i < calls.size(); i++) {
                        assertArrayEquals(reference.get(i), run(pool, calls.get(i)), describe(config, calls.get(i)));
                        assertArrayEquals(referenceF.get(i), runFloat(pool, calls.get(i)),
                                describe(config, calls.get(i)) + " float");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void blasSpecialCases(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            Blas blas = pool.blas();
            double[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}; // 2 x 2, row-major
            double[] nanC = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, nanC, 0, 2);
            assertArrayEquals(new double[] {19, 22, 43, 50}, nanC, "beta = 0 ignores NaN in C");

            double[] nanA = {Double.NaN, 1, 1, 1}, c = {1, 2, 3, 4};
            blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, 2, 2, 2, 0, nanA, 0, 2, b, 0, 2, 2, c, 0, 2);
            assertArrayEquals(new double[] {2, 4, 6, 8}, c, "alpha = 0 reads neither A nor B");
            blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, 2, 2, 0, 1, new double[0], 0, 1, new double[0],
                    0, 2, 0, c, 0, 2);
            assertArrayEquals(new double[4], c, "k = 0 and beta = 0 clear C");

            double[] d = {1, 1, 1, 1};
            blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, 2, 2, 2, 1, nanA, 0, 2, b, 0, 2, 1, d, 0, 2);
            assertTrue(Double.isNaN(d[0]) && Double.isNaN(d[1]), "NaN in A's first row reaches C's first row");
            assertEquals(1 + 5 + 7, d[2]);
            assertEquals(1 + 6 + 8, d[3], "and not the second");

            double[] inf = {Double.POSITIVE_INFINITY, 0, 0, 0}, zeroB = {0, 1, 1, 1}, e = new double[4];
            blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, 2, 2, 2, 1, inf, 0, 2, zeroB, 0, 2, 0, e, 0, 2);
            assertTrue(Double.isNaN(e[0]), "Inf * 0 is NaN");
            assertEquals(Double.POSITIVE_INFINITY, e[1]);

            blas.gemm(Layout.COL_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, 0, 3, 4, 1, new double[0], 0, 1,
                    new double[12], 0, 4, 1, new double[0], 0, 1);
            float[] cf = {Float.NaN, Float.NaN};
            blas.gemm(Layout.COL_MAJOR, Transpose.TRANS, Transpose.NO_TRANS, 1, 2, 2, 2f, new float[] {1, 2}, 0, 2,
                    new float[] {3, 4, 5, 6}, 0, 2, 0f, cf, 0, 1);
            assertArrayEquals(new float[] {22, 34}, cf, "floats: 2 * [1 2] * [[3 5] [4 6]]");
        }
    }

    /** The conventions again on a size that runs full micro-tiles, several KC blocks and a team. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void specialValuesOnBlockedSizes(PoolConfigs.Config config) {
        int m = 65, n = 70, k = 600;
        SplittableRandom r = new SplittableRandom(11);
        double[] a = values(r, m * k), b = values(r, k * n), nan = new double[m * n];
        java.util.Arrays.fill(nan, Double.NaN);
        Layout col = Layout.COL_MAJOR;
        Transpose no = Transpose.NO_TRANS;
        try (KernelPool pool = config.open()) {
            Blas blas = pool.blas();
            double[] c = nan.clone();
            blas.gemm(col, no, no, m, n, k, 1, a, 0, m, b, 0, k, 0, c, 0, m);
            for (double v : c) {
                assertTrue(Double.isFinite(v), config + ": beta = 0 ignores NaN in C");
            }
            double[] nanB = b.clone();
            nanB[5] = Double.NaN;
            double[] d = values(r, m * n), expected = d.clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] *= 0.5;
            }
            blas.gemm(col, no, no, m, n, k, 0, a, 0, m, nanB, 0, k, 0.5, d, 0, m);
            assertArrayEquals(expected, d, config + ": alpha = 0 reads neither A nor B");
            double[] e = nan.clone();
            blas.gemm(col, no, no, m, n, k, 0, a, 0, m, b, 0, k, 0, e, 0, m);
            assertArrayEquals(new double[m * n], e, config + ": alpha = beta = 0 stores zeros over NaN");
            double[] infA = a.clone();
            infA[3 + 7 * m] = Double.POSITIVE_INFINITY; // op(A)(3, 7)
            double[] f = new double[m * n];
            blas.gemm(col, no, no, m, n, k, 1, infA, 0, m, b, 0, k, 0, f, 0, m);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    assertEquals(i == 3, !Double.isFinite(f[i + j * m]), config + ": Inf in row 3 of A reaches row 3 of C only");
                }
            }
            double[] g = values(r, 12), h = g.clone();
            blas.gemm(col, no, no, 3, 4, 0, 1, new double[0], 0, 3, new double[0], 0, 1, 0.5, g, 0, 3);
            for (int i = 0; i < h.length; i++) {
                assertEquals(0.5 * h[i], g[i], "k = 0: C = beta C");
            }
            blas.gemm(col, no, no, 3, 0, 4, 1, new double[12], 0, 3, new double[0], 0, 4, 0, new double[0], 0, 3);
        }
        KernelPool closed = config.open();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.blas().multiply(a, b, m, k, n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void multiplyIsTheRowMajorProductSyncAndAsync(PoolConfigs.Config config) throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        int m = 37, k = 70, n = 45;
        double[] a = values(r, m * k), b = values(r, k * n);
        try (KernelPool pool = config.open()) {
            double[] c = pool.blas().multiply(a, b, m, k, n);
            Call call = new Call(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, m, n, k, 1, 0, 0, k, 0, n, 0, n,
                    a, b, new double[m * n]);
            check(call, c, 0x1p-53, config + " multiply");
            assertArrayEquals(c, pool.submit(p -> p.blas().multiply(a, b, m, k, n)).get(), "async = sync");
            float[] af = toFloats(a), bf = toFloats(b);
            float[] cf = pool.blas().multiply(af, bf, m, k, n);
            check(rounded(call), toDoubles(cf), 0x1p-24, config + " multiply floats");
            assertArrayEquals(cf, pool.submit(p -> p.blas().multiply(af, bf, m, k, n)).get(), "async floats");
            assertEquals(0, pool.blas().multiply(new double[0], new double[0], 0, 0, 0).length);
            assertArrayEquals(new double[6], pool.blas().multiply(new double[0], new double[0], 2, 0, 3));
        }
    }

    /**
     * gemv against a loop: every layout x trans x alpha x beta on odd shapes with padded lda and offsets, the
     * elements around y untouched, doubles and floats.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void gemvMatchesTheLoop(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(21);
        int[][] shapes = {{1, 1}, {3, 7}, {17, 33}, {129, 65}, {600, 31}, {5, 1100}, {1030, 520}};
        try (KernelPool pool = config.open()) {
            for (int[] shape : shapes) {
                for (Layout layout : Layout.values()) {
                    for (Transpose t : Transpose.values()) {
                        for (double alpha : ALPHAS) {
                            for (double beta : BETAS) {
                                gemvCase(pool, config, r, layout, t, shape[0], shape[1], alpha, beta);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void gemvCase(KernelPool pool, PoolConfigs.Config config, SplittableRandom r, Layout layout,
            Transpose t, int m, int n, double alpha, double beta) {
        boolean row = layout == Layout.ROW_MAJOR, trans = t == Transpose.TRANS;
        int lda = (row ? n : m) + 2, offA = 3, offX = 1, offY = 2, out = trans ? n : m, inner = trans ? m : n;
        double[] a = values(r, offA + lda * (row ? m : n) + 2), x = values(r, offX + inner + 3);
        double[] y0 = values(r, offY + out + 3), y = y0.clone();
        pool.blas().gemv(layout, t, m, n, alpha, a, offA, lda, x, offX, beta, y, offY);
        float[] yf = toFloats(y0);
        double[] af = toDoubles(toFloats(a)), xf = toDoubles(toFloats(x)), y0f = toDoubles(yf);
        pool.blas().gemv(layout, t, m, n, (float) alpha, toFloats(a), offA, lda, toFloats(x), offX, (float) beta, yf, offY);
        String what = config + " gemv " + layout + " " + t + " " + m + "x" + n + " alpha=" + alpha + " beta=" + beta;
        checkGemv(a, x, y0, y, 0x1p-53, row, trans, m, n, lda, offA, offX, offY, alpha, beta, what);
        checkGemv(af, xf, y0f, toDoubles(yf), 0x1p-24, row, trans, m, n, lda, offA, offX, offY, alpha, beta, what + " float");
    }

    private static void checkGemv(double[] a, double[] x, double[] y0, double[] y, double u, boolean row, boolean trans,
            int m, int n, int lda, int offA, int offX, int offY, double alpha, double beta, String what) {
        int out = trans ? n : m, inner = trans ? m : n;
        for (int o = 0; o < out; o++) {
            double sum = 0, abs = 0;
            for (int p = 0; alpha != 0 && p < inner; p++) {
                int i = trans ? p : o, j = trans ? o : p;
                double v = a[row ? offA + i * lda + j : offA + i + j * lda] * x[offX + p];
                sum += v;
                abs += Math.abs(v);
            }
            double old = beta == 0 ? 0 : beta * y0[offY + o], expected = alpha * sum + old;
            double bound = 2 * (inner + 2) * u * (Math.abs(alpha) * abs + Math.abs(old)) + Double.MIN_NORMAL;
            if (!(Math.abs(y[offY + o] - expected) <= bound)) {
                throw new AssertionError(what + ": y[" + o + "] = " + y[offY + o] + ", expected " + expected + " within " + bound);
            }
        }
        for (int i = 0; i < y.length; i++) {
            if ((i < offY || i >= offY + out) && Double.doubleToRawLongBits(y[i]) != Double.doubleToRawLongBits(y0[i])) {
                throw new AssertionError(what + ": element " + i + " outside y changed");
            }
        }
    }

    @Test
    void gemvHasTheSameBitsForEveryThreadCount() {
        SplittableRandom r = new SplittableRandom(5);
        int m = 3000, n = 1700;
        double[] a = values(r, m * n), x = values(r, Math.max(m, n)), y0 = values(r, Math.max(m, n));
        List<PoolConfigs.Config> ones = new ArrayList<>();
        ones.add(new PoolConfigs.Config(Backend.JAVA, 1, null));
        for (Isa isa : PoolConfigs.supportedIsas()) {
            ones.add(new PoolConfigs.Config(Backend.NATIVE, 1, isa));
        }
        for (PoolConfigs.Config one : ones) {
            for (Transpose t : Transpose.values()) {
                double[] reference = null;
                for (int threads = 1; threads <= 3; threads++) {
                    double[] y = y0.clone();
                    try (KernelPool pool = new PoolConfigs.Config(one.backend(), threads, one.isa()).open()) {
                        pool.blas().gemv(Layout.COL_MAJOR, t, m, n, 1.5, a, 0, m, x, 0, -0.25, y, 0);
                    }
                    if (reference == null) {
                        reference = y;
                    } else {
                        assertArrayEquals(reference, y, one + " " + t + " at " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void gemvBadArgumentsAreNamed() {
        try (KernelPool pool = KernelPool.create(2)) {
            Blas blas = pool.blas();
            double[] a = new double[6], x = new double[3], y = new double[2];
            Layout row = Layout.ROW_MAJOR;
            Transpose no = Transpose.NO_TRANS;
            expect(NullPointerException.class, "x is null", () -> blas.gemv(row, no, 2, 3, 1, a, 0, 3, null, 0, 0, y, 0));
            expect(NullPointerException.class, "trans is null", () -> blas.gemv(row, null, 2, 3, 1, a, 0, 3, x, 0, 0, y, 0));
            expect(IllegalArgumentException.class, "m must not be negative, got -2",
                    () -> blas.gemv(row, no, -2, 3, 1, a, 0, 3, x, 0, 0, y, 0));
            expect(IllegalArgumentException.class, "lda (2) must be at least 3, the columns of A",
                    () -> blas.gemv(row, no, 2, 3, 1, a, 0, 2, x, 0, 0, y, 0));
            expect(IndexOutOfBoundsException.class, "offX 1 and the 3 elements x needs do not fit x.length 3",
                    () -> blas.gemv(row, no, 2, 3, 1, a, 0, 3, x, 1, 0, y, 0));
            expect(IndexOutOfBoundsException.class, "offY 0 and the 3 elements y needs",
                    () -> blas.gemv(row, Transpose.TRANS, 2, 3, 1, a, 0, 3, new double[2], 0, 0, y, 0));
            double[] shared = new double[20];
            expect(IllegalArgumentException.class, "y and a share",
                    () -> blas.gemv(row, no, 2, 3, 1, shared, 0, 3, x, 0, 0, shared, 5));
            expect(IllegalArgumentException.class, "y and x share",
                    () -> blas.gemv(row, no, 2, 3, 1, a, 0, 3, shared, 0, 0, shared, 2));
            double[] nan = {Double.NaN, Double.NaN};
            blas.gemv(row, no, 2, 3, 1, new double[] {1, 2, 3, 4, 5, 6}, 0, 3, new double[] {1, 1, 1}, 0, 0, nan, 0);
            assertArrayEquals(new double[] {6, 15}, nan, "beta = 0 ignores NaN in y");
            double[] keep = {1, 2};
            blas.gemv(row, no, 2, 3, 0, new double[] {Double.NaN, 0, 0, 0, 0, 0}, 0, 3, x, 0, 2, keep, 0);
            assertArrayEquals(new double[] {2, 4}, keep, "alpha = 0 reads neither A nor x");
        }
    }

    private static void expect(Class<? extends Throwable> type, String fragment, Runnable call) {
        Throwable t = assertThrows(type, call::run);
        assertTrue(String.valueOf(t.getMessage()).contains(fragment), "message " + t.getMessage() + " names " + fragment);
    }

    @Test
    void badArgumentsAreNamed() {
        try (KernelPool pool = KernelPool.create(2)) {
            Blas blas = pool.blas();
            double[] a = new double[6], b = new double[6], c = new double[4];
            Layout row = Layout.ROW_MAJOR;
            Transpose no = Transpose.NO_TRANS;
            expect(NullPointerException.class, "a is null", () -> blas.gemm(row, no, no, 2, 2, 3, 1, null, 0, 3, b, 0, 2, 0, c, 0, 2));
            expect(NullPointerException.class, "c is null", () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, null, 0, 2));
            expect(NullPointerException.class, "layout is null", () -> blas.gemm(null, no, no, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
            expect(NullPointerException.class, "transB is null", () -> blas.gemm(row, no, null, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
            expect(IllegalArgumentException.class, "m must not be negative, got -1",
                    () -> blas.gemm(row, no, no, -1, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
            expect(IllegalArgumentException.class, "k must not be negative, got -3",
                    () -> blas.gemm(row, no, no, 2, 2, -3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
            expect(IllegalArgumentException.class, "lda (2) must be at least 3",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2));
            expect(IllegalArgumentException.class, "ldb (1) must be at least 3",
                    () -> blas.gemm(Layout.COL_MAJOR, no, no, 2, 2, 3, 1, a, 0, 2, b, 0, 1, 0, c, 0, 2));
            expect(IllegalArgumentException.class, "ldc (0) must be at least 1",
                    () -> blas.gemm(row, no, no, 0, 0, 3, 1, a, 0, 3, b, 0, 1, 0, c, 0, 0));
            expect(IndexOutOfBoundsException.class, "offA 1",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 1, 3, b, 0, 2, 0, c, 0, 2));
            expect(IndexOutOfBoundsException.class, "offC -1",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, -1, 2));
            expect(IndexOutOfBoundsException.class, "b.length 6",
                    () -> blas.gemm(row, no, Transpose.TRANS, 2, 3, 3, 1, a, 0, 3, b, 0, 3, 0, new double[6], 0, 3));
            double[] shared = new double[20];
            expect(IllegalArgumentException.class, "c and a share",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, shared, 0, 3, b, 0, 2, 0, shared, 5, 2));
            expect(IllegalArgumentException.class, "c and b share",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 3, shared, 2, 2, 0, shared, 0, 2));
            blas.gemm(row, no, no, 2, 2, 3, 1, shared, 0, 3, shared, 2, 2, 0, c, 0, 2); // A and B may share elements
            assertEquals(0, c[0]);
            expect(NullPointerException.class, "b is null", () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 3, null, 0, 2, 0, c, 0, 2));
            expect(NullPointerException.class, "transA is null",
                    () -> blas.gemm(row, null, no, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
            expect(IllegalArgumentException.class, "n must not be negative, got -2",
                    () -> blas.gemm(row, no, no, 2, -2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
            expect(IndexOutOfBoundsException.class, "offB -1",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 3, b, -1, 2, 0, c, 0, 2));
            expect(IndexOutOfBoundsException.class, "offB 7",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 3, b, 7, 2, 0, c, 0, 2));
            expect(IndexOutOfBoundsException.class, "c.length 4",
                    () -> blas.gemm(row, no, no, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 3));
            expect(IllegalArgumentException.class, "lda (2) must be at least 3, the rows of A (3 x 2 as stored, COL_MAJOR)",
                    () -> blas.gemm(Layout.COL_MAJOR, Transpose.TRANS, no, 2, 2, 3, 1, a, 0, 2, b, 0, 3, 0, c, 0, 2));
            expect(IllegalArgumentException.class, "a.length (6) must be m * k = 2 * 2",
                    () -> blas.multiply(a, b, 2, 2, 3));
            expect(IllegalArgumentException.class, "b.length (6) must be k * n = 3 * 3",
                    () -> blas.multiply(a, b, 2, 3, 3));
            expect(IllegalArgumentException.class, "n must not be negative",
                    () -> blas.multiply(a, b, 2, 3, -2));
            float[] f = new float[4];
            expect(IllegalArgumentException.class, "c and b share",
                    () -> blas.gemm(row, no, no, 2, 2, 2, 1f, new float[4], 0, 2, f, 0, 2, 0f, f, 0, 2));
        }
    }
}
