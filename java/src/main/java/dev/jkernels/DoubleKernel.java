// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.OpSpec;

/**
 * An element-wise function on {@code double} values with a native implementation and a pure-Java twin
 * that return the same bits. The instances are the constants of {@link DoubleKernels}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DoubleKernel {
    private final String name;
    private final OpSpec spec;

    DoubleKernel(String name, OpSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    /**
     * The kernel's name.
     *
     * @return the qualified constant name, for example {@code DoubleKernels.SQUARE}
     */
    public String name() {
        return name;
    }

    OpSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return name;
    }
}
