// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/**
 * How far a job has come: items done (counted when their chunk finishes) out of items in all.
 *
 * @param done items finished so far, 0..total
 * @param total items in the job
 */
public record Progress(long done, long total) {
    /**
     * The finished fraction.
     *
     * @return done / total, or 1.0 for an empty job
     */
    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }

    /** For example {@code 37/100 (37.0%)}. */
    @Override
    public String toString() {
        return done + "/" + total + String.format(" (%.1f%%)", 100 * fraction());
    }
}
