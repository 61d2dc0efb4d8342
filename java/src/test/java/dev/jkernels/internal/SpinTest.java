// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkernels.KernelPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long idle workers poll before they sleep: the requested time (default 50 us), except that a pool with
 * more threads than CPUs never polls (a poller would take a core from a worker with work), decided again at
 * each resize; on both runtimes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpinTest {
    private static final int CPUS = KernelPool.availableCpus();

    @Test
    void aNativePoolWithMoreThreadsThanCpusNeverSpins() {
        try (NativeEngine e = new NativeEngine(CPUS + 1, null, 50_000)) {
            assertEquals(0, e.spinNanos(), "requested 50 us, but " + (CPUS + 1) + " threads on " + CPUS + " CPUs");
            e.resize(CPUS);
            assertEquals(50_000, e.spinNanos(), "back to at most one thread per CPU: the request holds again");
            e.resize(2 * CPUS + 3);
            assertEquals(0, e.spinNanos());
        }
        try (NativeEngine e = new NativeEngine(CPUS + 1, null, -1)) {
            assertEquals(0, e.spinNanos(), "the default spin too");
        }
        try (NativeEngine e = new NativeEngine(1, null, -1)) {
            assertEquals(50_000, e.spinNanos(), "the default: 50 us");
        }
        try (NativeEngine e = new NativeEngine(1, null, 0)) {
            assertEquals(0, e.spinNanos(), "0: never");
        }
        try (NativeEngine e = new NativeEngine(CPUS, null, 123_000)) {
            assertEquals(123_000, e.spinNanos());
        }
    }

    @Test
    void aJavaPoolWithMoreThreadsThanCpusNeverSpins() {
        JavaRuntime r = new JavaRuntime(CPUS + 1, 50_000);
        try {
            assertEquals(0, r.spinNanos());
            r.resize(1);
            assertEquals(50_000, r.spinNanos());
            r.resize(CPUS + 2);
            assertEquals(0, r.spinNanos());
        } finally {
            r.stop();
        }
        JavaRuntime d = new JavaRuntime(1, -1);
        try {
            assertEquals(50_000, d.spinNanos(), "the default: 50 us");
        } finally {
            d.stop();
        }
    }
}
