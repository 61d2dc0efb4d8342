package dev.jkernels.internal;

/**
 * The pure-Java twins of the native kernels. Each computes exactly what its native counterpart in
 * {@code native/src/kernels/ref} computes, with the same algorithm, so results match bit for bit. Not API.
 */
public final class JavaKernels {
    private JavaKernels() {}

    /** Elements per reduction block; mirrors JK_REDUCE_BLOCK in jk_vector.h (part of the result's definition). */
    public static final int REDUCE_BLOCK = 4096;

    /** The seed's naive fib, as in ref_kernels.c. */
    public static long fib(long n) {
        return n <= 2 ? 1 : fib(n - 1) + fib(n - 2);
    }

    public static void fib(long[] in, long[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = fib(in[i]);
        }
    }

    public static void square(long[] in, long[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = in[i] * in[i];
        }
    }

    public static void square(double[] in, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = in[i] * in[i];
        }
    }

    /**
     * Sum of one reduction block {@code x[from..to)}, {@code from} a multiple of 8: element i goes to lane
     * (i mod 8), lanes combine as ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)), as in jk_vector.h.
     */
    public static double sumBlock(double[] x, int from, int to) {
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

    /** Dot product of one block, lane order as {@link #sumBlock}; each product is rounded before the add. */
    public static double dotBlock(double[] x, double[] y, int from, int to) {
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
        int i = from;
        for (; i <= to - 8; i += 8) { // not i + 8 <= to: no overflow near 2^31
            l0 += x[i] * y[i];
            l1 += x[i + 1] * y[i + 1];
            l2 += x[i + 2] * y[i + 2];
            l3 += x[i + 3] * y[i + 3];
            l4 += x[i + 4] * y[i + 4];
            l5 += x[i + 5] * y[i + 5];
            l6 += x[i + 6] * y[i + 6];
            l7 += x[i + 7] * y[i + 7];
        }
        int tail = to - i;
        if (tail > 0) l0 += x[i] * y[i];
        if (tail > 1) l1 += x[i + 1] * y[i + 1];
        if (tail > 2) l2 += x[i + 2] * y[i + 2];
        if (tail > 3) l3 += x[i + 3] * y[i + 3];
        if (tail > 4) l4 += x[i + 4] * y[i + 4];
        if (tail > 5) l5 += x[i + 5] * y[i + 5];
        if (tail > 6) l6 += x[i + 6] * y[i + 6];
        return ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7));
    }

    /** Block partials combined pairwise by index, as in vector.c. */
    public static double pairwise(double[] partials, int lo, int hi) {
        if (hi - lo == 1) {
            return partials[lo];
        }
        int mid = lo + (hi - lo) / 2;
        return pairwise(partials, lo, mid) + pairwise(partials, mid, hi);
    }

    public static void axpy(double a, double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] += a * x[i];
        }
    }

    public static void scale(double a, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] *= a;
        }
    }

    /**
     * Rows [rowFrom, rowTo) of a Mandelbrot image: the twin of {@code mandelbrot_rows} in ref_kernels.c,
     * expression for expression (Java evaluates doubles in IEEE order without fusing, as the C is built).
     */
    public static void mandelbrotRows(AsyncOp.Mandelbrot m, int rowFrom, int rowTo, int[] out) {
        double dx = (m.xMax() - m.xMin()) / m.width();
        double dy = (m.yMax() - m.yMin()) / m.height();
        for (int row = rowFrom; row < rowTo; row++) {
            double cy = m.yMin() + (double) row * dy;
            int line = row * m.width();
            for (int col = 0; col < m.width(); col++) {
                out[line + col] = escapeCount(m.xMin() + col * dx, cy, m.maxIterations());
            }
        }
    }

    private static int escapeCount(double cx, double cy, int maxIterations) {
        double x = 0.0, y = 0.0;
        int i = 0;
        while (i < maxIterations && x * x + y * y <= 4.0) {
            double xt = x * x - y * y + cx;
            y = 2.0 * x * y + cy;
            x = xt;
            i++;
        }
        return i;
    }
}
