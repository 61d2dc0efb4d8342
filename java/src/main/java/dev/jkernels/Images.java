// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.ImageSpecs;
import java.util.concurrent.Executor;

/**
 * Image kernels, run on one {@link KernelPool}: get them with {@link KernelPool#images()}. Thread-safe; the
 * same closed-pool rules as the pool's.
 *
 * <p>Mandelbrot escape counts are the library's irregular workload: a row through the set costs
 * {@code maxIterations} per pixel, a row far outside it a handful, so how rows are shared among workers
 * decides the speedup (see {@link Schedule}). Rows go to workers one at a time by default.
 */
public final class Images {
    private final KernelPool pool;

    Images(KernelPool pool) {
        this.pool = pool;
    }

    /**
     * Escape counts of {@code region}, rows shared dynamically.
     *
     * @param region the image
     * @return {@code width * height} counts, row-major, each in {@code 0..maxIterations}
     * @throws NullPointerException if region is null
     * @throws IllegalStateException if the pool is closed
     */
    public int[] mandelbrot(MandelbrotRegion region) {
        return mandelbrot(region, Schedule.DYNAMIC);
    }

    /**
     * Escape counts of {@code region} with a chosen row schedule; the counts do not depend on it.
     *
     * @param region the image
     * @param schedule how rows are shared
     * @return {@code width * height} counts, row-major
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the pool is closed
     */
    public int[] mandelbrot(MandelbrotRegion region, Schedule schedule) {
        Checks.notNull(region, "region");
        Checks.notNull(schedule, "schedule");
        int[] out = new int[Math.multiplyExact(region.width(), region.height())];
        pool.call(ImageSpecs.MANDELBROT, new Args().slot(out).integer(region.width()).integer(region.height())
                .integer(region.maxIterations()).integer(schedule.ordinal())
                .real(region.xMin()).real(region.xMax()).real(region.yMin()).real(region.yMax()));
        return out;
    }

    /**
     * Starts the image and returns at once; see {@link KernelFuture} for where it completes.
     *
     * @param region the image
     * @return the future counts
     * @throws NullPointerException if region is null
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<int[]> mandelbrotAsync(MandelbrotRegion region) {
        return pool.submit(p -> p.images().mandelbrot(region));
    }

    /**
     * Like {@link #mandelbrotAsync(MandelbrotRegion)}, completing the future on {@code executor}.
     *
     * @param region the image
     * @param executor where the future is completed
     * @return the future counts
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<int[]> mandelbrotAsync(MandelbrotRegion region, Executor executor) {
        return pool.submit(p -> p.images().mandelbrot(region), executor);
    }
}
