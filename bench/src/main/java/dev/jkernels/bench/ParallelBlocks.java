// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * JDK_PARALLEL, set up the way a careful Java programmer would: a parallel stream over a few blocks of the
 * array (four per thread of the common pool plus the caller, and never under {@value #MIN_BLOCK} elements),
 * each block run by the same plain or unrolled loop the sequential rows use, which C2 compiles well. Not a
 * parallel stream per element ({@code IntStream.range(0, n).parallel().forEach(...)}, a lambda per element),
 * and not {@code DoubleStream.sum()} over the elements, which is Kahan-compensated and so does several
 * times the work of a plain sum.
 */
final class ParallelBlocks {
    /** Below this, splitting costs more than it saves; small arrays run as one block on the caller. */
    static final int MIN_BLOCK = 4096;

    private ParallelBlocks() {}

    @FunctionalInterface
    interface RangeReduction {
        double apply(int from, int to);
    }

    @FunctionalInterface
    interface RangeAction {
        void apply(int from, int to);
    }

    static int blocks(int n) {
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        return Math.max(1, Math.min(4 * threads, n / MIN_BLOCK));
    }

    static int from(int n, int blocks, int block) {
        return (int) ((long) n * block / blocks);
    }

    /** The sum over blocks of {@code body(from, to)}. */
    static double sum(int n, RangeReduction body) {
        int blocks = blocks(n);
        return IntStream.range(0, blocks).parallel()
                .mapToDouble(b -> body.apply(from(n, blocks, b), from(n, blocks, b + 1)))
                .reduce(0, Double::sum);
    }

    /** Runs {@code body} on every block. */
    static void forEach(int n, RangeAction body) {
        int blocks = blocks(n);
        IntStream.range(0, blocks).parallel().forEach(b -> body.apply(from(n, blocks, b), from(n, blocks, b + 1)));
    }
}
