// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-call-overhead curve: one cheap kernel ({@code sum}: one add per 8 bytes, read-only) at every power
 * of two from 16 to 64 Mi elements, per backend: UNROLLED (plain Java, no call overhead at all: the
 * reference), JAVA_N, NATIVE_N and AUTO_N. Where a curve leaves UNROLLED's line is what a call costs; where
 * NATIVE_N and JAVA_N cross is where native starts to pay; AUTO_N should follow the lower envelope.
 *
 * <p>Shorter iterations than the kernel tables (5 x 100 ms warm-up and measurement, 3 forks): 92 points at
 * the full settings would cost 30 minutes. The loop under test compiles in its first milliseconds; the report
 * checks every fork's first measured iteration against its last ones and marks the points that were still
 * getting faster, so the shorter warm-up is measured, not assumed.
 */
@Warmup(iterations = 5, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 100, timeUnit = TimeUnit.MILLISECONDS)
public class SizeSweepBench extends KernelBench {
    @Param({"sum"})
    public String op;

    @Param({Impl.UNROLLED, Impl.JAVA_N, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    @Param({"16", "32", "64", "128", "256", "512", "1024", "2048", "4096", "8192", "16384", "32768", "65536",
            "131072", "262144", "524288", "1048576", "2097152", "4194304", "8388608", "16777216", "33554432",
            "67108864"})
    public int size;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = Workloads.create(op, impl, Integer.toString(size), 0);
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
