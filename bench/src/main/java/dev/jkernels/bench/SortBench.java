// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.Sorting;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code sorting().sort} and {@code argsort} of the four types, outside {@code full} (no {@code @OpInfo}: the
 * suite's time budget; run through the jar, e.g. {@code java -jar bench/target/jkernels-bench.jar SortBench
 * -p op=sort -p type=double -p size=10000000 -rf json -rff out.json}; bench/README.md lists the runs behind the
 * README's table). Every call sorts the same input: {@link #restore} copies it back before each invocation,
 * outside the timing (a call takes microseconds at 1 Ki keys, where the per-invocation cost shows, and
 * milliseconds from 64 Ki on, where it does not).
 *
 * <p>Implementations. sort: ARRAYS_SORT is {@code Arrays.sort} (the JDK's dual-pivot quicksort; on JDK 22 and
 * later its AVX-512 intrinsic for int, long, float and double where the CPU has AVX-512), JDK_PARALLEL
 * {@code Arrays.parallelSort} (the common pool plus the caller), JAVA_1 the jkernels twin (Arrays.sort on a
 * pool thread), NATIVE_1/NATIVE_N the native sort on 1 or N threads, AUTO_N the AUTO pool. argsort has no JDK
 * method: ARRAYS_SORT and JDK_PARALLEL are what Java code writes without one, {@code Arrays.sort} /
 * {@code parallelSort} of boxed indices by a key comparator (stable); JAVA_1 is the twin (the keys and indices
 * packed into longs, {@code Arrays.sort(long[])}).
 *
 * <p>Patterns: random (uniform doubles in [0, 1), uniform longs and ints over their whole range, floats from
 * the doubles), and the ones the contract names: sorted, reversed, all equal, few distinct (4 values),
 * organ pipe, sawtooth (period 1000), sorted with one swap, and the median-of-3 killer's shape.
 */
public class SortBench extends KernelBench {
    @Param({Impl.ARRAYS_SORT, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    @Param({"sort", "argsort"})
    public String op;

    @Param({"double", "long", "float", "int"})
    public String type;

    @Param({"1024", "65536", "1048576", "10000000"})
    public int size;

    @Param({"random"})
    public String pattern;

    private Object input, keys;
    private Runnable call;
    /** argsort's last result (kept, so the call is not dead code). */
    public int[] indices;

    @Setup(Level.Trial)
    public void setUp() {
        input = keys(type, pattern, size);
        keys = copy(input);
        call = op.equals("sort") ? sorter() : argsorter();
        call.run();
        verify();
    }

    private Runnable sorter() {
        return switch (impl) {
            case Impl.ARRAYS_SORT -> () -> jdkSort(keys, false);
            case Impl.JDK_PARALLEL -> () -> jdkSort(keys, true);
            default -> {
                Sorting s = openPool(impl).sorting();
                yield switch (type) {
                    case "double" -> () -> s.sort((double[]) keys);
                    case "float" -> () -> s.sort((float[]) keys);
                    case "long" -> () -> s.sort((long[]) keys);
                    default -> () -> s.sort((int[]) keys);
                };
            }
        };
    }

    private Runnable argsorter() {
        return switch (impl) {
            case Impl.ARRAYS_SORT -> () -> indices = boxedArgsort(keys, false);
            case Impl.JDK_PARALLEL -> () -> indices = boxedArgsort(keys, true);
            default -> {
                Sorting s = openPool(impl).sorting();
                yield switch (type) {
                    case "double" -> () -> indices = s.argsort((double[]) keys);
                    case "float" -> () -> indices = s.argsort((float[]) keys);
                    case "long" -> () -> indices = s.argsort((long[]) keys);
                    default -> () -> indices = s.argsort((int[]) keys);
                };
            }
        };
    }

    /** sort: the same as Arrays.sort; argsort: a stable permutation that sorts. */
    private void verify() {
        if (op.equals("sort")) {
            Object expected = copy(input);
            jdkSort(expected, false);
            if (!Arrays.equals(bitsOf(expected), bitsOf(keys))) {
                throw new IllegalStateException(impl + " sorted " + type + "[] differently from Arrays.sort");
            }
            return;
        }
        Comparator<Integer> order = comparator(keys);
        boolean[] seen = new boolean[size];
        if (indices.length != size) {
            throw new IllegalStateException(impl + " argsort gave " + indices.length + " indices for " + size + " keys");
        }
        for (int p : indices) {
            if (p < 0 || p >= size || seen[p]) {
                throw new IllegalStateException(impl + " argsort is not a permutation: index " + p);
            }
            seen[p] = true;
        }
        for (int i = 1; i < indices.length; i++) {
            int c = order.compare(indices[i - 1], indices[i]);
            if (c > 0 || (c == 0 && indices[i - 1] > indices[i])) {
                throw new IllegalStateException(impl + " argsort is not the stable order at " + i);
            }
        }
    }

    @Setup(Level.Invocation)
    public void restore() {
        System.arraycopy(input, 0, keys, 0, size);
    }

    @Benchmark
    public Object sort() {
        call.run();
        return op.equals("sort") ? keys : indices;
    }

    static Object keys(String type, String pattern, int n) {
        SplittableRandom r = new SplittableRandom(11);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (pattern) {
                case "random" -> r.nextDouble();
                case "sorted" -> i;
                case "reversed" -> n - i;
                case "equal" -> 7;
                case "few" -> r.nextInt(4);
                case "organ" -> i < n / 2 ? i : n - i;
                case "sawtooth" -> i % 1000;
                case "oneswap" -> i == n / 3 ? n / 2 : i == n / 2 ? n / 3 : i;
                case "killer" -> i % 2 == 0 ? i : n / 2 + i;
                default -> throw new IllegalArgumentException("no pattern " + pattern);
            };
        }
        boolean random = pattern.equals("random");
        return switch (type) {
            case "double" -> d;
            case "float" -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) d[i];
                }
                yield f;
            }
            case "long" -> random ? r.longs(n).toArray() : Arrays.stream(d).mapToLong(x -> (long) x).toArray();
            case "int" -> random ? r.ints(n).toArray() : Arrays.stream(d).mapToInt(x -> (int) x).toArray();
            default -> throw new IllegalArgumentException("no type " + type);
        };
    }

    private static void jdkSort(Object a, boolean parallel) {
        if (a instanceof double[] d) {
            if (parallel) {
                Arrays.parallelSort(d);
            } else {
                Arrays.sort(d);
            }
        } else if (a instanceof float[] f) {
            if (parallel) {
                Arrays.parallelSort(f);
            } else {
                Arrays.sort(f);
            }
        } else if (a instanceof long[] l) {
            if (parallel) {
                Arrays.parallelSort(l);
            } else {
                Arrays.sort(l);
            }
        } else if (parallel) {
            Arrays.parallelSort((int[]) a);
        } else {
            Arrays.sort((int[]) a);
        }
    }

    /** Indices by key, the way Java code without an argsort writes it: boxed, a comparator, a stable sort. */
    private static int[] boxedArgsort(Object a, boolean parallel) {
        int n = java.lang.reflect.Array.getLength(a);
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        if (parallel) {
            Arrays.parallelSort(boxed, comparator(a));
        } else {
            Arrays.sort(boxed, comparator(a));
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = boxed[i];
        }
        return p;
    }

    private static Comparator<Integer> comparator(Object a) {
        if (a instanceof double[] d) {
            return (i, j) -> Double.compare(d[i], d[j]);
        } else if (a instanceof float[] f) {
            return (i, j) -> Float.compare(f[i], f[j]);
        } else if (a instanceof long[] l) {
            return (i, j) -> Long.compare(l[i], l[j]);
        }
        int[] v = (int[]) a;
        return (i, j) -> Integer.compare(v[i], v[j]);
    }

    private static Object copy(Object a) {
        if (a instanceof double[] d) {
            return d.clone();
        } else if (a instanceof float[] f) {
            return f.clone();
        } else if (a instanceof long[] l) {
            return l.clone();
        }
        return ((int[]) a).clone();
    }

    private static long[] bitsOf(Object a) {
        if (a instanceof double[] d) {
            return Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray();
        } else if (a instanceof float[] f) {
            long[] b = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                b[i] = Float.floatToRawIntBits(f[i]);
            }
            return b;
        } else if (a instanceof long[] l) {
            return l;
        }
        return Arrays.stream((int[]) a).asLongStream().toArray();
    }
}
