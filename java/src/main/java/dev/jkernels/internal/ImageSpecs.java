// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * Image operations and their twins: Mandelbrot escape counts, the twin of {@code native/src/ops/image.c} and
 * {@code native/src/kernels/ref/image.c}, expression for expression (Java evaluates doubles in IEEE order
 * without fusing, as the C is built). Not API.
 */
public final class ImageSpecs {
    private ImageSpecs() {}

    /** Integer scalars of the Mandelbrot op, in order: width, height, max iterations, schedule (0 dynamic, 1 static). */
    static final int WIDTH = 0, HEIGHT = 1, MAX_ITERATIONS = 2, SCHEDULE = 3;

    /**
     * Escape counts, row-major into slot 0 (width * height ints); reals x_min, x_max, y_min, y_max. Compute
     * bound: never pinned; one row per work index, handed out one at a time (DYNAMIC) or one band per worker
     * (STATIC).
     */
    public static final OpSpec MANDELBROT = OpSpec.builder("mandelbrot_i32", "mandelbrot")
            .slot("out", SlotType.INT, Role.WRITE).scalars(4, 4).flags(OpSpec.COSTLY)
            .measure(a -> (long) a.n0 * a.i2)
            .twin((a, threads) -> {
                int width = (int) a.i0, height = (int) a.i1, maxIterations = (int) a.i2;
                double xMin = a.d0, xMax = a.d1, yMin = a.d2, yMax = a.d3;
                int[] out = (int[]) a.a0;
                int oo = a.o0;
                int grain = a.i3 == 1 ? (height + threads - 1) / threads : 1;
                return Twin.range(height, grain, width, false, (rowFrom, rowTo, self) -> {
                    rows(width, height, xMin, xMax, yMin, yMax, maxIterations, rowFrom, rowTo, out, oo);
                    return 0;
                });
            })
            .sample((r, size) -> {
                int width = 1 + r.nextInt(40), height = 1 + Math.min(60, size / width), off = r.nextInt(7);
                Args a = new Args().slot(new int[width * height + off], off, width * height);
                a.integer(width).integer(height).integer(1 + r.nextInt(300)).integer(r.nextInt(2));
                double x = -2.2 + r.nextDouble(), y = -1.2 + r.nextDouble();
                return a.real(x).real(x + 0.1 + r.nextDouble() * 2).real(y).real(y + 0.1 + r.nextDouble() * 1.5);
            })
            .build();

    /** Rows [rowFrom, rowTo), row r at out[offset + r * width]: mandelbrot_rows in ref/image.c. */
    static void rows(int width, int height, double xMin, double xMax, double yMin, double yMax, int maxIterations,
            int rowFrom, int rowTo, int[] out, int offset) {
        double dx = (xMax - xMin) / width;
        double dy = (yMax - yMin) / height;
        for (int row = rowFrom; row < rowTo; row++) {
            double cy = yMin + (double) row * dy;
            int line = offset + row * width;
            for (int col = 0; col < width; col++) {
                out[line + col] = escapeCount(xMin + col * dx, cy, maxIterations);
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
