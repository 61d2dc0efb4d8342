// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import dev.jkernels.bench.OpInfo;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongUnaryOperator;

/**
 * A point's rate beside the machine's limit. Sizes whose traffic ({@link OpInfo#bytesPerElement} x size)
 * does not fit the L3 cache are memory-bound: GB/s, and the fraction of STREAM's matching test
 * ({@link OpInfo#streamTest}) at the implementation's thread count. In-cache sizes of floating-point
 * kernels: GFLOP/s and the fraction of peak (threads x MHz x FLOP/cycle, the model the run recorded).
 * Anything else: work per second in the kernel's own unit (fib: recursive calls).
 */
final class Rates {
    private static final Map<String, Long> FLOPS_CACHE = new ConcurrentHashMap<>();

    private Rates() {}

    /** The rate, the limit's name and the fraction of it, as one short text. */
    static String describe(KernelTable t, String row, long size, Limits limits) {
        JmhResults.Point p = t.cell(row, size);
        if (p == null) {
            return "";
        }
        double nanos = p.nanos().median();
        int threads = Impl.threadsOf(row, Math.max(1, limits.cpus()));
        OpInfo info = t.info;
        double bytes = (double) info.bytesPerElement() * size;
        if (info.bytesPerElement() > 0 && limits.beyondCache(bytes)) {
            double gbs = bytes / nanos;
            OptionalDouble limit = info.streamTest().isEmpty() ? OptionalDouble.empty()
                    : limits.streamGbs(info.streamTest(), threads);
            return String.format(Locale.ROOT, "%s GB/s", Units.sig3(gbs))
                    + (limit.isPresent() ? ", " + Units.percent(gbs / limit.getAsDouble()) + " of STREAM "
                    + info.streamTest() + " ×" + threads : "");
        }
        double flops = flops(info, size);
        if (flops > 0) {
            double gflops = flops / nanos;
            OptionalDouble peak = limits.peakGflops(threads);
            return String.format(Locale.ROOT, "%s GFLOP/s", Units.sig3(gflops))
                    + (peak.isPresent() ? ", " + Units.percent(gflops / peak.getAsDouble()) + " of peak ×" + threads : "");
        }
        double perSecond = t.work(size) / nanos * 1e9;
        return Units.compact(Math.round(perSecond)) + " " + (info.sizeParam().equals("size") ? "elements" : "calls") + "/s";
    }

    /** Only the fraction of the limit (or NaN), for the headline. */
    static String limitOnly(KernelTable t, String row, long size, Limits limits) {
        String d = describe(t, row, size, limits);
        int comma = d.indexOf(", ");
        return comma < 0 ? "—" : d.substring(comma + 2);
    }

    static double flops(OpInfo info, long size) {
        if (info.flopsPerCall() == OpInfo.PerElement.class) {
            return info.flopsPerElement() * size;
        }
        return FLOPS_CACHE.computeIfAbsent(info.op() + "@" + size, key -> {
            try {
                LongUnaryOperator f = info.flopsPerCall().getDeclaredConstructor().newInstance();
                return f.applyAsLong(size);
            } catch (ReflectiveOperationException e) {
                return 0L;
            }
        });
    }
}
