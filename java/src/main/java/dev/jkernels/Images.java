package dev.jkernels;

import dev.jkernels.internal.AsyncOp;
import dev.jkernels.internal.Checks;
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
        AsyncOp.Mandelbrot op = op(region, schedule);
        int[] out = new int[Math.toIntExact(op.items())];
        pool.guarded(e -> e.mandelbrot(op, out));
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
        return pool.startAsync(op(region, Schedule.DYNAMIC), null);
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
        return pool.startAsync(op(region, Schedule.DYNAMIC), Checks.notNull(executor, "executor"));
    }

    private static AsyncOp.Mandelbrot op(MandelbrotRegion r, Schedule schedule) {
        Checks.notNull(r, "region");
        Checks.notNull(schedule, "schedule");
        return new AsyncOp.Mandelbrot(r.width(), r.height(), r.xMin(), r.xMax(), r.yMin(), r.yMax(), r.maxIterations(),
                schedule.ordinal());
    }
}
