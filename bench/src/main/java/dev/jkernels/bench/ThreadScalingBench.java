// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Thread scaling: one kernel ({@code op}) at its one large size ({@link OpInfo#scalingSize}), with the
 * pool (or OpenBLAS) of {@code impl} forced to {@code threads} threads. {@code full} sweeps 1, 2, ..., N and
 * 2N threads (2N: what oversubscription costs); the points at 1 and N are the kernel's own NATIVE_1/NATIVE_N
 * (JAVA_*, OPENBLAS_*) rows at that size, same code, same settings, so {@code full} runs only the others
 * here and the report joins them. The code timed is the kernel class's own ({@link Workload}).
 */
public class ThreadScalingBench extends KernelBench {
    @Param({"sum"})
    public String op;

    /** The configuration whose thread count is swept: NATIVE_N, JAVA_N or OPENBLAS_N. */
    @Param({Impl.NATIVE_N, Impl.JAVA_N, Impl.OPENBLAS_N})
    public String impl;

    @Param({"1", "2", "4"})
    public int threads;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        OpInfo info = Catalog.kernel(op).orElseThrow(() -> new IllegalArgumentException("no kernel " + op)).info();
        workload = Workloads.create(op, impl, info.scalingSize(), threads);
    }

    @Benchmark
    public void run(Blackhole bh) {
        workload.runOnce(bh);
    }

    @TearDown(Level.Trial)
    public void closeWorkload() {
        if (workload != null) {
            workload.closeResources();
        }
    }
}
