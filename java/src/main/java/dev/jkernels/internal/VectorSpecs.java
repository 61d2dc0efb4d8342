// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.Arrays;

/**
 * Vector operations on doubles and floats and their twins: the twins of {@code native/src/ops/vector.c} and
 * {@code native/src/kernels/ref/vector.c}, with the same fixed blocking (jk_vector.h), so results match
 * bit for bit on every backend, thread count and ISA path. Not API.
 */
public final class VectorSpecs {
    private VectorSpecs() {}

    /** Elements per reduction block; mirrors JK_REDUCE_BLOCK (part of the result's definition). */
    public static final int REDUCE_BLOCK = 4096;
    /** Blocks per chunk of a reduction, as REDUCE_GRAIN_BLOCKS in vector.c. */
    static final int REDUCE_GRAIN_BLOCKS = 4;
    /** Elements per chunk of axpy and scale, as STREAM_GRAIN in vector.c. */
    static final int STREAM_GRAIN = 16384;

    /** What a block adds up (jk_term): x[i], x[i] * x[i], x[i] * y[i]. */
    static final int TERM_X = 0;
    static final int TERM_SQUARE = 1;
    static final int TERM_PRODUCT = 2;
    static final int TERM_DEVIATION = 3;
    static final int TERM_SCALED_SQUARE = 4;

    /** Sum of x. */
    public static final OpSpec SUM = OpSpec.builder("sum_f64", "sum")
            .slot("x", SlotType.DOUBLE, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> reduction(a, TERM_X, t -> t))
            .sample((r, size) -> slices(r, size, 1))
            .build();

    /** Sum of x[i] * y[i], each product rounded before it is added. */
    public static final OpSpec DOT = OpSpec.builder("dot_f64", "dot")
            .slot("x", SlotType.DOUBLE, Role.READ).slot("y", SlotType.DOUBLE, Role.READ)
            .result(ResultKind.DOUBLE).flags(OpSpec.STREAMING | OpSpec.SAME_LENGTH)
            .autoDefaults(256, 65_536)
            .twin((a, threads) -> reduction(a, TERM_PRODUCT, t -> t))
            .sample((r, size) -> slices(r, size, 2))
            .build();

    /**
     * The Euclidean norm, safe from overflow and underflow (vector.c's norm2): per block the sum of squares in
     * SUM's order, summed again as (x * 2^k)^2 (k from the block's largest |x|) only where the plain sum
     * would overflow or underflow; blocks merged pairwise at the smaller k; sqrt, scaled back. The same bits as sqrt(sum(x*x)) wherever that is finite and its squares normal.
     */
    public static final OpSpec NORM2 = OpSpec.builder("norm2_f64", "norm2")
            .slot("x", SlotType.DOUBLE, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> scaledNorm(a))
            .sample((r, size) -> slices(r, size, 1))
            .build();

    /**
     * The norm twin: per block (ssq, k) as jk_norm_block (the plain squares, summed again scaled only where
     * they may have overflowed or underflowed), merged as merge_norms, sqrt(ssq) * 2^-k.
     */
    static Twin scaledNorm(Args a) {
        double[] x = (double[]) a.a0;
        int n = a.n0, xo = a.o0;
        int blocks = blocks(n);
        double[] ssq = new double[blocks];
        int[] k = new int[blocks];
        return Twin.range(blocks, REDUCE_GRAIN_BLOCKS, REDUCE_BLOCK, true, (first, end, self) -> {
            for (int b = first; b < end; b++) {
                int from = xo + b * REDUCE_BLOCK, to = from + Math.min(REDUCE_BLOCK, n - b * REDUCE_BLOCK);
                ssq[b] = reduceBlock(TERM_SQUARE, x, from, to, null, 0, 0.0); // jk_norm_block: plain first
                if (Double.isNaN(ssq[b]) || (ssq[b] >= 0x1p-969 && ssq[b] <= Double.MAX_VALUE)) {
                    continue;
                }
                double m = 0;
                for (int i = from; i < to; i++) {
                    double v = Math.abs(x[i]);
                    m = v > m ? v : m;
                }
                k[b] = normScale(m);
                if (k[b] != 0) { // zeros, infinities: the plain sum stands
                    ssq[b] = reduceBlock(TERM_SCALED_SQUARE, x, from, to, null, 0, Math.scalb(1.0, k[b]));
                }
            }
            return 0;
        }).items(n).completing(status -> {
            if (blocks == 0) {
                return Double.doubleToRawLongBits(0.0);
            }
            double[] total = mergeNorms(ssq, k, 0, blocks);
            return Double.doubleToRawLongBits(Math.scalb(Math.sqrt(total[0]), -(int) total[1]));
        });
    }

    /** jk_norm_scale: the k bringing m into [1, 2), clamped to [-1022, 1023]; 0 for 0, infinity and NaN. */
    static int normScale(double m) {
        if (!(m > 0) || m > Double.MAX_VALUE) {
            return 0;
        }
        int k = -Math.getExponent(m);
        if (m < Double.MIN_NORMAL) { // a subnormal's exponent, as ilogb gives it
            k = 1074 - (63 - Long.numberOfLeadingZeros(Double.doubleToRawLongBits(m)));
        }
        return Math.max(-1022, Math.min(1023, k));
    }

    /** {ssq, k} of blocks [lo, hi), merged as vector.c's merge_norms (one scale down where halves overflow). */
    private static double[] mergeNorms(double[] ssq, int[] k, int lo, int hi) {
        if (hi - lo == 1) {
            return new double[] {ssq[lo], k[lo]};
        }
        int mid = lo + (hi - lo) / 2;
        double[] x = mergeNorms(ssq, k, lo, mid), y = mergeNorms(ssq, k, mid, hi);
        int kx = (int) x[1], ky = (int) y[1], kk = Math.min(kx, ky);
        double s = Math.scalb(x[0], 2 * (kk - kx)) + Math.scalb(y[0], 2 * (kk - ky));
        if (Double.isInfinite(s) && Double.isFinite(x[0]) && Double.isFinite(y[0])) { // one scale down
            kk--;
            s = Math.scalb(x[0], 2 * (kk - kx)) + Math.scalb(y[0], 2 * (kk - ky));
        }
        return new double[] {s, kk};
    }

    /** y += a * x, the product rounded first; x may be y. */
    public static final OpSpec AXPY = OpSpec.builder("axpy_f64", "axpy")
            .slot("x", SlotType.DOUBLE, Role.READ).slot("y", SlotType.DOUBLE, Role.READ_WRITE).scalars(0, 1)
            .flags(OpSpec.STREAMING | OpSpec.SAME_LENGTH | OpSpec.IN_PLACE)
            .autoDefaults(65_536, 262_144)
            .twin((a, threads) -> {
                double alpha = a.d0;
                double[] x = (double[]) a.a0, y = (double[]) a.a1;
                int xo = a.o0, yo = a.o1;
                return Twin.range(a.n0, STREAM_GRAIN, 1, true, (from, to, self) -> {
                    for (int i = from; i < to; i++) {
                        y[yo + i] += alpha * x[xo + i];
                    }
                    return 0;
                });
            })
            .sample((r, size) -> slices(r, size, 2).real(r.nextDouble() * 4 - 2))
            .build();

    /** x *= a. */
    public static final OpSpec SCALE = OpSpec.builder("scale_f64", "scale")
            .slot("x", SlotType.DOUBLE, Role.READ_WRITE).scalars(0, 1).flags(OpSpec.STREAMING)
            .autoDefaults(1_048_576, 65_536)
            .twin((a, threads) -> {
                double alpha = a.d0;
                double[] x = (double[]) a.a0;
                int xo = a.o0;
                return Twin.range(a.n0, STREAM_GRAIN, 1, true, (from, to, self) -> {
                    for (int i = from; i < to; i++) {
                        x[xo + i] *= alpha;
                    }
                    return 0;
                });
            })
            .sample((r, size) -> slices(r, size, 1).real(r.nextDouble() * 4 - 2))
            .build();

    /** Sum of a float x: terms widened to double exactly, SUM's order, the total rounded to float once. */
    public static final OpSpec SUM_F32 = OpSpec.builder("sum_f32", "sum_f32")
            .slot("x", SlotType.FLOAT, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> reduction(a, TERM_X, t -> (float) t))
            .sample((r, size) -> floatSlices(r, size, 1))
            .build();

    /** Dot product of floats: each product exact in double, DOT's order, the total rounded to float once. */
    public static final OpSpec DOT_F32 = OpSpec.builder("dot_f32", "dot_f32")
            .slot("x", SlotType.FLOAT, Role.READ).slot("y", SlotType.FLOAT, Role.READ)
            .result(ResultKind.DOUBLE).flags(OpSpec.STREAMING | OpSpec.SAME_LENGTH)
            .autoDefaults(256, 65_536)
            .twin((a, threads) -> reduction(a, TERM_PRODUCT, t -> (float) t))
            .sample((r, size) -> floatSlices(r, size, 2))
            .build();

    /** Euclidean norm of floats: exact squares summed in double, the square root in double, then to float. */
    public static final OpSpec NORM2_F32 = OpSpec.builder("norm2_f32", "norm2_f32")
            .slot("x", SlotType.FLOAT, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> reduction(a, TERM_SQUARE, t -> (float) Math.sqrt(t)))
            .sample((r, size) -> floatSlices(r, size, 1))
            .build();

    /** y += a * x in float arithmetic (the product rounded to float first); x may be y. */
    public static final OpSpec AXPY_F32 = OpSpec.builder("axpy_f32", "axpy_f32")
            .slot("x", SlotType.FLOAT, Role.READ).slot("y", SlotType.FLOAT, Role.READ_WRITE).scalars(0, 1)
            .flags(OpSpec.STREAMING | OpSpec.SAME_LENGTH | OpSpec.IN_PLACE)
            .autoDefaults(65_536, 262_144)
            .twin((a, threads) -> {
                float alpha = (float) a.d0;
                float[] x = (float[]) a.a0, y = (float[]) a.a1;
                int xo = a.o0, yo = a.o1;
                return Twin.range(a.n0, STREAM_GRAIN, 1, true, (from, to, self) -> {
                    for (int i = from; i < to; i++) {
                        y[yo + i] += alpha * x[xo + i];
                    }
                    return 0;
                });
            })
            .sample((r, size) -> floatSlices(r, size, 2).real((float) (r.nextDouble() * 4 - 2)))
            .build();

    /** x *= a in float arithmetic. */
    public static final OpSpec SCALE_F32 = OpSpec.builder("scale_f32", "scale_f32")
            .slot("x", SlotType.FLOAT, Role.READ_WRITE).scalars(0, 1).flags(OpSpec.STREAMING)
            .autoDefaults(1_048_576, 65_536)
            .twin((a, threads) -> {
                float alpha = (float) a.d0;
                float[] x = (float[]) a.a0;
                int xo = a.o0;
                return Twin.range(a.n0, STREAM_GRAIN, 1, true, (from, to, self) -> {
                    for (int i = from; i < to; i++) {
                        x[xo + i] *= alpha;
                    }
                    return 0;
                });
            })
            .sample((r, size) -> floatSlices(r, size, 1).real((float) (r.nextDouble() * 4 - 2)))
            .build();

    /** Mean of doubles: SUM's total over n (NaN when empty). */
    public static final OpSpec MEAN_F64 = OpSpec.builder("mean_f64", "mean_f64")
            .slot("x", SlotType.DOUBLE, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> reduction(a, TERM_X, t -> t / a.n0))
            .sample((r, size) -> slices(r, size, 1))
            .build();

    /** Mean of floats in double: SUM_F32's double total over n, not rounded to float. */
    public static final OpSpec MEAN_F32 = OpSpec.builder("mean_f32", "mean_f32")
            .slot("x", SlotType.FLOAT, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> reduction(a, TERM_X, t -> t / a.n0))
            .sample((r, size) -> floatSlices(r, size, 1))
            .build();

    /** Population variance of doubles: per-block moments merged pairwise with Chan's formulas, over n. */
    public static final OpSpec VARIANCE_F64 = OpSpec.builder("variance_f64", "variance_f64")
            .slot("x", SlotType.DOUBLE, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> variance(a))
            .sample((r, size) -> slices(r, size, 1))
            .build();

    /** Population variance of floats, in double (VARIANCE_F64 on the widened values). */
    public static final OpSpec VARIANCE_F32 = OpSpec.builder("variance_f32", "variance_f32")
            .slot("x", SlotType.FLOAT, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> variance(a))
            .sample((r, size) -> floatSlices(r, size, 1))
            .build();

    /**
     * The variance twin (vector.c's moments): per block its sum (SUM's order) and the squared deviations from
     * the block's mean (the same order), then the blocks' pairwise tree with Chan's merge, M2 / n.
     */
    static Twin variance(Args a) {
        int n = a.n0;
        boolean floats = a.a0 instanceof float[];
        int blocks = blocks(n);
        double[] sums = new double[blocks], m2s = new double[blocks];
        return Twin.range(blocks, REDUCE_GRAIN_BLOCKS, REDUCE_BLOCK, true, (first, end, self) -> {
            double[] xs = floats ? new double[REDUCE_BLOCK] : null;
            for (int b = first; b < end; b++) {
                int from = b * REDUCE_BLOCK, len = Math.min(REDUCE_BLOCK, n - from);
                double[] x = floats ? xs : (double[]) a.a0;
                int at = floats ? 0 : a.o0 + from;
                if (floats) {
                    widen((float[]) a.a0, a.o0 + from, xs, len);
                }
                sums[b] = reduceBlock(TERM_X, x, at, at + len, null, 0, 0.0);
                m2s[b] = reduceBlock(TERM_DEVIATION, x, at, at + len, null, 0, sums[b] / len);
            }
            return 0;
        }).items(n).completing(status -> Double.doubleToRawLongBits(
                n == 0 ? Double.NaN : mergeMoments(sums, m2s, 0, blocks, n)[2] / n));
    }

    /** {n, mean, M2} of blocks [lo, hi), merged as vector.c's merge_moments. */
    private static double[] mergeMoments(double[] sums, double[] m2s, int lo, int hi, int total) {
        if (hi - lo == 1) {
            double n = Math.min(REDUCE_BLOCK, total - lo * REDUCE_BLOCK);
            return new double[] {n, sums[lo] / n, m2s[lo]};
        }
        int mid = lo + (hi - lo) / 2;
        double[] x = mergeMoments(sums, m2s, lo, mid, total), y = mergeMoments(sums, m2s, mid, hi, total);
        double n = x[0] + y[0], d = y[1] - x[1];
        return new double[] {n, x[1] + d * (y[0] / n), x[2] + y[2] + d * d * (x[0] * y[0] / n)};
    }

    /** Sum of longs, wrapping as Java's + does (exact modulo 2^64, so any order gives it). */
    public static final OpSpec SUM_I64 = OpSpec.builder("sum_i64", "sum_i64")
            .slot("x", SlotType.LONG, Role.READ).result(ResultKind.LONG).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> integerSum(a))
            .sample((r, size) -> integerSlices(r, size, true))
            .build();

    /** Sum of ints as a long: each widened first, so no overflow for any int[]. */
    public static final OpSpec SUM_I32 = OpSpec.builder("sum_i32", "sum_i32")
            .slot("x", SlotType.INT, Role.READ).result(ResultKind.LONG).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> integerSum(a))
            .sample((r, size) -> integerSlices(r, size, false))
            .build();

    /*
     * Inclusive prefix sums in place, with vector.c's bits: each block's total (scanBlock's, which does not
     * depend on the carry; integer sums for longs and ints); the carries, chained in block order from -0.0;
     * each block scanned from its carry. Native runs them as one ordered pass where it can; the twin in three
     * passes (totals, carries, scans), which give the same numbers. Floats are scanned in double and rounded
     * back one by one; longs and ints wrap.
     */
    public static final OpSpec PREFIX_SUM_F64 = prefixSpec("prefix_sum_f64", SlotType.DOUBLE);
    public static final OpSpec PREFIX_SUM_F32 = prefixSpec("prefix_sum_f32", SlotType.FLOAT);
    public static final OpSpec PREFIX_SUM_I64 = prefixSpec("prefix_sum_i64", SlotType.LONG);
    public static final OpSpec PREFIX_SUM_I32 = prefixSpec("prefix_sum_i32", SlotType.INT);

    private static OpSpec prefixSpec(String name, SlotType type) {
        return OpSpec.builder(name, name)
                .slot("x", type, Role.READ_WRITE).flags(OpSpec.STREAMING)
                .autoDefaults(128, 131_072) // measured (JMH, 1 fork, JDK 17, AVX-512): native from 128, the pool from 128 Ki
                .twin((a, threads) -> prefixSum(a))
                .sample((r, size) -> switch (type) {
                    case DOUBLE -> slices(r, size, 1);
                    case FLOAT -> floatSlices(r, size, 1);
                    default -> integerSlices(r, size, type == SlotType.LONG);
                })
                .build();
    }

    /** The prefix-sum twin: totals, carries and scans, three passes over the slice's blocks, in place. */
    static Twin prefixSum(Args a) {
        int n = a.n0, xo = a.o0, nb = blocks(n);
        Object x = a.a0;
        boolean floating = x instanceof double[] || x instanceof float[];
        double[] totals = floating ? new double[nb] : null; // block totals, then block carries
        long[] integerTotals = floating ? null : new long[nb];
        Twin.Phase blockTotals = new Twin.Phase(nb, REDUCE_GRAIN_BLOCKS, (first, end, self) -> {
            double[] widened = x instanceof float[] ? new double[REDUCE_BLOCK] : null;
            for (int b = first; b < end; b++) {
                int from = xo + b * REDUCE_BLOCK, len = Math.min(REDUCE_BLOCK, n - b * REDUCE_BLOCK);
                if (x instanceof double[] d) {
                    totals[b] = scanBlock(d, from, len, 0.0, false);
                } else if (x instanceof float[] f) {
                    widen(f, from, widened, len);
                    totals[b] = scanBlock(widened, 0, len, 0.0, false);
                } else {
                    integerTotals[b] = integerBlockSum(x, from, from + len);
                }
            }
            return 0;
        });
        Twin.Phase carries = new Twin.Phase(nb, Math.max(1, nb), (first, end, self) -> {
            double carry = -0.0; // -0.0 + x is x, bit for bit: the first element stays as it is
            long integerCarry = 0;
            for (int b = first; b < end; b++) {
                if (floating) {
                    double total = totals[b];
                    totals[b] = carry;
                    carry += total;
                } else {
                    long total = integerTotals[b];
                    integerTotals[b] = integerCarry;
                    integerCarry += total;
                }
            }
            return 0;
        });
        Twin.Phase scan = new Twin.Phase(nb, REDUCE_GRAIN_BLOCKS, (first, end, self) -> {
            double[] widened = x instanceof float[] ? new double[REDUCE_BLOCK] : null;
            for (int b = first; b < end; b++) {
                int from = xo + b * REDUCE_BLOCK, len = Math.min(REDUCE_BLOCK, n - b * REDUCE_BLOCK);
                if (x instanceof double[] d) {
                    scanBlock(d, from, len, totals[b], true);
                } else if (x instanceof float[] f) {
                    widen(f, from, widened, len);
                    scanBlock(widened, 0, len, totals[b], true);
                    for (int i = 0; i < len; i++) {
                        f[from + i] = (float) widened[i];
                    }
                } else if (x instanceof long[] l) {
                    long s = integerTotals[b];
                    for (int i = from; i < from + len; i++) {
                        l[i] = s += l[i];
                    }
                } else {
                    int[] v = (int[]) x;
                    int s = (int) integerTotals[b]; // ints wrap: only the carry's low 32 bits count
                    for (int i = from; i < from + len; i++) {
                        v[i] = s += v[i];
                    }
                }
            }
            return 0;
        });
        return Twin.passes(nb, REDUCE_BLOCK, true, blockTotals, carries, scan).items(n);
    }

    private static long integerBlockSum(Object x, int from, int to) {
        long s = 0;
        if (x instanceof long[] l) {
            for (int i = from; i < to; i++) {
                s += l[i];
            }
        } else {
            int[] v = (int[]) x;
            for (int i = from; i < to; i++) {
                s += v[i];
            }
        }
        return s;
    }

    /**
     * Block x[from, from + len) scanned in place from {@code carry} (with {@code store}; else only its total),
     * in jk_scan_rows's order: per row of 8, its own prefix r (lane l adds lane l-1, then l-2, then l-4, each
     * step from the previous step's values); each result is {@code carry + (lc + r[l])}, where lc, the rows
     * before, starts at -0.0 and adds each row's r[7]. A short last row is the same with the missing lanes
     * -0.0. Returns the block's total, the last lc.
     */
    static double scanBlock(double[] x, int from, int len, double carry, boolean store) {
        double lc = -0.0;
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            int a = from + i;
            double r0 = x[a], r1 = x[a + 1], r2 = x[a + 2], r3 = x[a + 3];
            double r4 = x[a + 4], r5 = x[a + 5], r6 = x[a + 6], r7 = x[a + 7];
            r7 = r7 + r6; r6 = r6 + r5; r5 = r5 + r4; r4 = r4 + r3; r3 = r3 + r2; r2 = r2 + r1; r1 = r1 + r0;
            r7 = r7 + r5; r6 = r6 + r4; r5 = r5 + r3; r4 = r4 + r2; r3 = r3 + r1; r2 = r2 + r0;
            r7 = r7 + r3; r6 = r6 + r2; r5 = r5 + r1; r4 = r4 + r0;
            if (store) {
                x[a] = carry + (lc + r0); x[a + 1] = carry + (lc + r1);
                x[a + 2] = carry + (lc + r2); x[a + 3] = carry + (lc + r3);
                x[a + 4] = carry + (lc + r4); x[a + 5] = carry + (lc + r5);
                x[a + 6] = carry + (lc + r6); x[a + 7] = carry + (lc + r7);
            }
            lc = lc + r7;
        }
        if (i < len) { // the short last row: the missing lanes -0.0, which change no lane before them
            double[] r = new double[LANES];
            Arrays.fill(r, -0.0);
            System.arraycopy(x, from + i, r, 0, len - i);
            for (int step = 1; step < LANES; step <<= 1) {
                for (int l = LANES - 1; l >= step; l--) { // downward: r[l - step] is still the previous step's
                    r[l] = r[l] + r[l - step];
                }
            }
            for (int l = 0; store && l < len - i; l++) {
                x[from + i + l] = carry + (lc + r[l]);
            }
            lc = lc + r[LANES - 1];
        }
        return lc;
    }

    /*
     * min, max, argmin and argmax of each element type: the first extreme (the first NaN if any, -0.0 below
     * +0.0), found per block and kept in block order (vector.c's extremes). min and max answer the element
     * (a double result for double and float, a long one for long and int), argmin and argmax its index in
     * the caller's array (the slice's index plus the integer argument, the slice's start). An empty slice is
     * the facade's to refuse.
     */
    public static final OpSpec MIN_F64 = extreme("min_f64", SlotType.DOUBLE, false, false);
    public static final OpSpec MAX_F64 = extreme("max_f64", SlotType.DOUBLE, true, false);
    public static final OpSpec ARGMIN_F64 = extreme("argmin_f64", SlotType.DOUBLE, false, true);
    public static final OpSpec ARGMAX_F64 = extreme("argmax_f64", SlotType.DOUBLE, true, true);
    public static final OpSpec MIN_F32 = extreme("min_f32", SlotType.FLOAT, false, false);
    public static final OpSpec MAX_F32 = extreme("max_f32", SlotType.FLOAT, true, false);
    public static final OpSpec ARGMIN_F32 = extreme("argmin_f32", SlotType.FLOAT, false, true);
    public static final OpSpec ARGMAX_F32 = extreme("argmax_f32", SlotType.FLOAT, true, true);
    public static final OpSpec MIN_I64 = extreme("min_i64", SlotType.LONG, false, false);
    public static final OpSpec MAX_I64 = extreme("max_i64", SlotType.LONG, true, false);
    public static final OpSpec ARGMIN_I64 = extreme("argmin_i64", SlotType.LONG, false, true);
    public static final OpSpec ARGMAX_I64 = extreme("argmax_i64", SlotType.LONG, true, true);
    public static final OpSpec MIN_I32 = extreme("min_i32", SlotType.INT, false, false);
    public static final OpSpec MAX_I32 = extreme("max_i32", SlotType.INT, true, false);
    public static final OpSpec ARGMIN_I32 = extreme("argmin_i32", SlotType.INT, false, true);
    public static final OpSpec ARGMAX_I32 = extreme("argmax_i32", SlotType.INT, true, true);

    private static OpSpec extreme(String name, SlotType type, boolean max, boolean index) {
        boolean integer = type == SlotType.LONG || type == SlotType.INT;
        OpSpec.Builder b = OpSpec.builder(name, name).slot("x", type, Role.READ);
        if (index) {
            b.scalars(1, 0); // the slice's start in the caller's array, added to the index
        }
        return b.result(index || integer ? ResultKind.LONG : ResultKind.DOUBLE).flags(OpSpec.STREAMING)
                .autoDefaults(256, 262_144)
                .twin((a, threads) -> extremeTwin(a, max, index))
                .sample((r, size) -> {
                    Args a = extremeSample(r, Math.max(1, size), type);
                    return index ? a.integer(a.o0) : a;
                })
                .build();
    }

    /** The extremes' twin: vector.c's blocks and chunks, each block's first extreme, the first best block. */
    static Twin extremeTwin(Args a, boolean max, boolean index) {
        Object x = a.a0;
        int n = a.n0, xo = a.o0;
        int[] at = new int[blocks(n)];
        return Twin.range(at.length, REDUCE_GRAIN_BLOCKS, REDUCE_BLOCK, true, (first, end, self) -> {
            for (int b = first; b < end; b++) {
                int from = xo + b * REDUCE_BLOCK;
                at[b] = firstExtreme(x, from, from + Math.min(REDUCE_BLOCK, n - b * REDUCE_BLOCK), max) - xo;
            }
            return 0;
        }).items(n).completing(status -> {
            int best = 0;
            for (int b = 1; b < at.length; b++) {
                if (better(x, xo + at[b], xo + at[best], max)) {
                    best = b;
                }
            }
            int i = xo + at[best];
            if (index) {
                return at[best] + a.i0;
            }
            if (x instanceof double[] d) {
                return Double.doubleToRawLongBits(d[i]);
            } else if (x instanceof float[] f) {
                return Double.doubleToRawLongBits(f[i]);
            } else if (x instanceof long[] l) {
                return l[i];
            }
            return ((int[]) x)[i];
        });
    }

    /** The index (absolute) of the first extreme of x[from, to), to > from. */
    private static int firstExtreme(Object x, int from, int to, boolean max) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (better(x, i, best, max)) {
                best = i;
            }
        }
        return best;
    }

    /** Whether element c ranks strictly before element b for argmin (argmax): jk_float_better for floating types. */
    private static boolean better(Object x, int c, int b, boolean max) {
        if (x instanceof double[] d) {
            return floatBetter(d[c], d[b], max);
        } else if (x instanceof float[] f) {
            return floatBetter(f[c], f[b], max);
        } else if (x instanceof long[] l) {
            return max ? l[c] > l[b] : l[c] < l[b];
        }
        int[] v = (int[]) x;
        return max ? v[c] > v[b] : v[c] < v[b];
    }

    /** NaN first (the first NaN wins), then the smaller (larger) value, then -0.0 before +0.0 (+0.0 before -0.0). */
    static boolean floatBetter(double c, double b, boolean max) {
        if (b != b) {
            return false;
        }
        if (c != c) {
            return true;
        }
        if (c == b) {
            boolean cNegative = Double.doubleToRawLongBits(c) < 0, bNegative = Double.doubleToRawLongBits(b) < 0;
            return c == 0 && (max ? !cNegative && bNegative : cNegative && !bNegative);
        }
        return max ? c > b : c < b;
    }

    /** One slot of {@code size} elements of {@code type}, with ties, zeros of both signs and NaNs now and then. */
    static Args extremeSample(java.util.SplittableRandom r, int size, SlotType type) {
        int off = r.nextInt(9), length = size + off + r.nextInt(9);
        Object x = switch (type) {
            case DOUBLE -> Samples.doubles(r, length);
            case FLOAT -> Samples.floats(r, length);
            case LONG -> r.longs(length, -50, 50).toArray();
            case INT -> r.ints(length, -50, 50).toArray();
        };
        return new Args().slot(x, off, size);
    }

    /** Blocks of a reduction over n elements (vector.c's block_count). */
    static int blocks(int n) {
        return n == 0 ? 0 : (n - 1) / REDUCE_BLOCK + 1;
    }

    /** The integer sum twin: vector.c's blocks and chunks, one long partial per block, added in any order. */
    static Twin integerSum(Args a) {
        int n = a.n0, xo = a.o0;
        long[] partials = new long[blocks(n)];
        return Twin.range(partials.length, REDUCE_GRAIN_BLOCKS, REDUCE_BLOCK, true, (first, end, self) -> {
            for (int b = first; b < end; b++) {
                int from = xo + b * REDUCE_BLOCK, to = from + Math.min(REDUCE_BLOCK, n - b * REDUCE_BLOCK);
                partials[b] = integerBlockSum(a.a0, from, to);
            }
            return 0;
        }).items(n).completing(status -> {
            long total = 0;
            for (long p : partials) {
                total += p;
            }
            return total;
        });
    }

    /**
     * The reduction twin: one partial per fixed block of the slot(s), combined pairwise, then {@code finish}ed
     * (vector.c's cut: blocks of REDUCE_BLOCK, chunks of REDUCE_GRAIN_BLOCKS, cheap). A float block is widened
     * into a double scratch block first (exactly), then reduced as a double one, as the kernels do.
     */
    static Twin reduction(Args a, int kind, java.util.function.DoubleUnaryOperator finish) {
        int n = a.n0;
        boolean floats = a.a0 instanceof float[], two = kind == TERM_PRODUCT;
        double[] partials = new double[blocks(n)];
        return Twin.range(partials.length, REDUCE_GRAIN_BLOCKS, REDUCE_BLOCK, true, (first, end, self) -> {
            double[] xs = floats ? new double[REDUCE_BLOCK] : null, ys = floats && two ? new double[REDUCE_BLOCK] : null;
            for (int b = first; b < end; b++) {
                int from = b * REDUCE_BLOCK, len = Math.min(REDUCE_BLOCK, n - from); // no overflow near 2^31
                if (floats) {
                    widen((float[]) a.a0, a.o0 + from, xs, len);
                    if (two) {
                        widen((float[]) a.a1, a.o1 + from, ys, len);
                    }
                    partials[b] = reduceBlock(kind, xs, 0, len, ys, 0, 0.0);
                } else {
                    partials[b] = reduceBlock(kind, (double[]) a.a0, a.o0 + from, a.o0 + from + len,
                            two ? (double[]) a.a1 : null, a.o1 + from, 0.0);
                }
            }
            return 0;
        }).items(n).completing(status -> Double.doubleToRawLongBits(
                finish.applyAsDouble(partials.length == 0 ? 0.0 : pairwise(partials, 0, partials.length))));
    }

    private static void widen(float[] from, int offset, double[] to, int length) {
        for (int i = 0; i < length; i++) {
            to[i] = from[offset + i];
        }
    }

    /** Lanes, elements of a group (8 rows of 8 lanes), groups of a block, levels of the groups' tree. */
    private static final int LANES = 8;
    private static final int GROUP = 64;
    private static final int GROUPS = REDUCE_BLOCK / GROUP;
    private static final int LEVELS = Integer.numberOfTrailingZeros(GROUPS);

    /**
     * One block {@code x[from..to)} (and y from {@code yFrom}) reduced in jk_vector.h's order, as
     * kernels/vector.h's jk_reduce_block does it: each group's lane sums, the groups joined by a binary
     * counter of pending subtrees ({@code stack}, 8 lanes per level), which is the balanced tree over the
     * groups when they arrive in order; a short last group is completed with terms that change no sum (x =
     * -0.0; a deviation's x = {@code shift}, whose term is +0.0); then the lanes. Group k ends at the level of its trailing one bits:
     * an even group is written straight into level 0. {@code shift}: TERM_DEVIATION's (x - shift)^2.
     */
    static double reduceBlock(int kind, double[] x, int from, int to, double[] y, int yFrom, double shift) {
        int n = to - from;
        if (n == 0) {
            return 0.0;
        }
        int groups = (n + GROUP - 1) / GROUP, full = n / GROUP;
        double[] v = new double[LANES], stack = new double[(LEVELS + 1) * LANES]; // level LEVELS: the root
        for (int k = 0; k < groups; k++) {
            int level = Integer.numberOfTrailingZeros(~k);
            double[] out = level == 0 ? stack : v;
            int i = from + k * GROUP, j = yFrom + k * GROUP;
            if (k < full) {
                group(kind, x, i, y, j, shift, out);
            } else {
                double[] xs = Arrays.copyOf(Arrays.copyOfRange(x, i, to), GROUP);
                Arrays.fill(xs, to - i, GROUP, kind == TERM_DEVIATION ? shift : -0.0); // terms that change no sum
                double[] ys = y == null ? xs : Arrays.copyOf(Arrays.copyOfRange(y, j, j + (to - i)), GROUP);
                group(kind, xs, 0, ys, 0, shift, out);
            }
            if (level > 0) {
                for (int below = 0; below < level; below++) {
                    for (int l = 0; l < LANES; l++) {
                        v[l] = stack[below * LANES + l] + v[l];
                    }
                }
                System.arraycopy(v, 0, stack, level * LANES, LANES);
            }
        }
        int root = LEVELS * LANES;
        if (groups < GROUPS) {
            pendingTree(stack, groups, root);
        }
        return ((stack[root] + stack[root + 4]) + (stack[root + 2] + stack[root + 6]))
                + ((stack[root + 1] + stack[root + 5]) + (stack[root + 3] + stack[root + 7]));
    }

    /** One whole group's lane sums into {@code out[0..8)}: per lane l, rows x[i + l + 8 * row] as a tree. */
    private static void group(int kind, double[] x, int i, double[] y, int j, double shift, double[] out) {
        switch (kind) {
            case TERM_X -> sumGroup(x, i, out);
            case TERM_SQUARE -> squaresGroup(x, i, out);
            case TERM_DEVIATION -> deviationsGroup(x, i, shift, out);
            case TERM_SCALED_SQUARE -> scaledSquaresGroup(x, i, shift, out);
            default -> productsGroup(x, i, y, j, out);
        }
    }

    private static void scaledSquaresGroup(double[] x, int i, double scale, double[] out) {
        for (int l = 0; l < LANES; l++) {
            double[] r = new double[8];
            for (int row = 0; row < 8; row++) {
                double d = x[i + l + 8 * row] * scale;
                r[row] = d * d;
            }
            out[l] = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        }
    }

    private static void deviationsGroup(double[] x, int i, double shift, double[] out) {
        for (int l = 0; l < LANES; l++) {
            double[] r = new double[8];
            for (int row = 0; row < 8; row++) {
                double d = x[i + l + 8 * row] - shift;
                r[row] = d * d;
            }
            out[l] = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        }
    }

    /**
     * The tree over the groups when only the first {@code m} (0 &lt; m &lt; GROUPS) hold data, into
     * {@code stack[out..out + 8)}: the pending subtrees (stack level l for each set bit l of m) joined bottom up, a subtree
     * with no data beside it adding -0.0, which changes nothing (jk_pending_tree).
     */
    private static void pendingTree(double[] stack, int m, int out) {
        for (int l = 0; l < LANES; l++) {
            int level = Integer.numberOfTrailingZeros(m);
            double v = stack[level * LANES + l] + -0.0; // v + -0.0 == v, bit for bit
            for (level++; level < LEVELS; level++) {
                v = (m >> level & 1) == 1 ? stack[level * LANES + l] + v : v + -0.0;
            }
            stack[out + l] = v;
        }
    }

    private static void sumGroup(double[] x, int i, double[] out) {
        for (int l = 0; l < LANES; l++) {
            int a = i + l;
            out[l] = ((x[a] + x[a + 8]) + (x[a + 16] + x[a + 24])) + ((x[a + 32] + x[a + 40]) + (x[a + 48] + x[a + 56]));
        }
    }

    private static void squaresGroup(double[] x, int i, double[] out) {
        for (int l = 0; l < LANES; l++) {
            int a = i + l;
            out[l] = ((x[a] * x[a] + x[a + 8] * x[a + 8]) + (x[a + 16] * x[a + 16] + x[a + 24] * x[a + 24]))
                    + ((x[a + 32] * x[a + 32] + x[a + 40] * x[a + 40]) + (x[a + 48] * x[a + 48] + x[a + 56] * x[a + 56]));
        }
    }

    private static void productsGroup(double[] x, int i, double[] y, int j, double[] out) {
        for (int l = 0; l < LANES; l++) {
            int a = i + l, b = j + l;
            out[l] = ((x[a] * y[b] + x[a + 8] * y[b + 8]) + (x[a + 16] * y[b + 16] + x[a + 24] * y[b + 24]))
                    + ((x[a + 32] * y[b + 32] + x[a + 40] * y[b + 40]) + (x[a + 48] * y[b + 48] + x[a + 56] * y[b + 56]));
        }
    }

    /** Block partials combined pairwise by index, as in vector.c. */
    static double pairwise(double[] partials, int lo, int hi) {
        if (hi - lo == 1) {
            return partials[lo];
        }
        int mid = lo + (hi - lo) / 2;
        return pairwise(partials, lo, mid) + pairwise(partials, mid, hi);
    }

    /** {@code count} slots of {@code size} doubles, each a slice at a random offset of a larger array. */
    static Args slices(java.util.SplittableRandom r, int size, int count) {
        Args a = new Args();
        for (int k = 0; k < count; k++) {
            int off = r.nextInt(9);
            a.slot(Samples.doubles(r, size + off + r.nextInt(9)), off, size);
        }
        return a;
    }

    /** {@code count} slots of {@code size} floats, each a slice at a random offset of a larger array. */
    static Args floatSlices(java.util.SplittableRandom r, int size, int count) {
        Args a = new Args();
        for (int k = 0; k < count; k++) {
            int off = r.nextInt(9);
            a.slot(Samples.floats(r, size + off + r.nextInt(9)), off, size);
        }
        return a;
    }

    /** One long or int slot of {@code size} elements at a random offset of a larger array. */
    static Args integerSlices(java.util.SplittableRandom r, int size, boolean longs) {
        int off = r.nextInt(9), length = size + off + r.nextInt(9);
        return new Args().slot(longs ? Samples.longs(r, length) : Samples.ints(r, length), off, size);
    }
}
