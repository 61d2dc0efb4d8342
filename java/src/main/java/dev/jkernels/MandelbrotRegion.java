// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/**
 * A Mandelbrot image to compute with {@link Images#mandelbrot(MandelbrotRegion)}: pixel {@code (col, row)}
 * is the point {@code c = (xMin + col * dx) + i (yMin + row * dy)}, with {@code dx = (xMax - xMin) / width}
 * and {@code dy = (yMax - yMin) / height}; its value is the number of iterations of {@code z = z*z + c}
 * (from {@code z = 0}) run while {@code |z|^2 <= 4} held before each, at most {@code maxIterations}: 1 for
 * a point that leaves at once ({@code |c| > 2}), {@code maxIterations} for one that never leaves. Computed in IEEE double
 * in exactly this order on both backends, so the counts are identical.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1; {@code width * height} at most {@code Integer.MAX_VALUE - 8}
 * @param xMin real part of the first column
 * @param xMax real part one past the last column
 * @param yMin imaginary part of the first row
 * @param yMax imaginary part one past the last row
 * @param maxIterations the iteration cap, at least 1
 */
public record MandelbrotRegion(int width, int height, double xMin, double xMax, double yMin, double yMax,
        int maxIterations) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public MandelbrotRegion {
        if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("width and height must be at least 1 with width * height <= "
                    + (Integer.MAX_VALUE - 8) + ", got " + width + " x " + height);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        for (double bound : new double[] {xMin, xMax, yMin, yMax}) {
            if (!Double.isFinite(bound)) {
                throw new IllegalArgumentException("bounds must be finite, got x " + xMin + ".." + xMax + ", y "
                        + yMin + ".." + yMax);
            }
        }
    }

    /**
     * The classic full view, {@code [-2.2, 0.8] x [-1.2, 1.2]}, at the given size and 256 iterations.
     *
     * @param width pixels per row
     * @param height rows
     * @return the region
     */
    public static MandelbrotRegion classic(int width, int height) {
        return new MandelbrotRegion(width, height, -2.2, 0.8, -1.2, 1.2, 256);
    }
}
