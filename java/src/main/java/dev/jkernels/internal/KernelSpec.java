package dev.jkernels.internal;

/**
 * What both backends need to know about a map kernel: its id in the native table ({@code jk_map.h}), its
 * input domain, its cost class and its pure-Java twin. Not API.
 */
public final class KernelSpec {
    private KernelSpec() {}

    /**
     * Items per chunk for cheap element-wise kernels, the same on both backends (the native grain is set in
     * {@code ref_kernels.c}): 16 Ki elements, 128 KiB.
     */
    public static final int CHEAP_GRAIN = 16384;

    /** A Java twin: {@code out[i] = f(in[i])} for {@code from <= i < to}; in and out may be the same array. */
    @FunctionalInterface
    public interface LongBody {
        void apply(long[] in, long[] out, int from, int to);
    }

    /** A Java twin on doubles. */
    @FunctionalInterface
    public interface DoubleBody {
        void apply(double[] in, double[] out, int from, int to);
    }

    /*
     * op: the kernel's short name in Backend.AUTO's thresholds and the benchmarks (fib, square, dsquare).
     */

    /**
     * A long kernel. {@code costly} items (seconds each, like fib) go one per chunk and are copied off-heap
     * for native runs instead of pinning the caller's array for the whole run.
     */
    public record OfLong(String op, int nativeId, long minInput, long maxInput, boolean costly, LongBody javaTwin) {
        public int grain() {
            return costly ? 1 : CHEAP_GRAIN;
        }

        public boolean restrictsDomain() {
            return minInput != Long.MIN_VALUE || maxInput != Long.MAX_VALUE;
        }
    }

    /** A double kernel; all double kernels so far are cheap and take any input. */
    public record OfDouble(String op, int nativeId, DoubleBody javaTwin) {
        public int grain() {
            return CHEAP_GRAIN;
        }
    }
}
