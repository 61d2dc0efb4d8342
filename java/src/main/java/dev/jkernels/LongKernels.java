// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.MapSpecs;

/** The {@code long} kernels, for {@link KernelPool#map(LongKernel, long[])}. */
public final class LongKernels {
    private LongKernels() {}

    /**
     * The seed's Fibonacci, computed the slow way on purpose: {@code fib(n) = 1} for {@code n <= 2}, else
     * {@code fib(n-1) + fib(n-2)}, doubly recursive on both backends. Note that {@code fib(0) = 1}, as in the
     * seed. Valid inputs are 0..92 ({@code fib(93)} overflows a long); anything else is rejected with an
     * {@link IllegalArgumentException} naming the value and its index, before any work starts.
     *
     * <p>Cost grows like 1.618<sup>n</sup>: about 35 ms for n = 38 on one core natively (65 ms in Java), so
     * n = 50 takes 10-20 s and n = 92 longer than anyone will wait; a running item cannot be interrupted (a
     * cancel stops the items not started yet), and {@link KernelPool#close()} waits for it. Items of uneven cost are balanced across threads.
     */
    public static final LongKernel FIB = new LongKernel("LongKernels.FIB", MapSpecs.FIB);

    /** {@code n * n}, wrapping on overflow exactly like Java's {@code long} multiplication. Any input. */
    public static final LongKernel SQUARE = new LongKernel("LongKernels.SQUARE", MapSpecs.SQUARE);
}
