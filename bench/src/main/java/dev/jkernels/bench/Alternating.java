// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

/**
 * Two factors handed out in turn, for benchmarks that mutate their input in place (axpy, scale). Undoing
 * each call with the next keeps the arrays bounded for any number of calls, with no per-call reset:
 * JMH's per-invocation setup would cost more than the kernel at small sizes (JMHSample_38).
 */
public final class Alternating {
    private final double first;
    private final double second;
    private boolean useSecond;

    public Alternating(double first, double second) {
        this.first = first;
        this.second = second;
    }

    public double next() {
        useSecond = !useSecond;
        return useSecond ? second : first;
    }
}
