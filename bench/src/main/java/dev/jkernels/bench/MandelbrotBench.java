package dev.jkernels.bench;

import dev.jkernels.Images;
import dev.jkernels.MandelbrotRegion;
import dev.jkernels.Schedule;
import java.util.Arrays;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code images().mandelbrot(region)}: the irregular workload. Rows through the set cost 256 iterations a
 * pixel, rows outside it a few, so the row schedule decides the speedup. {@code *_STATIC} rows use
 * {@link Schedule#STATIC} (one band of rows per worker, fixed up front); the others hand rows out one at a
 * time ({@link Schedule#DYNAMIC}). Parallel efficiency at N threads = time(X_1) / (N * time(X_N)).
 *
 * <p>The region is {@code [-2, 1] x [-0.25, 1.25]}, not the full view: the full view is symmetric about the
 * real axis, so at exactly 2 threads its two static bands cost the same and hide what a static split does
 * to any other image (a zoom, a 3-core machine). LOOP is the formula as two plain nested loops.
 */
public class MandelbrotBench extends KernelBench {
    @Param({Impl.LOOP, Impl.JAVA_1, Impl.JAVA_N, "JAVA_N_STATIC", Impl.NATIVE_1, Impl.NATIVE_N, "NATIVE_N_STATIC"})
    public String impl;

    /** Image side in pixels: 512 x 512 (0.26 Mpx) and 2048 x 2048 (4.2 Mpx). */
    @Param({"512", "2048"})
    public int size;

    private Supplier<int[]> image;

    static MandelbrotRegion region(int side) {
        return new MandelbrotRegion(side, side, -2.0, 1.0, -0.25, 1.25, 256);
    }

    @Setup(Level.Trial)
    public void setUp() {
        MandelbrotRegion region = region(size);
        if (impl.equals(Impl.LOOP)) {
            image = () -> loop(region);
            return;
        }
        Images images = openPool(impl.replace("_STATIC", "")).images();
        Schedule schedule = impl.endsWith("_STATIC") ? Schedule.STATIC : Schedule.DYNAMIC;
        image = () -> images.mandelbrot(region, schedule);
        if (!Arrays.equals(loop(region(64)), images.mandelbrot(region(64), schedule))) {
            throw new IllegalStateException(impl + " computes a different image than the formula");
        }
    }

    /** The documented formula, sequentially. */
    static int[] loop(MandelbrotRegion r) {
        int[] out = new int[r.width() * r.height()];
        double dx = (r.xMax() - r.xMin()) / r.width(), dy = (r.yMax() - r.yMin()) / r.height();
        for (int row = 0; row < r.height(); row++) {
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
        return out;
    }

    @Benchmark
    public int[] mandelbrot() {
        return image.get();
    }
}
