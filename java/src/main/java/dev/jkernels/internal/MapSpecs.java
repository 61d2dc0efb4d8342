// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * The element-wise maps, {@code out[i] = f(in[i])}, one operation per kernel, with their twins: the twins
 * of {@code native/src/ops/map.c} and {@code native/src/kernels/ref/map.c}. Each twin owns its loop and
 * computes exactly what the native kernel does. Not API.
 */
public final class MapSpecs {
    private MapSpecs() {}

    /** Items per chunk of a cheap map, as in map.c: 16 Ki elements, 128 KiB. */
    static final int CHEAP_GRAIN = 16384;
    /** The largest fib input: fib(93) overflows a long. */
    static final long FIB_MAX = 92;

    /**
     * The seed's naive fib ({@code n <= 2 -> 1}), doubly recursive on both sides. Compute-bound with items of
     * very uneven cost: one item per chunk, never pinned. AUTO sizes a batch by its recursive calls.
     */
    public static final OpSpec FIB = longMap("map_fib_i64", "fib", "LongKernels.FIB", OpSpec.COSTLY)
            .autoDefaults(20, 434)
            .check(a -> domain(a, "LongKernels.FIB", 0, FIB_MAX))
            .measure(MapSpecs::fibCalls)
            .twin((a, threads) -> {
                long[] in = (long[]) a.a0, out = (long[]) a.a1;
                int io = a.o0, oo = a.o1;
                return Twin.range(a.n0, 1, 1, false, (from, to, self) -> {
                    for (int i = from; i < to; i++) {
                        long v = in[io + i];
                        if (v < 0 || v > FIB_MAX) {
                            if (!self.itemFailed(i)) {
                                return Failures.DOMAIN;
                            }
                        } else {
                            out[oo + i] = fib(v);
                        }
                    }
                    return 0;
                });
            })
            .sample((r, size) -> {
                int n = Math.min(size, 48); // fib(20) items: each a few microseconds
                long[] in = r.longs(n + 3, 0, 21).toArray();
                return new Args().slot(in, 3, n).slot(new long[n], 0, n);
            })
            .build();

    /** {@code n * n}, wrapping like Java's long multiply. */
    public static final OpSpec SQUARE = longMap("map_square_i64", "square", "LongKernels.SQUARE", OpSpec.STREAMING)
            .autoDefaults(262_144, 65_536)
            .twin((a, threads) -> {
                long[] in = (long[]) a.a0, out = (long[]) a.a1;
                int io = a.o0, oo = a.o1;
                return Twin.range(a.n0, CHEAP_GRAIN, 1, true, (from, to, self) -> {
                    for (int i = from; i < to; i++) {
                        out[oo + i] = in[io + i] * in[io + i];
                    }
                    return 0;
                });
            })
            .sample((r, size) -> {
                int off = r.nextInt(8);
                long[] in = r.longs(size + off).toArray();
                return new Args().slot(in, off, size).slot(new long[size + 5], 5, size);
            })
            .build();

    /** {@code x * x}, IEEE 754. */
    public static final OpSpec DSQUARE = OpSpec.builder("map_square_f64", "dsquare").label("DoubleKernels.SQUARE")
            .slot("in", SlotType.DOUBLE, Role.READ).slot("out", SlotType.DOUBLE, Role.WRITE)
            .flags(OpSpec.STREAMING | OpSpec.ITEM_FAILURES | OpSpec.IN_PLACE | OpSpec.SAME_LENGTH)
            .autoDefaults(1_048_576, 65_536)
            .twin((a, threads) -> {
                double[] in = (double[]) a.a0, out = (double[]) a.a1;
                int io = a.o0, oo = a.o1;
                return Twin.range(a.n0, CHEAP_GRAIN, 1, true, (from, to, self) -> {
                    for (int i = from; i < to; i++) {
                        out[oo + i] = in[io + i] * in[io + i];
                    }
                    return 0;
                });
            })
            .sample((r, size) -> {
                int off = r.nextInt(8);
                return new Args().slot(Samples.doubles(r, size + off), off, size).slot(new double[size], 0, size);
            })
            .build();

    private static OpSpec.Builder longMap(String name, String autoKey, String label, int flags) {
        return OpSpec.builder(name, autoKey).label(label)
                .slot("in", SlotType.LONG, Role.READ).slot("out", SlotType.LONG, Role.WRITE)
                .flags(flags | OpSpec.ITEM_FAILURES | OpSpec.IN_PLACE | OpSpec.SAME_LENGTH);
    }

    /** The seed's fib, as in ref/map.c. */
    public static long fib(long n) {
        return n <= 2 ? 1 : fib(n - 1) + fib(n - 2);
    }

    /** Rejects the first input outside [min, max], naming the kernel, the value and its index. */
    private static void domain(Args a, String kernel, long min, long max) {
        for (int i = 0; i < a.n0; i++) {
            long v = a.longAt(0, a.o0 + i);
            if (v < min || v > max) {
                throw new IllegalArgumentException(kernel + ": input " + v + " at index " + i + " is outside " + min
                        + ".." + max);
            }
        }
    }

    /** fib(m) with the seed's base case, for m in 0..92. */
    private static final long[] FIB_VALUES = new long[(int) FIB_MAX + 1];

    static {
        FIB_VALUES[0] = FIB_VALUES[1] = FIB_VALUES[2] = 1;
        for (int m = 3; m < FIB_VALUES.length; m++) {
            FIB_VALUES[m] = FIB_VALUES[m - 1] + FIB_VALUES[m - 2];
        }
    }

    /**
     * AUTO's size of a fib batch: an item m makes 2 fib(m) - 1 recursive calls, summed over the batch (the
     * unit the benchmark harness measures fib's crossovers in). Inputs outside the domain count 1.
     */
    static long fibCalls(Args a) {
        long calls = 0;
        for (int i = 0; i < a.n0; i++) {
            long m = a.longAt(0, a.o0 + i);
            long c = m >= 0 && m <= FIB_MAX ? 2 * FIB_VALUES[(int) m] - 1 : 1;
            calls = calls > Long.MAX_VALUE - c ? Long.MAX_VALUE : calls + c;
        }
        return calls;
    }

    /** The domain of a long map's inputs, for LongKernel: {min, max}. */
    public static long[] domainOf(OpSpec spec) {
        return spec == FIB ? new long[] {0, FIB_MAX} : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }
}
