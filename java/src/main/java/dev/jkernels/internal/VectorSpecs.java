// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * Vector operations on doubles and their twins: the twins of {@code native/src/ops/vector.c} and
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

    /** Sum of x. */
    public static final OpSpec SUM = OpSpec.builder("sum_f64", "sum")
            .slot("x", SlotType.DOUBLE, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> reduction(a, VectorSpecs::sumBlock, t -> t))
            .sample((r, size) -> slices(r, size, 1))
            .build();

    /** Sum of x[i] * y[i], each product rounded before it is added. */
    public static final OpSpec DOT = OpSpec.builder("dot_f64", "dot")
            .slot("x", SlotType.DOUBLE, Role.READ).slot("y", SlotType.DOUBLE, Role.READ)
            .result(ResultKind.DOUBLE).flags(OpSpec.STREAMING | OpSpec.SAME_LENGTH)
            .autoDefaults(256, 65_536)
            .twin((a, threads) -> {
                double[] y = (double[]) a.a1;
                int shift = a.o1 - a.o0; // y's element for x's index i
                return reduction(a, (double[] x, int from, int to) -> dotBlock(x, from, to, y, from + shift), t -> t);
            })
            .sample((r, size) -> slices(r, size, 2))
            .build();

    /**
     * The Euclidean norm: the square root (correctly rounded) of the sum of squares, blocked as {@link #SUM},
     * each square rounded first. Not scaled (overflows past |x| ~ 1.3e154), like numpy.linalg.norm.
     */
    public static final OpSpec NORM2 = OpSpec.builder("norm2_f64", "norm2")
            .slot("x", SlotType.DOUBLE, Role.READ).result(ResultKind.DOUBLE).flags(OpSpec.STREAMING)
            .autoDefaults(256, 262_144)
            .twin((a, threads) -> reduction(a, VectorSpecs::sumSquaresBlock, Math::sqrt))
            .sample((r, size) -> slices(r, size, 1))
            .build();

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

    /** One block's reduction of x[from, to) (absolute indices, from on a block boundary of the slice). */
    @FunctionalInterface
    interface BlockReduce {
        double block(double[] x, int from, int to);
    }

    /**
     * The reduction twin: one partial per fixed block of slot 0, combined pairwise, then {@code finish}ed
     * (vector.c's cut: blocks of REDUCE_BLOCK, chunks of REDUCE_GRAIN_BLOCKS, cheap). The block lambda is
     * called once per 4096 elements; the element loops are in the block methods, which the JIT compiles on
     * their own.
     */
    static Twin reduction(Args a, BlockReduce reduce, java.util.function.DoubleUnaryOperator finish) {
        double[] x = (double[]) a.a0;
        int n = a.n0, xo = a.o0;
        double[] partials = new double[n == 0 ? 0 : (n - 1) / REDUCE_BLOCK + 1];
        return Twin.range(partials.length, REDUCE_GRAIN_BLOCKS, REDUCE_BLOCK, true, (first, end, self) -> {
            for (int b = first; b < end; b++) {
                int from = b * REDUCE_BLOCK, to = from + Math.min(REDUCE_BLOCK, n - from); // no overflow near 2^31
                partials[b] = reduce.block(x, xo + from, xo + to);
            }
            return 0;
        }).items(n).completing(status -> Double.doubleToRawLongBits(
                finish.applyAsDouble(partials.length == 0 ? 0.0 : pairwise(partials, 0, partials.length))));
    }

    /**
     * Sum of one reduction block {@code x[from..to)}: element i goes to lane (i - from) mod 8, lanes combine as
     * ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)), as in jk_vector.h.
     */
    static double sumBlock(double[] x, int from, int to) {
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
        int i = from;
        for (; i <= to - 8; i += 8) { // not i + 8 <= to: no overflow near 2^31
            l0 += x[i];
            l1 += x[i + 1];
            l2 += x[i + 2];
            l3 += x[i + 3];
            l4 += x[i + 4];
            l5 += x[i + 5];
            l6 += x[i + 6];
            l7 += x[i + 7];
        }
        int tail = to - i;
        if (tail > 0) l0 += x[i];
        if (tail > 1) l1 += x[i + 1];
        if (tail > 2) l2 += x[i + 2];
        if (tail > 3) l3 += x[i + 3];
        if (tail > 4) l4 += x[i + 4];
        if (tail > 5) l5 += x[i + 5];
        if (tail > 6) l6 += x[i + 6];
        return ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7));
    }

    /** Sum of squares of one block, lane order as {@link #sumBlock}; each square rounded before it is added. */
    static double sumSquaresBlock(double[] x, int from, int to) {
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
        int i = from;
        for (; i <= to - 8; i += 8) {
            l0 += x[i] * x[i];
            l1 += x[i + 1] * x[i + 1];
            l2 += x[i + 2] * x[i + 2];
            l3 += x[i + 3] * x[i + 3];
            l4 += x[i + 4] * x[i + 4];
            l5 += x[i + 5] * x[i + 5];
            l6 += x[i + 6] * x[i + 6];
            l7 += x[i + 7] * x[i + 7];
        }
        int tail = to - i;
        if (tail > 0) l0 += x[i] * x[i];
        if (tail > 1) l1 += x[i + 1] * x[i + 1];
        if (tail > 2) l2 += x[i + 2] * x[i + 2];
        if (tail > 3) l3 += x[i + 3] * x[i + 3];
        if (tail > 4) l4 += x[i + 4] * x[i + 4];
        if (tail > 5) l5 += x[i + 5] * x[i + 5];
        if (tail > 6) l6 += x[i + 6] * x[i + 6];
        return ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7));
    }

    /** Dot product of x[from..to) with y from yFrom on, lane order as {@link #sumBlock}; products rounded first. */
    static double dotBlock(double[] x, int from, int to, double[] y, int yFrom) {
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
        int i = from, j = yFrom;
        for (; i <= to - 8; i += 8, j += 8) {
            l0 += x[i] * y[j];
            l1 += x[i + 1] * y[j + 1];
            l2 += x[i + 2] * y[j + 2];
            l3 += x[i + 3] * y[j + 3];
            l4 += x[i + 4] * y[j + 4];
            l5 += x[i + 5] * y[j + 5];
            l6 += x[i + 6] * y[j + 6];
            l7 += x[i + 7] * y[j + 7];
        }
        int tail = to - i;
        if (tail > 0) l0 += x[i] * y[j];
        if (tail > 1) l1 += x[i + 1] * y[j + 1];
        if (tail > 2) l2 += x[i + 2] * y[j + 2];
        if (tail > 3) l3 += x[i + 3] * y[j + 3];
        if (tail > 4) l4 += x[i + 4] * y[j + 4];
        if (tail > 5) l5 += x[i + 5] * y[j + 5];
        if (tail > 6) l6 += x[i + 6] * y[j + 6];
        return ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7));
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
}
