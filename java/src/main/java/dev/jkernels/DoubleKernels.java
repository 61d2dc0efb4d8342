package dev.jkernels;

import dev.jkernels.internal.JavaKernels;
import dev.jkernels.internal.KernelSpec;

/** The {@code double} kernels, for {@link KernelPool#map(DoubleKernel, double[])}. */
public final class DoubleKernels {
    private DoubleKernels() {}

    /**
     * {@code x * x}, correctly rounded (IEEE 754): NaN stays NaN, both infinities give +Infinity, -0.0 gives
     * +0.0. Both backends and every ISA path return the same bits.
     */
    public static final DoubleKernel SQUARE =
            new DoubleKernel("DoubleKernels.SQUARE", new KernelSpec.OfDouble("dsquare", 0, JavaKernels::square));
}
