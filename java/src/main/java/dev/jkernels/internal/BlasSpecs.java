// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.SplittableRandom;

/**
 * GEMM, {@code C = alpha * op(A) * op(B) + beta * C} in column-major order, and its twin: the twin of
 * {@code native/src/ops/gemm.c}, in the same BLIS structure (a team packs each KC x NC block of op(B)
 * together, then every member updates its rectangle of C from MC x KC blocks of op(A) it packs itself), with
 * register tiles of {@value #MR} x {@value #NR} and blocks of its own. Slots, integers and reals as gemm.c: A, B
 * (read), C (read and written); transA, transB (0 or 1), m, n, k, lda, ldb, ldc; alpha, beta. The facade
 * ({@code Blas}) turns row-major calls into column-major ones.
 *
 * <p>Arithmetic of one element, fixed by the shape alone (so the same bits for every thread count): the sum
 * of {@code a * b} over the inner index, each product rounded and then added (no fused multiply-add), in
 * index order within blocks of {@value #KC} started from zero; then {@code c = alpha * sum + beta' * c},
 * beta' being the caller's beta for the first block and 1 after it, and {@code beta' == 0} storing
 * {@code alpha * sum} without reading c. {@code alpha == 0} or {@code k == 0} reads neither A nor B. The
 * native kernels fuse their multiply-adds and block differently, so NATIVE and JAVA agree exactly only where
 * the arithmetic is exact (the registry test's integer samples), and otherwise within the GEMM error bound.
 * Not API.
 */
public final class BlasSpecs {
    private BlasSpecs() {}

    /** Register tile and cache blocks of the twin (elements). */
    static final int MR = 4, NR = 4, MC = 128, KC = 256, NC = 2048;
    /**
     * AUTO's gemm threshold in multiply-adds: measured on JDK 17 (GemmShapesBench, AVX-512, one thread), the
     * twin takes 158 ns at 4^3 and 519 ns at 8^3 against native's 524 and 590 (the crossing and the copies),
     * native 1.6 us at 16^3 against the twin's 3.5 us; the crossover lies between 512 and 4096.
     */
    static final long AUTO_NATIVE_FROM = 2_048;
    /** Below this many multiply-adds a team costs more than it saves (GEMM_TEAM_FROM in gemm.c). */
    static final long TEAM_FROM = 1L << 18;
    /** Up to this many multiply-adds, with k within one block, the twin skips packing: the same arithmetic. */
    static final long DIRECT_UP_TO = 1L << 15;

    /** C = alpha op(A) op(B) + beta C on doubles. */
    public static final OpSpec GEMM = spec("gemm_f64", "gemm", SlotType.DOUBLE, new DoubleKit());
    /** The same on floats, in float arithmetic. */
    public static final OpSpec GEMM_F32 = spec("gemm_f32", "gemm_f32", SlotType.FLOAT, new FloatKit());

    /** y = alpha A x + beta y on doubles (gemm.c's gemv_n: A column-major m x n as stored). */
    public static final OpSpec GEMV_N = gemvSpec("gemv_n_f64", "gemv", SlotType.DOUBLE, new DoubleKit(), false);
    /** y = alpha A^T x + beta y on doubles (gemv_t: streams, column j of A per work index). */
    public static final OpSpec GEMV_T = gemvSpec("gemv_t_f64", "gemv_t", SlotType.DOUBLE, new DoubleKit(), true);
    /** gemv_n on floats. */
    public static final OpSpec GEMV_N_F32 = gemvSpec("gemv_n_f32", "gemv_f32", SlotType.FLOAT, new FloatKit(), false);
    /** gemv_t on floats. */
    public static final OpSpec GEMV_T_F32 = gemvSpec("gemv_t_f32", "gemv_t_f32", SlotType.FLOAT, new FloatKit(), true);

    /** Rows per block of a gemv without transpose (JK_GEMV_ROWS). */
    static final int GEMV_ROWS = 512;

    private static OpSpec gemvSpec(String name, String key, SlotType type, Kit kit, boolean trans) {
        return OpSpec.builder(name, key).label(name.replace("_f64", ""))
                .slot("a", type, Role.READ).slot("x", type, Role.READ).slot("y", type, Role.READ_WRITE)
                .flags(trans ? OpSpec.STREAMING | OpSpec.SLOT_UNITS : 0)
                .scalars(3, 2).autoDefaults(4_096, 262_144).measure(a -> Math.max(1, a.i0 * a.i1))
                .check(a -> checkGemv(name, a, trans)).twin((a, threads) -> gemvTwin(a, kit, trans))
                .sample((r, size) -> sampleGemv(r, size, type, trans)).build();
    }

    private static void checkGemv(String name, Args a, boolean trans) {
        for (int d = 0; d < 3; d++) {
            if (a.integerAt(d) < 0 || a.integerAt(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": integer " + d + " is " + a.integerAt(d));
            }
        }
        long m = a.i0, n = a.i1, out = trans ? n : m, inner = trans ? m : n;
        if (a.i2 < Math.max(1, m)) {
            throw new IllegalArgumentException(name + ": lda " + a.i2 + " below the rows " + m);
        }
        boolean reads = a.d0 != 0 && inner != 0 && out != 0;
        if ((reads && (a.n0 < extent(m, n, a.i2) || a.n1 < inner)) || a.n2 < out) {
            throw new IllegalArgumentException(name + ": a slot is shorter than what it holds");
        }
    }

    /** gemm.c's gemv cut: blocks of GEMV_ROWS rows of y (gemv_n), or columns of A (gemv_t). */
    static Twin gemvTwin(Args args, Kit kit, boolean trans) {
        int m = (int) args.i0, n = (int) args.i1, lda = (int) args.i2;
        boolean floats = kit instanceof FloatKit;
        double alpha = floats ? (float) args.d0 : args.d0, beta = floats ? (float) args.d1 : args.d1;
        Object a = args.a0, x = args.a1, y = args.a2;
        int oa = args.o0, ox = args.o1, oy = args.o2;
        int out = trans ? n : m, inner = trans ? m : n;
        if (alpha == 0 || inner == 0 || out == 0) {
            return Twin.range(beta == 1 ? 0 : out, 65_536, 1, true, (from, to, self) -> {
                kit.scale(y, oy + from, to - from, 1, 1, beta);
                return 0;
            });
        }
        if (trans) {
            return Twin.range(n, Math.max(1, 65_536 / Math.max(1, m)), 1, true, (from, to, self) -> {
                kit.gemvT(from, to, m, alpha, beta, a, oa, lda, x, ox, y, oy);
                return 0;
            });
        }
        int blocks = (int) ceilDiv(m, GEMV_ROWS);
        return Twin.range(blocks, Math.max(1, 65_536 / (GEMV_ROWS * Math.max(1, n))), GEMV_ROWS, true,
                (from, to, self) -> {
                    for (int b = from; b < to; b++) {
                        int r0 = b * GEMV_ROWS;
                        kit.gemvN(r0, Math.min(r0 + GEMV_ROWS, m), n, alpha, beta, a, oa, lda, x, ox, y, oy, self);
                    }
                    return 0;
                }).items(m);
    }

    /** Valid random gemv calls of about {@code size} elements of A, small integers as in {@link #sample}. */
    static Args sampleGemv(SplittableRandom r, int size, SlotType type, boolean trans) {
        double[] scalars = {0, 1, -2.5, 0.5};
        int m = size == 0 ? r.nextInt(2) : 1 + r.nextInt((int) Math.sqrt(size) * 2);
        int n = size == 0 ? r.nextInt(2) : Math.max(1, size / m);
        int lda = Math.max(1, m) + r.nextInt(3), out = trans ? n : m, inner = trans ? m : n;
        double beta = scalars[r.nextInt(4)];
        Args a = new Args();
        matrix(a, r, type, extent(m, n, lda), 0);
        matrix(a, r, type, inner, 0);
        matrix(a, r, type, out, beta == 0 ? Double.NaN : 0);
        return a.integer(m).integer(n).integer(lda).real(scalars[r.nextInt(4)]).real(beta);
    }

    private static OpSpec spec(String name, String key, SlotType type, Kit kit) {
        return OpSpec.builder(name, key).label(name.replace("_f64", ""))
                .slot("a", type, Role.READ).slot("b", type, Role.READ).slot("c", type, Role.READ_WRITE)
                .scalars(8, 2).autoDefaults(AUTO_NATIVE_FROM, TEAM_FROM).measure(a -> Shape.of(a).size())
                .check(a -> check(name, a)).twin((a, threads) -> twin(a, threads, kit))
                .sample((r, size) -> sample(r, size, type)).build();
    }

    /** A call's shape, as gemm.c reads its integers and reals. */
    record Shape(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc, double alpha,
            double beta) {
        static Shape of(Args a) {
            return new Shape(a.i0 != 0, a.i1 != 0, (int) a.i2, (int) a.i3, (int) a.i4, (int) a.i5, (int) a.i6,
                    (int) a.i7, a.d0, a.d1);
        }

        /** alpha and beta as float arithmetic uses them (gemm.c's shape_of for gemm_f32). */
        Shape inFloat() {
            return new Shape(transA, transB, m, n, k, lda, ldb, ldc, (float) alpha, (float) beta);
        }

        /** AUTO's size: multiply-adds (C's elements when there are none). */
        long size() {
            return (long) m * n * Math.max(k, 1);
        }

        /** Offset of op(A)(i, p) from A's first element. */
        int offA(int i, int p) {
            return transA ? p + i * lda : i + p * lda;
        }

        /** Offset of op(B)(p, j) from B's first element. */
        int offB(int p, int j) {
            return transB ? j + p * ldb : p + j * ldb;
        }
    }

    /** Elements a column-major rows x cols matrix with leading dimension ld reaches. */
    public static long extent(long rows, long cols, long ld) {
        return rows == 0 || cols == 0 ? 0 : ld * (cols - 1) + rows;
    }

    /** gemm.c's check, for direct users of the spec (the facade checks everything first, naming its arguments). */
    private static void check(String name, Args a) {
        if ((a.i0 != 0 && a.i0 != 1) || (a.i1 != 0 && a.i1 != 1)) {
            throw new IllegalArgumentException(name + ": the transpose flags must be 0 or 1, got " + a.i0 + ", " + a.i1);
        }
        for (int d = 2; d < 8; d++) {
            if (a.integerAt(d) < 0 || a.integerAt(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": integer " + d + " is " + a.integerAt(d));
            }
        }
        Shape g = Shape.of(a);
        long aRows = g.transA ? g.k : g.m, aCols = g.transA ? g.m : g.k;
        long bRows = g.transB ? g.n : g.k, bCols = g.transB ? g.k : g.n;
        if (g.lda < Math.max(1, aRows) || g.ldb < Math.max(1, bRows) || g.ldc < Math.max(1, g.m)) {
            throw new IllegalArgumentException(name + ": leading dimensions " + g.lda + ", " + g.ldb + ", " + g.ldc
                    + " below the stored rows " + aRows + ", " + bRows + ", " + g.m);
        }
        boolean reads = g.alpha != 0 && g.k != 0;
        if ((reads && a.n0 < extent(aRows, aCols, g.lda)) || (reads && a.n1 < extent(bRows, bCols, g.ldb))
                || a.n2 < extent(g.m, g.n, g.ldc)) {
            throw new IllegalArgumentException(name + ": a slot is shorter than the matrix it holds");
        }
    }

    /** The twin, cut as gemm.c's prepare cuts the call. */
    static Twin twin(Args args, int threads, Kit kit) {
        Shape g = kit instanceof FloatKit ? Shape.of(args).inFloat() : Shape.of(args);
        Object a = args.a0, b = args.a1, c = args.a2;
        int oa = args.o0, ob = args.o1, oc = args.o2;
        if (g.m == 0 || g.n == 0 || ((g.k == 0 || g.alpha == 0) && g.beta == 1)) {
            return Twin.range(0, 1, 1, true, (from, to, self) -> 0);
        }
        if (g.k == 0 || g.alpha == 0) {
            int grain = Math.max(1, 65_536 / g.m);
            return Twin.range(g.n, grain, g.m, true, (from, to, self) -> {
                kit.scale(c, oc + from * g.ldc, g.m, to - from, g.ldc, g.beta);
                return 0;
            });
        }
        if (g.size() <= DIRECT_UP_TO && g.k <= KC) {
            return Twin.range(1, 1, (long) g.m * g.n, true, (from, to, self) -> {
                kit.direct(g, a, oa, b, ob, c, oc);
                return 0;
            });
        }
        Object packedB = kit.allocate(KC * (int) Math.min(NC, ceilDiv(g.n, NR) * NR));
        long steps = ceilDiv(g.n, NC) * ceilDiv(g.k, KC);
        int team = g.size() < TEAM_FROM ? 1 : threads;
        return Twin.team(team, steps, self -> member(g, kit, a, oa, b, ob, c, oc, packedB, self));
    }

    /** One member's share: gemm.c's gemm_team. */
    private static int member(Shape g, Kit kit, Object a, int oa, Object b, int ob, Object c, int oc, Object packedB,
            Twin.Self self) {
        Object packedA = kit.scratch(self, MC * KC);
        int size = self.size(), rank = self.rank();
        // Loops step by what is left at most, and tile counts are counted in long: no int overflow near 2^31.
        for (int jc = 0, nc; jc < g.n; jc += nc) {
            nc = Math.min(NC, g.n - jc);
            int nTiles = (int) ceilDiv(nc, NR), mTiles = (int) ceilDiv(g.m, MR);
            int tm = rowGroups(size, mTiles, nTiles), tn = size / tm;
            int r0 = rows(share(mTiles, tm, rank / tn), g.m), r1 = rows(share(mTiles, tm, rank / tn + 1), g.m);
            int c0 = share(nTiles, tn, rank % tn) * NR, c1 = Math.min(share(nTiles, tn, rank % tn + 1) * NR, nc);
            int p0 = share(nTiles, size, rank) * NR, p1 = Math.min(share(nTiles, size, rank + 1) * NR, nc);
            for (int pc = 0, kc; pc < g.k; pc += kc) {
                kc = Math.min(KC, g.k - pc);
                if (p1 > p0) {
                    kit.packB(b, ob + g.offB(pc, jc + p0), g.ldb, g.transB, kc, p1 - p0, packedB, p0 * kc);
                }
                int st = self.barrier();
                if (st != 0) {
                    return st;
                }
                double beta = pc == 0 ? g.beta : 1.0;
                for (int ic = r0, mc; ic < r1 && c1 > c0; ic += mc) {
                    mc = Math.min(MC, r1 - ic);
                    kit.packA(a, oa + g.offA(ic, pc), g.lda, g.transA, mc, kc, packedA);
                    kit.macro(mc, c1 - c0, kc, g.alpha, beta, packedA, packedB, c0 * kc, c,
                            oc + ic + (jc + c0) * g.ldc, g.ldc);
                }
                st = self.barrier();
                if (st != 0) {
                    return st;
                }
                if (rank == 0) {
                    self.addDone(1);
                }
            }
        }
        return 0;
    }

    /**
     * Row groups of the team's grid (gemm.c's split_grid, B packed): the divisor of the team size whose busiest member
     * has the fewest tiles; among equals, the most row groups.
     */
    static int rowGroups(int t, int mTiles, int nTiles) {
        long best = Long.MAX_VALUE;
        int groups = 1;
        for (int rows = t; rows >= 1; rows--) {
            if (t % rows != 0) {
                continue;
            }
            int cols = t / rows;
            long load = (long) ((mTiles + rows - 1) / rows) * ((nTiles + cols - 1) / cols);
            if (load < best) {
                best = load;
                groups = rows;
            }
        }
        return groups;
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }

    /** The first row of tile {@code tile}, at most m (a tile count times MR may pass 2^31). */
    private static int rows(int tile, int m) {
        return (int) Math.min((long) tile * MR, m);
    }

    /** The start of part {@code part} of {@code parts} of [0, count). */
    static int share(int count, int parts, int part) {
        return (int) ((long) count * part / parts);
    }

    /** The twin's kernels for one element type, on its array type. */
    interface Kit {
        /** Packs op(A)'s mc x kc block starting at a[at] (gemm.h's layout, MR-row micro-panels). */
        void packA(Object a, int at, int lda, boolean trans, int mc, int kc, Object dst);

        /** Packs op(B)'s kc x nc block starting at b[at] into dst from dstAt (NR-column micro-panels). */
        void packB(Object b, int at, int ldb, boolean trans, int kc, int nc, Object dst, int dstAt);

        /** C[mc x nc] at c[at] = alpha * packed A * packed B (from pb[pbAt]) + beta * C, tile by tile. */
        void macro(int mc, int nc, int kc, double alpha, double beta, Object pa, Object pb, int pbAt, Object c,
                int at, int ldc);

        /** The whole small call without packing: the same arithmetic when k is within one block. */
        void direct(Shape g, Object a, int oa, Object b, int ob, Object c, int oc);

        /** C = beta * C over cols columns of m elements from c[at]; zeros when beta is 0. */
        void scale(Object c, int at, int m, int cols, int ldc, double beta);

        Object scratch(Twin.Self self, int length);

        Object allocate(int length);

        /**
         * y[r0, r1) of alpha A x + beta y (A column-major from a[oa], x of n): each row's sum over the columns
         * in order, each product rounded, in the member's scratch.
         */
        void gemvN(int r0, int r1, int n, double alpha, double beta, Object a, int oa, int lda, Object x, int ox,
                Object y, int oy, Twin.Self self);

        /** y[c0, c1) of alpha A^T x + beta y: each column's dot with x in four sums (element i in sum i mod 4), added as (s0 + s1) + (s2 + s3). */
        void gemvT(int c0, int c1, int m, double alpha, double beta, Object a, int oa, int lda, Object x, int ox,
                Object y, int oy);
    }

    /** The double kit. */
    static final class DoubleKit implements Kit {
        @Override
        public void packA(Object av, int at, int lda, boolean trans, int mc, int kc, Object dst) {
            double[] a = (double[]) av, d = (double[]) dst;
            for (int ir = 0, q = 0; ir < mc; ir += MR, q += MR * kc) {
                int rows = Math.min(MR, mc - ir);
                for (int p = 0; p < kc; p++) {
                    for (int i = 0; i < MR; i++) {
                        d[q + p * MR + i] = i < rows ? a[at + (trans ? p + (ir + i) * lda : ir + i + p * lda)] : 0;
                    }
                }
            }
        }

        @Override
        public void packB(Object bv, int at, int ldb, boolean trans, int kc, int nc, Object dst, int dstAt) {
            double[] b = (double[]) bv, d = (double[]) dst;
            for (int jr = 0, q = dstAt; jr < nc; jr += NR, q += NR * kc) {
                int cols = Math.min(NR, nc - jr);
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < NR; j++) {
                        d[q + p * NR + j] = j < cols ? b[at + (trans ? jr + j + p * ldb : p + (jr + j) * ldb)] : 0;
                    }
                }
            }
        }

        @Override
        public void macro(int mc, int nc, int kc, double alpha, double beta, Object pa, Object pb, int pbAt,
                Object cv, int at, int ldc) {
            double[] a = (double[]) pa, b = (double[]) pb, c = (double[]) cv;
            for (int jr = 0; jr < nc; jr += NR) {
                for (int ir = 0; ir < mc; ir += MR) {
                    micro(kc, a, ir * kc, b, pbAt + jr * kc, alpha, beta, c, at + ir + jr * ldc, ldc,
                            Math.min(MR, mc - ir), Math.min(NR, nc - jr));
                }
            }
        }

        /** One 4 x 4 tile; an edge tile stores only its rows x cols. */
        private static void micro(int kc, double[] a, int ao, double[] b, int bo, double alpha, double beta,
                double[] c, int at, int ldc, int rows, int cols) {
            double c00 = 0, c10 = 0, c20 = 0, c30 = 0, c01 = 0, c11 = 0, c21 = 0, c31 = 0;
            double c02 = 0, c12 = 0, c22 = 0, c32 = 0, c03 = 0, c13 = 0, c23 = 0, c33 = 0;
            for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
                double a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
                double b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
                c00 += a0 * b0;
                c10 += a1 * b0;
                c20 += a2 * b0;
                c30 += a3 * b0;
                c01 += a0 * b1;
                c11 += a1 * b1;
                c21 += a2 * b1;
                c31 += a3 * b1;
                c02 += a0 * b2;
                c12 += a1 * b2;
                c22 += a2 * b2;
                c32 += a3 * b2;
                c03 += a0 * b3;
                c13 += a1 * b3;
                c23 += a2 * b3;
                c33 += a3 * b3;
            }
            if (rows == MR && cols == NR) {
                column(c, at, alpha, beta, c00, c10, c20, c30);
                column(c, at + ldc, alpha, beta, c01, c11, c21, c31);
                column(c, at + 2 * ldc, alpha, beta, c02, c12, c22, c32);
                column(c, at + 3 * ldc, alpha, beta, c03, c13, c23, c33);
                return;
            }
            double[] t = {c00, c10, c20, c30, c01, c11, c21, c31, c02, c12, c22, c32, c03, c13, c23, c33};
            for (int j = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++) {
                    int k = at + i + j * ldc;
                    c[k] = beta == 0 ? alpha * t[i + MR * j] : alpha * t[i + MR * j] + beta * c[k];
                }
            }
        }

        private static void column(double[] c, int at, double alpha, double beta, double s0, double s1, double s2,
                double s3) {
            if (beta == 0) {
                c[at] = alpha * s0;
                c[at + 1] = alpha * s1;
                c[at + 2] = alpha * s2;
                c[at + 3] = alpha * s3;
            } else {
                c[at] = alpha * s0 + beta * c[at];
                c[at + 1] = alpha * s1 + beta * c[at + 1];
                c[at + 2] = alpha * s2 + beta * c[at + 2];
                c[at + 3] = alpha * s3 + beta * c[at + 3];
            }
        }

        @Override
        public void direct(Shape g, Object av, int oa, Object bv, int ob, Object cv, int oc) {
            double[] a = (double[]) av, b = (double[]) bv, c = (double[]) cv;
            for (int j = 0; j < g.n; j++) {
                for (int i = 0; i < g.m; i++) {
                    double s = 0;
                    for (int p = 0; p < g.k; p++) {
                        s += a[oa + g.offA(i, p)] * b[ob + g.offB(p, j)];
                    }
                    int k = oc + i + j * g.ldc;
                    c[k] = g.beta == 0 ? g.alpha * s : g.alpha * s + g.beta * c[k];
                }
            }
        }

        @Override
        public void scale(Object cv, int at, int m, int cols, int ldc, double beta) {
            double[] c = (double[]) cv;
            for (int j = 0; j < cols; j++) {
                for (int i = at + j * ldc, end = i + m; i < end; i++) {
                    c[i] = beta == 0 ? 0.0 : beta * c[i];
                }
            }
        }

        @Override
        public Object scratch(Twin.Self self, int length) {
            return self.scratchDoubles(length);
        }

        @Override
        public Object allocate(int length) {
            return new double[length];
        }

        @Override
        public void gemvN(int r0, int r1, int n, double alpha, double beta, Object av, int oa, int lda, Object xv,
                int ox, Object yv, int oy, Twin.Self self) {
            double[] a = (double[]) av, x = (double[]) xv, y = (double[]) yv, s = self.scratchDoubles(r1 - r0);
            int rows = r1 - r0;
            java.util.Arrays.fill(s, 0, rows, 0.0);
            for (int j = 0; j < n; j++) {
                double xj = x[ox + j];
                for (int i = 0, at = oa + r0 + j * lda; i < rows; i++) {
                    s[i] += a[at + i] * xj;
                }
            }
            for (int i = 0; i < rows; i++) {
                int k = oy + r0 + i;
                y[k] = beta == 0 ? alpha * s[i] : alpha * s[i] + beta * y[k];
            }
        }

        @Override
        public void gemvT(int c0, int c1, int m, double alpha, double beta, Object av, int oa, int lda, Object xv,
                int ox, Object yv, int oy) {
            double[] a = (double[]) av, x = (double[]) xv, y = (double[]) yv;
            for (int j = c0; j < c1; j++) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int col = oa + j * lda, i = 0;
                for (; i + 4 <= m; i += 4) {
                    s0 += a[col + i] * x[ox + i];
                    s1 += a[col + i + 1] * x[ox + i + 1];
                    s2 += a[col + i + 2] * x[ox + i + 2];
                    s3 += a[col + i + 3] * x[ox + i + 3];
                }
                double[] rest = {s0, s1, s2, s3};
                for (; i < m; i++) {
                    rest[i & 3] += a[col + i] * x[ox + i];
                }
                double s = (rest[0] + rest[1]) + (rest[2] + rest[3]);
                y[oy + j] = beta == 0 ? alpha * s : alpha * s + beta * y[oy + j];
            }
        }
    }

    /** The float kit: the double kit's loops in float arithmetic (alpha and beta rounded to float, exactly). */
    static final class FloatKit implements Kit {
        @Override
        public void packA(Object av, int at, int lda, boolean trans, int mc, int kc, Object dst) {
            float[] a = (float[]) av, d = (float[]) dst;
            for (int ir = 0, q = 0; ir < mc; ir += MR, q += MR * kc) {
                int rows = Math.min(MR, mc - ir);
                for (int p = 0; p < kc; p++) {
                    for (int i = 0; i < MR; i++) {
                        d[q + p * MR + i] = i < rows ? a[at + (trans ? p + (ir + i) * lda : ir + i + p * lda)] : 0;
                    }
                }
            }
        }

        @Override
        public void packB(Object bv, int at, int ldb, boolean trans, int kc, int nc, Object dst, int dstAt) {
            float[] b = (float[]) bv, d = (float[]) dst;
            for (int jr = 0, q = dstAt; jr < nc; jr += NR, q += NR * kc) {
                int cols = Math.min(NR, nc - jr);
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < NR; j++) {
                        d[q + p * NR + j] = j < cols ? b[at + (trans ? jr + j + p * ldb : p + (jr + j) * ldb)] : 0;
                    }
                }
            }
        }

        @Override
        public void macro(int mc, int nc, int kc, double alpha, double beta, Object pa, Object pb, int pbAt,
                Object cv, int at, int ldc) {
            float[] a = (float[]) pa, b = (float[]) pb, c = (float[]) cv;
            for (int jr = 0; jr < nc; jr += NR) {
                for (int ir = 0; ir < mc; ir += MR) {
                    micro(kc, a, ir * kc, b, pbAt + jr * kc, (float) alpha, (float) beta, c, at + ir + jr * ldc, ldc,
                            Math.min(MR, mc - ir), Math.min(NR, nc - jr));
                }
            }
        }

        private static void micro(int kc, float[] a, int ao, float[] b, int bo, float alpha, float beta, float[] c,
                int at, int ldc, int rows, int cols) {
            float c00 = 0, c10 = 0, c20 = 0, c30 = 0, c01 = 0, c11 = 0, c21 = 0, c31 = 0;
            float c02 = 0, c12 = 0, c22 = 0, c32 = 0, c03 = 0, c13 = 0, c23 = 0, c33 = 0;
            for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
                float a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
                float b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
                c00 += a0 * b0;
                c10 += a1 * b0;
                c20 += a2 * b0;
                c30 += a3 * b0;
                c01 += a0 * b1;
                c11 += a1 * b1;
                c21 += a2 * b1;
                c31 += a3 * b1;
                c02 += a0 * b2;
                c12 += a1 * b2;
                c22 += a2 * b2;
                c32 += a3 * b2;
                c03 += a0 * b3;
                c13 += a1 * b3;
                c23 += a2 * b3;
                c33 += a3 * b3;
            }
            if (rows == MR && cols == NR) {
                column(c, at, alpha, beta, c00, c10, c20, c30);
                column(c, at + ldc, alpha, beta, c01, c11, c21, c31);
                column(c, at + 2 * ldc, alpha, beta, c02, c12, c22, c32);
                column(c, at + 3 * ldc, alpha, beta, c03, c13, c23, c33);
                return;
            }
            float[] t = {c00, c10, c20, c30, c01, c11, c21, c31, c02, c12, c22, c32, c03, c13, c23, c33};
            for (int j = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++) {
                    int k = at + i + j * ldc;
                    c[k] = beta == 0 ? alpha * t[i + MR * j] : alpha * t[i + MR * j] + beta * c[k];
                }
            }
        }

        private static void column(float[] c, int at, float alpha, float beta, float s0, float s1, float s2,
                float s3) {
            if (beta == 0) {
                c[at] = alpha * s0;
                c[at + 1] = alpha * s1;
                c[at + 2] = alpha * s2;
                c[at + 3] = alpha * s3;
            } else {
                c[at] = alpha * s0 + beta * c[at];
                c[at + 1] = alpha * s1 + beta * c[at + 1];
                c[at + 2] = alpha * s2 + beta * c[at + 2];
                c[at + 3] = alpha * s3 + beta * c[at + 3];
            }
        }

        @Override
        public void direct(Shape g, Object av, int oa, Object bv, int ob, Object cv, int oc) {
            float[] a = (float[]) av, b = (float[]) bv, c = (float[]) cv;
            float alpha = (float) g.alpha, beta = (float) g.beta;
            for (int j = 0; j < g.n; j++) {
                for (int i = 0; i < g.m; i++) {
                    float s = 0;
                    for (int p = 0; p < g.k; p++) {
                        s += a[oa + g.offA(i, p)] * b[ob + g.offB(p, j)];
                    }
                    int k = oc + i + j * g.ldc;
                    c[k] = beta == 0 ? alpha * s : alpha * s + beta * c[k];
                }
            }
        }

        @Override
        public void scale(Object cv, int at, int m, int cols, int ldc, double beta) {
            float[] c = (float[]) cv;
            float b = (float) beta;
            for (int j = 0; j < cols; j++) {
                for (int i = at + j * ldc, end = i + m; i < end; i++) {
                    c[i] = b == 0 ? 0.0f : b * c[i];
                }
            }
        }

        @Override
        public Object scratch(Twin.Self self, int length) {
            return self.scratchFloats(length);
        }

        @Override
        public Object allocate(int length) {
            return new float[length];
        }

        @Override
        public void gemvN(int r0, int r1, int n, double alphaD, double betaD, Object av, int oa, int lda, Object xv,
                int ox, Object yv, int oy, Twin.Self self) {
            float[] a = (float[]) av, x = (float[]) xv, y = (float[]) yv, s = self.scratchFloats(r1 - r0);
            float alpha = (float) alphaD, beta = (float) betaD;
            int rows = r1 - r0;
            java.util.Arrays.fill(s, 0, rows, 0.0f);
            for (int j = 0; j < n; j++) {
                float xj = x[ox + j];
                for (int i = 0, at = oa + r0 + j * lda; i < rows; i++) {
                    s[i] += a[at + i] * xj;
                }
            }
            for (int i = 0; i < rows; i++) {
                int k = oy + r0 + i;
                y[k] = beta == 0 ? alpha * s[i] : alpha * s[i] + beta * y[k];
            }
        }

        @Override
        public void gemvT(int c0, int c1, int m, double alphaD, double betaD, Object av, int oa, int lda, Object xv,
                int ox, Object yv, int oy) {
            float[] a = (float[]) av, x = (float[]) xv, y = (float[]) yv;
            float alpha = (float) alphaD, beta = (float) betaD;
            for (int j = c0; j < c1; j++) {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int col = oa + j * lda, i = 0;
                for (; i + 4 <= m; i += 4) {
                    s0 += a[col + i] * x[ox + i];
                    s1 += a[col + i + 1] * x[ox + i + 1];
                    s2 += a[col + i + 2] * x[ox + i + 2];
                    s3 += a[col + i + 3] * x[ox + i + 3];
                }
                float[] rest = {s0, s1, s2, s3};
                for (; i < m; i++) {
                    rest[i & 3] += a[col + i] * x[ox + i];
                }
                float s = (rest[0] + rest[1]) + (rest[2] + rest[3]);
                y[oy + j] = beta == 0 ? alpha * s : alpha * s + beta * y[oy + j];
            }
        }
    }

    /**
     * Valid random calls of about {@code size} elements of C: random transposes, padded leading dimensions,
     * offsets and spare elements around each matrix, alpha and beta among 0, 1, -2.5 and 0.5, and small
     * integers in A, B and C, so every sum is exact and every backend gives the twin's bits. C holds NaN where
     * beta is 0 (it must not be read).
     */
    static Args sample(SplittableRandom r, int size, SlotType type) {
        double[] scalars = {0, 1, -2.5, 0.5};
        boolean ta = r.nextBoolean(), tb = r.nextBoolean();
        int m = size == 0 ? r.nextInt(2) : 1 + r.nextInt((int) Math.sqrt(size) * 2);
        int n = size == 0 ? 1 - m : Math.max(1, size / m);
        int k = size == 0 ? r.nextInt(3) : r.nextInt(size > 10_000 ? 700 : 40);
        double alpha = scalars[r.nextInt(4)], beta = scalars[r.nextInt(4)];
        int lda = Math.max(1, ta ? k : m) + r.nextInt(3), ldb = Math.max(1, tb ? n : k) + r.nextInt(3);
        int ldc = Math.max(1, m) + r.nextInt(3);
        Args a = new Args();
        matrix(a, r, type, extent(ta ? k : m, ta ? m : k, lda), 0);
        matrix(a, r, type, extent(tb ? n : k, tb ? k : n, ldb), 0);
        matrix(a, r, type, extent(m, n, ldc), beta == 0 ? Double.NaN : 0);
        return a.integer(ta ? 1 : 0).integer(tb ? 1 : 0).integer(m).integer(n).integer(k).integer(lda).integer(ldb)
                .integer(ldc).real(alpha).real(beta);
    }

    /** A slot of {@code extent} elements at a random offset of a larger array of small integers (or {@code fill} where not 0). */
    private static void matrix(Args a, SplittableRandom r, SlotType type, long extent, double fill) {
        int off = r.nextInt(5), length = (int) extent + off + r.nextInt(5);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = Double.isNaN(fill) ? fill : r.nextInt(17) - 8;
        }
        if (type == SlotType.DOUBLE) {
            a.slot(values, off, (int) extent);
        } else {
            float[] f = new float[length];
            for (int i = 0; i < length; i++) {
                f[i] = (float) values[i];
            }
            a.slot(f, off, (int) extent);
        }
    }
}
