// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import java.util.Locale;

/** Formatting of times and JMH score units, shared by the report and the console tables. */
public final class Units {
    private Units() {}

    /** Nanoseconds as a short human figure with three significant digits: "812 ns", "1.23 ms"; NaN as "-". */
    public static String time(double nanos) {
        if (Double.isNaN(nanos)) {
            return "-";
        }
        if (nanos >= 1e9) {
            return sig3(nanos / 1e9) + " s";
        }
        if (nanos >= 1e6) {
            return sig3(nanos / 1e6) + " ms";
        }
        if (nanos >= 1e3) {
            return sig3(nanos / 1e3) + " µs";
        }
        return sig3(nanos) + " ns";
    }

    /**
     * A time and its error in the same unit, chosen by the time: "1.23 ± 0.02 µs"; the error is left out
     * when it is NaN (one iteration) and NaN times print as "-".
     */
    public static String time(double nanos, double errorNanos) {
        if (Double.isNaN(nanos)) {
            return "-";
        }
        double scale = nanos >= 1e9 ? 1e9 : nanos >= 1e6 ? 1e6 : nanos >= 1e3 ? 1e3 : 1;
        String unit = scale == 1e9 ? "s" : scale == 1e6 ? "ms" : scale == 1e3 ? "µs" : "ns";
        String error = Double.isNaN(errorNanos) ? "" : " ± " + sig3(errorNanos / scale);
        return sig3(nanos / scale) + error + " " + unit;
    }

    /** A median and its fork range in one unit, chosen by the median: "68.4 µs [67.9–70.1]". */
    public static String timeRange(double median, double min, double max) {
        if (Double.isNaN(median)) {
            return "-";
        }
        double scale = median >= 1e9 ? 1e9 : median >= 1e6 ? 1e6 : median >= 1e3 ? 1e3 : 1;
        String unit = scale == 1e9 ? "s" : scale == 1e6 ? "ms" : scale == 1e3 ? "µs" : "ns";
        String range = min == max ? "" : " [" + sig3(min / scale) + "–" + sig3(max / scale) + "]";
        return sig3(median / scale) + " " + unit + range;
    }

    /** A ratio as "1.52×"; NaN as "-". */
    public static String times(double ratio) {
        return Double.isNaN(ratio) ? "-" : sig3(ratio) + "×";
    }

    /** A fraction as "94%". */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** A JMH time-per-operation score in nanoseconds, or NaN if the unit is not a time per op. */
    public static double toNanos(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score;
            case "us/op" -> score * 1e3;
            case "ms/op" -> score * 1e6;
            case "s/op" -> score * 1e9;
            default -> Double.NaN;
        };
    }

    /** Three significant digits, without scientific notation for the magnitudes benchmarks produce. */
    public static String sig3(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** A large count in three significant digits with k, M or G: "371k", "10.8M"; small ones plain. */
    public static String compact(long n) {
        if (n >= 1_000_000_000L) {
            return sig3(n / 1e9) + "G";
        }
        if (n >= 1_000_000L) {
            return sig3(n / 1e6) + "M";
        }
        if (n >= 10_000L) {
            return sig3(n / 1e3) + "k";
        }
        return Long.toString(n);
    }

    /** An element count as "16", "64 Ki", "16 Mi" when it is a power of two of that size, else plain. */
    public static String count(long n) {
        if (n >= (1L << 20) && n % (1L << 20) == 0) {
            return (n >> 20) + " Mi";
        }
        if (n >= (1L << 10) && n % (1L << 10) == 0) {
            return (n >> 10) + " Ki";
        }
        return Long.toString(n);
    }
}
