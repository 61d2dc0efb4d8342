// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cold calls: the same call with the caller idle for {@code idleMicros} before each one, beside the
 * back-to-back case ({@code idleMicros = 0}). jkernels' workers poll for about 50 µs after a job and then
 * sleep; after 1 ms idle every pool's threads (jkernels', OpenBLAS's) are asleep, so each
 * call pays their wake-up, which back-to-back benchmarks never see.
 *
 * <p>The kernel is {@code sum} at 256 Ki elements, large enough that every N-thread implementation really
 * hands work to its threads, small enough (2 MiB) that a wake-up of tens of µs is visible. The idle time is
 * a per-invocation setup, so JMH leaves it out of the timing; so that both cases pay the same timing cost,
 * the back-to-back case runs through the same setup, doing nothing.
 */
public class ColdCallBench extends KernelBench {
    @Param({"sum"})
    public String op;

    @Param({Impl.NATIVE_N, Impl.JAVA_N, Impl.OPENBLAS_N})
    public String impl;

    @Param({"262144"})
    public int size;

    @Param({"0", "1000"})
    public int idleMicros;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = Workloads.create(op, impl, Integer.toString(size), 0);
    }

    @Setup(Level.Invocation)
    public void idle() {
        if (idleMicros == 0) {
            return;
        }
        long deadline = System.nanoTime() + idleMicros * 1000L;
        for (long left = idleMicros * 1000L; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Benchmark
    public void call(Blackhole bh) {
        workload.runOnce(bh);
    }

    @TearDown(Level.Trial)
    public void closeWorkload() {
        if (workload != null) {
            workload.closeResources();
        }
    }
}
