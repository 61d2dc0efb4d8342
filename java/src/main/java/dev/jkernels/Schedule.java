// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/** How an image's rows are shared among a pool's workers. */
public enum Schedule {
    /** One row at a time to whichever worker is free: uneven rows balance. The default; use it. */
    DYNAMIC,
    /**
     * One band of rows per worker, fixed before any row runs: the classic static split. It exists so a
     * benchmark can show what {@link #DYNAMIC} buys: a worker whose band is cheap sits idle while another
     * works through the expensive one.
     */
    STATIC
}
