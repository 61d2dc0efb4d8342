// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import org.openjdk.jmh.infra.Blackhole;

/**
 * A kernel benchmark as the generic benchmarks see it ({@link ThreadScalingBench}, {@link SizeSweepBench},
 * {@link ColdCallBench}): they build an instance of the kernel's own class, set its parameters as JMH would,
 * run its trial setup, and time {@link #runOnce}. So every kernel's implementations live in one file, its
 * own, and the sweeps measure exactly the code its table measures.
 */
public interface Workload {
    /** The trial setup: builds inputs and the call to time, and checks the call's result once. */
    void setUp();

    /** Runs the prepared call once and hands its result to the blackhole. */
    void runOnce(Blackhole bh);

    /** Closes what the setup opened (pools, off-heap memory). */
    void closeResources();
}
