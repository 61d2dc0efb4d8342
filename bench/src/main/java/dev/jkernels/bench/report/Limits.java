// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The machine's limits as a run recorded them ({@code .env.properties}): STREAM bandwidth per test and
 * thread count, the L3 size that separates in-cache from memory-bound sizes, and the peak FLOP/s model.
 */
public final class Limits {
    private final Map<String, String> env;

    public Limits(Map<String, String> env) {
        this.env = env;
    }

    /** Usable CPUs of the run (N); 0 if not recorded. */
    public int cpus() {
        return (int) number("cpu.available").orElse(0);
    }

    public long l3Bytes() {
        return (long) number("cpu.l3.bytes").orElse(0);
    }

    /** STREAM's bandwidth of {@code test} at {@code threads}: its best run of either page size, in GB/s. */
    public OptionalDouble streamGbs(String test, int threads) {
        return number("stream." + test + ".t" + threads + ".gbs");
    }

    /** Peak double-precision GFLOP/s of {@code threads} cores: threads x MHz x FLOP/cycle, when known. */
    public OptionalDouble peakGflops(int threads) {
        OptionalDouble mhz = number("cpu.mhz");
        OptionalDouble perCycle = number("cpu.peak.flops_per_cycle");
        if (mhz.isEmpty() || perCycle.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(threads * mhz.getAsDouble() / 1000 * perCycle.getAsDouble());
    }

    /** True when {@code bytes} of traffic cannot stay in the L3 cache (or the L3 is unknown and it is large). */
    public boolean beyondCache(double bytes) {
        long l3 = l3Bytes();
        return l3 > 0 ? bytes > l3 : bytes > 64L << 20;
    }

    private OptionalDouble number(String key) {
        String v = env.get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
