// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

/**
 * The plain Java loops the sequential rows and JDK_PARALLEL's blocks run. {@code LOOP} rows use the
 * obvious one-accumulator form; {@code UNROLLED} rows the eight-accumulator form, which C2 does not
 * vectorize (floating-point adds may not be reordered) but which keeps eight adds in flight instead of
 * one: the fastest scalar Java for a reduction.
 */
final class Loops {
    private Loops() {}

    static double naiveSum(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    static double unrolledSum(double[] x, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < to; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static double naiveDot(double[] x, double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double unrolledDot(double[] x, double[] y, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
            s4 += x[i + 4] * y[i + 4];
            s5 += x[i + 5] * y[i + 5];
            s6 += x[i + 6] * y[i + 6];
            s7 += x[i + 7] * y[i + 7];
        }
        for (; i < to; i++) {
            s0 += x[i] * y[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code y += a x}: no dependency between elements, so C2 vectorizes it as written. */
    static void axpy(double a, double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code x *= a}: vectorized by C2 as written. */
    static void scale(double a, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] *= a;
        }
    }

    /** {@code float s += x[i]}: the loop most code writes, accumulating in float. */
    static float naiveSum(float[] x, int from, int to) {
        float s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    /** Eight double accumulators over widened floats: the algorithm class of jkernels' float sum. */
    static double unrolledSum(float[] x, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < to; i++) {
            s0 += x[i];
        }
        return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
    }

    /** Whether x[c] ranks before x[b] for argmax: the first NaN, else larger, else +0.0 above -0.0. */
    static boolean better(double[] x, int c, int b) {
        double u = x[c], v = x[b];
        if (v != v) {
            return false;
        }
        if (u != u) {
            return true;
        }
        if (u == v) {
            return u == 0 && Double.doubleToRawLongBits(u) >= 0 && Double.doubleToRawLongBits(v) < 0;
        }
        return u > v;
    }

    /** The index of the first largest element of x[from, to) under {@link #better}. */
    static int argmax(double[] x, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (better(x, i, best)) {
                best = i;
            }
        }
        return best;
    }

    /** The sum of (x[i] - mean)^2 over x[from, to), eight accumulators. */
    static double squaredDeviations(double[] x, int from, int to, double mean) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            double d0 = x[i] - mean, d1 = x[i + 1] - mean, d2 = x[i + 2] - mean, d3 = x[i + 3] - mean;
            double d4 = x[i + 4] - mean, d5 = x[i + 5] - mean, d6 = x[i + 6] - mean, d7 = x[i + 7] - mean;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < to; i++) {
            double d = x[i] - mean;
            s0 += d * d;
        }
        return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
    }

    /** The stable two-pass population variance: the mean, then the squared deviations from it. */
    static double twoPassVariance(double[] x, int from, int to) {
        double mean = unrolledSum(x, from, to) / (to - from);
        return squaredDeviations(x, from, to, mean) / (to - from);
    }

    /** The inclusive prefix sum in place, the obvious loop: each element waits for the one before it. */
    static void prefixSum(double[] x, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            x[i] += x[i - 1];
        }
    }

    /** The wrapping sum of longs, the obvious loop (C2 vectorizes it: integer adds may be reordered). */
    static long sum(long[] x, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }
}
