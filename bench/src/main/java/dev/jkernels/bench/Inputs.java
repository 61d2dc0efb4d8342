// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.SplittableRandom;

/** Benchmark inputs: seeded, so every implementation and every run sees the same values. */
public final class Inputs {
    private Inputs() {}

    /**
     * Uniform doubles in [0, 1): no NaN, infinity or subnormal to take a slow path; sums of up to 2^24 of
     * them stay far from overflow; and being non-negative, their sum equals their BLAS {@code dasum}.
     */
    public static double[] doubles(int size, long seed) {
        return new SplittableRandom(seed).doubles(size).toArray();
    }

    /** Uniform longs over the whole range: squares wrap, as {@code LongKernels.SQUARE} documents. */
    public static long[] longs(int size, long seed) {
        return new SplittableRandom(seed).longs(size).toArray();
    }
}
