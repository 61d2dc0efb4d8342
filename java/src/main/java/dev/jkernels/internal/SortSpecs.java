// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The sorting operations (native/src/ops/sort.c): {@code sort_*} sorts a slice in place in exactly the order
 * of {@link Arrays#sort}; {@code argsort_*} writes the stable permutation that sorts a slice, as indices into
 * the whole array (integer 0 is the slice's offset, added to every index).
 *
 * <p>The twins: sort is {@link Arrays#sort} itself on one member (the JDK's dual-pivot quicksort, the order
 * the contract names; the native team's split is not mirrored: a sorted array is unique, whoever sorts
 * it). argsort runs sort.c's algorithm: each key becomes a long word that sorts like (key, index), the
 * key's order-preserving integer image less the smallest in the high bits and the index in the low ones, one
 * {@code Arrays.sort(long[])}, then runs of equal high parts re-sorted by the key's remaining low bits when
 * the keys span more bits than the word has room for. A stable permutation is unique too, so both sides
 * give the same indices. Not API.
 */
public final class SortSpecs {
    private SortSpecs() {}

    /** Below this many keys one thread beats a team (sort.c's SORT_TEAM_FROM). */
    static final int TEAM_FROM = 1 << 15;

    public static final OpSpec SORT_F64 = sortSpec("sort_f64", SlotType.DOUBLE);
    public static final OpSpec SORT_F32 = sortSpec("sort_f32", SlotType.FLOAT);
    public static final OpSpec SORT_I64 = sortSpec("sort_i64", SlotType.LONG);
    public static final OpSpec SORT_I32 = sortSpec("sort_i32", SlotType.INT);
    public static final OpSpec ARGSORT_F64 = argsortSpec("argsort_f64", SlotType.DOUBLE);
    public static final OpSpec ARGSORT_F32 = argsortSpec("argsort_f32", SlotType.FLOAT);
    public static final OpSpec ARGSORT_I64 = argsortSpec("argsort_i64", SlotType.LONG);
    public static final OpSpec ARGSORT_I32 = argsortSpec("argsort_i32", SlotType.INT);

    private static OpSpec sortSpec(String name, SlotType type) {
        String key = name.replace("_f64", "");
        return OpSpec.builder(name, key).label(key)
                .slot("a", type, Role.READ_WRITE)
                .autoDefaults(64, TEAM_FROM)
                .twin((a, threads) -> Twin.team(1, a.n0, self -> {
                    sortRange(a.a0, a.o0, a.o0 + a.n0);
                    self.addDone(a.n0);
                    return 0;
                }))
                .sample((r, size) -> keys(r, size, type))
                .build();
    }

    private static OpSpec argsortSpec(String name, SlotType type) {
        String key = name.replace("_f64", "");
        return OpSpec.builder(name, key).label(key)
                .slot("a", type, Role.READ).slot("indices", SlotType.INT, Role.WRITE).flags(OpSpec.SAME_LENGTH)
                .scalars(1, 0)
                .autoDefaults(64, TEAM_FROM)
                .memory(a -> 8L * a.n0)
                .check(a -> {
                    if (a.i0 < 0 || a.i0 + a.n0 > (long) Integer.MAX_VALUE + 1) {
                        throw new IllegalArgumentException(key + ": index offset " + a.i0 + " with " + a.n0
                                + " keys gives indices beyond Integer.MAX_VALUE");
                    }
                })
                .twin((a, threads) -> Twin.team(1, a.n0, self -> {
                    argsort(a.a0, a.o0, a.n0, (int[]) a.a1, a.o1, (int) a.i0);
                    self.addDone(a.n0);
                    return 0;
                }))
                .sample((r, size) -> {
                    Args a = keys(r, size, type);
                    int off = r.nextInt(5);
                    return a.slot(new int[size + off + r.nextInt(5)], off, size).integer(a.o0);
                })
                .build();
    }

    static void sortRange(Object a, int from, int to) {
        if (a instanceof double[] d) {
            Arrays.sort(d, from, to);
        } else if (a instanceof float[] f) {
            Arrays.sort(f, from, to);
        } else if (a instanceof long[] l) {
            Arrays.sort(l, from, to);
        } else {
            Arrays.sort((int[]) a, from, to);
        }
    }

    /** Key i as a signed integer that orders like the key in Arrays.sort (every NaN the largest). */
    static long order(Object a, int i) {
        if (a instanceof double[] d) {
            double x = d[i];
            if (x != x) {
                return Long.MAX_VALUE;
            }
            long bits = Double.doubleToRawLongBits(x);
            return bits ^ ((bits >> 63) >>> 1);
        } else if (a instanceof float[] f) {
            float x = f[i];
            if (x != x) {
                return Integer.MAX_VALUE;
            }
            int bits = Float.floatToRawIntBits(x);
            return bits ^ ((bits >> 31) >>> 1);
        } else if (a instanceof long[] l) {
            return l[i];
        }
        return ((int[]) a)[i];
    }

    /** sort.c's argsort of a[from, from + n) into out[outFrom, outFrom + n), each index plus {@code offset}. */
    static void argsort(Object a, int from, int n, int[] out, int outFrom, int offset) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long o = order(a, from + i);
            min = Math.min(min, o);
            max = Math.max(max, o);
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(n > 1 ? n - 1 : 0);
        int span = 64 - Long.numberOfLeadingZeros(max - min), room = 63 - indexBits;
        int shift = Math.max(0, span - room);
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = ((order(a, from + i) - min) >>> shift) << indexBits | i;
        }
        Arrays.sort(w);
        long indexMask = (1L << indexBits) - 1;
        if (shift > 0) { // runs of equal high parts, by (the remaining low bits, index)
            long lowMask = (1L << shift) - 1;
            for (int i = 0, end; i < n; i = end) {
                for (end = i + 1; end < n && w[end] >>> indexBits == w[i] >>> indexBits; end++) {
                }
                if (end - i > 1) {
                    for (int j = i; j < end; j++) {
                        long index = w[j] & indexMask;
                        w[j] = ((order(a, from + (int) index) - min) & lowMask) << indexBits | index;
                    }
                    Arrays.sort(w, i, end);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            out[outFrom + i] = (int) (w[i] & indexMask) + offset;
        }
    }

    /** A slice of random keys of the type, with the specials (NaNs, -0.0, infinities) and repeats sorting meets. */
    private static Args keys(SplittableRandom r, int size, SlotType type) {
        int off = r.nextInt(9), length = size + off + r.nextInt(9);
        Object keys = switch (type) {
            case DOUBLE -> Samples.doubles(r, length);
            case FLOAT -> Samples.floats(r, length);
            case LONG -> r.nextBoolean() ? Samples.longs(r, length) : r.longs(length, -8, 8).toArray();
            default -> r.nextBoolean() ? Samples.ints(r, length) : r.ints(length, -8, 8).toArray();
        };
        return new Args().slot(keys, off, size);
    }
}
