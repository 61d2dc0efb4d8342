// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.MapSpecs;

/** The {@code double} kernels, for {@link KernelPool#map(DoubleKernel, double[])}. */
public final class DoubleKernels {
    private DoubleKernels() {}

    /**
     * {@code x * x}, correctly rounded (IEEE 754): NaN stays NaN, both infinities give +Infinity, -0.0 gives
     * +0.0. Both backends and every ISA path return the same bits.
     */
    public static final DoubleKernel SQUARE = new DoubleKernel("DoubleKernels.SQUARE", MapSpecs.DSQUARE);
}
