// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.Images;
import dev.jkernels.MandelbrotRegion;
import dev.jkernels.Schedule;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code images().mandelbrot(region, schedule)}: the irregular, compute-bound workload. Rows through the set
 * cost 256 iterations a pixel, rows outside it a few, so the row schedule decides the speedup.
 * {@code *_STATIC} rows use {@link Schedule#STATIC} (one band of rows per worker, fixed up front); JAVA_N and
 * NATIVE_N hand rows out one at a time ({@link Schedule#DYNAMIC}); JDK_PARALLEL is a parallel stream over the
 * rows (work stealing on the common pool plus the caller). Parallel efficiency at N threads =
 * time(X_1) / (N * time(X_N)).
 *
 * <p>The region is {@code [-2, 1] x [-0.25, 1.25]}, not the full view: the full view is symmetric about the
 * real axis, so at exactly 2 threads its two static bands cost the same and hide what a static split does
 * to any other image (a zoom, a 3-core machine). LOOP is the formula as two plain nested loops.
 * FLOPs: 8 per iteration of a pixel (x*x, y*y, their sum, x*x - y*y + cx, 2*x*y + cy), counted from the
 * image itself ({@link Flops}).
 */
@OpInfo(op = "mandelbrot", sizeLabel = "pixels per side", calibrated = false, fullSizes = {"1024"},
        scalingSize = "1024", quickSizes = {"256", "1024"}, flopsPerCall = MandelbrotBench.Flops.class)
public class MandelbrotBench extends KernelBench implements Workload {
    static final String JAVA_N_STATIC = "JAVA_N_STATIC";
    static final String NATIVE_N_STATIC = "NATIVE_N_STATIC";
    static final int MAX_ITERATIONS = 256;

    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, JAVA_N_STATIC, Impl.NATIVE_1, Impl.NATIVE_N,
            NATIVE_N_STATIC})
    public String impl;

    /** Image side in pixels: 1024 x 1024, 1 Mpx. */
    @Param({"1024"})
    public int size;

    private Supplier<int[]> image;

    static MandelbrotRegion region(int side) {
        return new MandelbrotRegion(side, side, -2.0, 1.0, -0.25, 1.25, MAX_ITERATIONS);
    }

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        MandelbrotRegion region = region(size);
        image = switch (impl) {
            case Impl.LOOP -> () -> loop(region);
            case Impl.JDK_PARALLEL -> () -> parallelRows(region);
            case Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N -> library(region, impl, Schedule.DYNAMIC);
            case JAVA_N_STATIC -> library(region, Impl.JAVA_N, Schedule.STATIC);
            case NATIVE_N_STATIC -> library(region, Impl.NATIVE_N, Schedule.STATIC);
            default -> throw new IllegalArgumentException("MandelbrotBench has no implementation named " + impl);
        };
        if (!Arrays.equals(loop(region), image.get())) {
            throw new IllegalStateException(impl + " computes a different image than the formula");
        }
    }

    private Supplier<int[]> library(MandelbrotRegion region, String pool, Schedule schedule) {
        Images images = openPool(pool).images();
        return () -> images.mandelbrot(region, schedule);
    }

    /** The documented formula, sequentially. */
    static int[] loop(MandelbrotRegion r) {
        int[] out = new int[r.width() * r.height()];
        for (int row = 0; row < r.height(); row++) {
            row(r, row, out);
        }
        return out;
    }

    /** The same rows on a parallel stream. */
    static int[] parallelRows(MandelbrotRegion r) {
        int[] out = new int[r.width() * r.height()];
        IntStream.range(0, r.height()).parallel().forEach(row -> row(r, row, out));
        return out;
    }

    private static void row(MandelbrotRegion r, int row, int[] out) {
        double dx = (r.xMax() - r.xMin()) / r.width(), dy = (r.yMax() - r.yMin()) / r.height();
        double cy = r.yMin() + row * dy;
        for (int col = 0; col < r.width(); col++) {
            double cx = r.xMin() + col * dx, x = 0, y = 0;
            int i = 0;
            while (i < r.maxIterations() && x * x + y * y <= 4.0) {
                double xt = x * x - y * y + cx;
                y = 2.0 * x * y + cy;
                x = xt;
                i++;
            }
            out[row * r.width() + col] = i;
        }
    }

    @Benchmark
    public int[] mandelbrot() {
        return image.get();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(image.get());
    }

    /** FLOPs of one image of this side: 8 per iteration, summed over its pixels. */
    public static final class Flops implements LongUnaryOperator {
        @Override
        public long applyAsLong(long side) {
            long iterations = 0;
            for (int count : loop(region(Math.toIntExact(side)))) {
                iterations += count;
            }
            return 8 * iterations;
        }
    }
}
