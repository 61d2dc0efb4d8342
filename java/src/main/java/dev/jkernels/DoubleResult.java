// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/**
 * One item of a {@link MapJob} over a {@link DoubleKernel}, in the order the items finished.
 *
 * @param index the item's index in the input
 * @param value the kernel's result; 0 when the item failed
 * @param failure why the item failed, or null
 */
public record DoubleResult(int index, double value, RuntimeException failure) {
    /**
     * Whether the item failed.
     *
     * @return true if {@link #failure()} is set
     */
    public boolean failed() {
        return failure != null;
    }
}
