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
}
