// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.Arrays;

/**
 * Once-per-trial checks that the code about to be timed computes what its name says, so a misused peer
 * API or a broken backend cannot produce a good-looking number. Never called inside a timed method.
 */
final class Verify {
    /** Sums of up to 2^24 terms in different orders (lanes, blocks, threads, Kahan) differ by far less. */
    static final double SUM_TOLERANCE = 1e-8;
    /** Element-wise results differ at most by FMA against separate rounding: a few ulps. */
    static final double ELEMENT_TOLERANCE = 1e-12;

    private Verify() {}

    static void same(long[] expected, long[] actual, String what) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(what + " computed a wrong result");
        }
    }

    static void same(double[] expected, double[] actual, String what) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(what + " computed a wrong result");
        }
    }

    static void close(double expected, double actual, double relativeTolerance, String what) {
        if (!(Math.abs(expected - actual) <= relativeTolerance * Math.max(1.0, Math.abs(expected)))) {
            throw new IllegalStateException(what + " computed " + actual + ", expected " + expected);
        }
    }

    static void close(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            close(expected[i], actual[i], ELEMENT_TOLERANCE, what + " at index " + i);
        }
    }
}
