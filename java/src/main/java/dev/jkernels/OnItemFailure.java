// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/** What a {@link MapJob} does with the other items when one item fails. */
public enum OnItemFailure {
    /** Every other item still runs and is reported; the job's future fails at the end, naming every failure. */
    CONTINUE,
    /** The first failure cancels the items not started yet (like {@code joblib}'s early stop). */
    CANCEL_REST
}
