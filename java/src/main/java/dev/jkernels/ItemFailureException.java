// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.util.Arrays;

/**
 * Items of a {@link MapJob} failed. Thrown (as the cause of an {@code ExecutionException} or
 * {@code CompletionException}) by the job's future, and carried by each failed item's result.
 */
public final class ItemFailureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final long[] failedIndices;

    ItemFailureException(String message, long[] failedIndices) {
        this(message, failedIndices, null);
    }

    ItemFailureException(String message, long[] failedIndices, Throwable cause) {
        super(message, cause);
        this.failedIndices = failedIndices.clone();
    }

    /** An item whose whole part failed for a reason other than its input; the cause says which. */
    static ItemFailureException forPart(String kernel, long index, dev.jkernels.internal.Outcome outcome) {
        String why = outcome.failure() != null ? outcome.failure().toString() : "jk_status " + outcome.status();
        return new ItemFailureException(kernel + ": item " + index + " failed with its part: " + why,
                new long[] {index}, outcome.failure());
    }

    /**
     * The indices of the items that failed, ascending.
     *
     * @return a new array each call
     */
    public long[] failedIndices() {
        return failedIndices.clone();
    }

    static ItemFailureException forItems(String kernel, long[] indices, LongValues inputs) {
        StringBuilder msg = new StringBuilder(kernel).append(": ").append(indices.length)
                .append(indices.length == 1 ? " item failed: " : " items failed, first: ");
        msg.append("input ").append(inputs.at(indices[0])).append(" at index ").append(indices[0])
                .append(" is outside the kernel's domain");
        if (indices.length > 1) {
            msg.append("; failed indices ").append(Arrays.toString(Arrays.copyOf(indices, Math.min(indices.length, 10))))
                    .append(indices.length > 10 ? " ..." : "");
        }
        return new ItemFailureException(msg.toString(), indices);
    }

    /** Reads the failing input for the message. */
    @FunctionalInterface
    interface LongValues {
        String at(long index);
    }
}
