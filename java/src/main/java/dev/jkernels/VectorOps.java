package dev.jkernels;

import dev.jkernels.internal.Checks;

/**
 * Vector operations on {@code double[]}, run on one {@link KernelPool}: get them with
 * {@link KernelPool#vectors()}. Thread-safe; the same argument and closed-pool rules as the pool's.
 *
 * <p><b>Determinism.</b> {@link #sum} and {@link #dot} split the input into fixed blocks of 4096 elements,
 * sum each block in 8 interleaved lanes and combine the block results pairwise; the grouping depends on the
 * input length only. The result is therefore the same bits on NATIVE and JAVA, at every thread count and
 * on every ISA path, run after run (a NaN result is NaN everywhere, but its sign and payload bits are not
 * specified). Products are rounded before they are added (no fused multiply-add),
 * exactly like the Java expression {@code x[i] * y[i]}. The error bound is that of pairwise-over-blocks
 * summation: about {@code (512 + log2(n/4096)) * eps * sum|x[i]|}, much tighter than a naive loop's
 * {@code n * eps * sum|x[i]|} for long inputs.
 *
 * <p><b>Special values</b> follow IEEE 754: a NaN anywhere gives NaN, +Infinity and -Infinity together give
 * NaN, and an empty input sums to +0.0.
 */
public final class VectorOps {
    private final KernelPool pool;

    VectorOps(KernelPool pool) {
        this.pool = pool;
    }

    /**
     * The sum of {@code x}, with the deterministic blocking above.
     *
     * @param x the values; not modified
     * @return the sum; +0.0 for an empty array
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public double sum(double[] x) {
        Checks.notNull(x, "x");
        return pool.guardedDouble(e -> e.sum(x));
    }

    /**
     * The dot product {@code sum(x[i] * y[i])}, with the deterministic blocking above.
     *
     * @param x the first vector; not modified
     * @param y the second vector, same length; not modified
     * @return the dot product; +0.0 for empty arrays
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public double dot(double[] x, double[] y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameLength("x", x.length, "y", y.length);
        return pool.guardedDouble(e -> e.dot(x, y));
    }

    /**
     * {@code y[i] = y[i] + a * x[i]} for every i, in place; the product is rounded before the add, as in Java.
     * {@code x} may be {@code y}.
     *
     * @param a the factor
     * @param x the vector added; not modified unless it is {@code y}
     * @param y the vector updated in place, same length as {@code x}
     * @throws NullPointerException if x or y is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public void axpy(double a, double[] x, double[] y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameLength("x", x.length, "y", y.length);
        pool.guarded(e -> e.axpy(a, x, y));
    }

    /**
     * {@code x[i] = a * x[i]} for every i, in place.
     *
     * @param a the factor
     * @param x the vector scaled in place
     * @throws NullPointerException if x is null
     * @throws IllegalStateException if the pool is closed
     */
    public void scale(double a, double[] x) {
        Checks.notNull(x, "x");
        pool.guarded(e -> e.scale(a, x));
    }
}
