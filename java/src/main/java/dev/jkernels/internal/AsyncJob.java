// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/** A started operation, as an engine sees it. Not API. */
public interface AsyncJob {
    /** Stops handing out the job's work; true if it had not finished. Chunks already running finish. */
    boolean cancel();

    /** Items done so far, counted per finished chunk. */
    long done();

    /** Items in all. */
    long total();
}
