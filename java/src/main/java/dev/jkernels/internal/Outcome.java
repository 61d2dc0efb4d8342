// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * What a finished job produced, the same for every engine and operation. Not API.
 *
 * @param status the job's jk_status (0: ran to its end; DOMAIN with a per-item job: ran to its end, some
 *     items failed)
 * @param value the operation's result as raw bits, when it ran to its end
 * @param badIndex the lowest failing item, or -1
 * @param failedItems every failing item of a per-item job, ascending
 * @param failure a Java exception (a twin's bug, or out of memory delivering), else null
 * @param publish copies the job's written slots into the caller's arrays; run it at most once, and only
 *     inside the engine's {@code onDone} (the job's memory is freed after it)
 */
public record Outcome(int status, long value, long badIndex, long[] failedItems, Throwable failure, Runnable publish) {
    /** Whether the job's written slots hold a complete result (some items may have failed on their own). */
    public boolean ranToEnd(boolean perItem) {
        return failure == null && (status == Failures.OK || (perItem && status == Failures.DOMAIN));
    }

    /**
     * The exception a future of this job fails with: the same as the synchronous call would throw (out of
     * native memory, with what the call asked for).
     */
    public Throwable exception(OpSpec op, Args args) {
        if (failure != null) {
            return failure;
        }
        Throwable t = Failures.forStatus(status, Failures.message(op.label, status));
        return t instanceof OutOfMemoryError e ? Failures.withMemoryNote(e, op, args) : t;
    }
}
