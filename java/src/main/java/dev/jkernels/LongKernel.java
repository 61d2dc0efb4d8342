// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.MapSpecs;
import dev.jkernels.internal.OpSpec;

/**
 * An element-wise function on {@code long} values with a native implementation and a pure-Java twin that
 * compute the same thing. The instances are the constants of {@link LongKernels}; users cannot define
 * their own native kernels.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LongKernel {
    private final String name;
    private final OpSpec spec;

    LongKernel(String name, OpSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    /**
     * The kernel's name.
     *
     * @return the qualified constant name, for example {@code LongKernels.FIB}
     */
    public String name() {
        return name;
    }

    /**
     * The smallest valid input; smaller ones are rejected before any work starts.
     *
     * @return the lower bound of the domain, inclusive
     */
    public long minInput() {
        return MapSpecs.domainOf(spec)[0];
    }

    /**
     * The largest valid input; larger ones are rejected before any work starts.
     *
     * @return the upper bound of the domain, inclusive
     */
    public long maxInput() {
        return MapSpecs.domainOf(spec)[1];
    }

    OpSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return name;
    }
}
