// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Soak: several Java threads make mixed calls of every operation family (vectors, math, sorting, BLAS, random,
 * images, maps, MapJobs), synchronous and asynchronous ({@code submit(call)}, the shorthands, on an executor, on
 * an executor that rejects everything, with {@code orTimeout}, with a dependent stage that calls the pool from
 * a delivery thread), on one pool while a chaos thread resizes it, cancels outstanding futures or completes
 * them by hand, and finally closes it or shuts it down now (alone, racing a second close or shutdownNow, or
 * while another thread's close waits) with calls still coming; then the next pool starts. Rounds rotate over
 * NATIVE, JAVA and AUTO with random thread counts, spin times and, natively, ISA paths.
 *
 * <p><b>Every outcome is checked.</b> A call that returns normally must give exactly the reference result: for
 * every operation but BLAS the bits a private JAVA pool computed for the same input before the soak (the library
 * promises the same bits on every backend, thread count and ISA path); for BLAS, which promises the same bits
 * per backend and ISA path only, the reference pool of the same backend and path (AUTO: either). Each reference
 * is checked once against plain Java: exactly where the promise is exact (sorts, argsorts, integer sums and
 * prefix sums, extremes, axpy, scale, maps, Mandelbrot, uniforms from bits), within the documented error bounds
 * otherwise. The only failures allowed are the documented ones: {@code IllegalStateException("this KernelPool
 * is closed")} once close or shutdownNow has begun; {@code CancellationException} from a synchronous call or a
 * future once shutdownNow has begun, or from a future whose {@code cancel} returned true; the exception a future
 * was completed with by hand or by {@code orTimeout}; the argument errors of the few bad-input cases; per-item
 * failures of MapJobs over bad inputs; the rejection by the rejecting executor. After a future is cancelled or
 * completed by hand, the caller's arrays are untouched; after a synchronous call cancelled by shutdownNow, its
 * inputs are unchanged and a sorted range is a permutation of what it held. A sentinel job submitted as each
 * round ends must be waited for by close (and be right) or cancelled by shutdownNow. When close or shutdownNow
 * returns, every future it waited for is done, the closed pool refuses everything, and no worker or delivery
 * thread is left.
 *
 * <p>It found two bugs when it was written, both fixed and now failures: shutdownNow() during another thread's
 * close() cancelled nothing, and close() could return a moment before a future it waited for was complete.
 *
 * <p><b>Hangs fail with a thread dump</b> (every Java thread's name, state and stack, and the native threads'
 * names, states and wait channels) when one call or lifecycle step takes longer than
 * {@code jkernels.soak.hangSeconds} (30), when nothing completes for that long, or when a round runs 60 s
 * past its planned end. Every join and wait has a deadline.
 *
 * <p><b>Settings</b> (system properties): {@code jkernels.soak.seconds} (60: the CI run), {@code jkernels.soak.seed}
 * (printed at the start; the same seed gives the same inputs, pools and round ends, though not the same
 * interleavings), {@code jkernels.soak.hangSeconds} (30), {@code jkernels.soak.callers} (7). The long soak,
 * an hour, after {@code mvn -B -q -DskipTests install}:
 *
 * <pre>
 * mvn -B verify -pl java -Dit.test=SoakTest -Djkernels.soak.seconds=3600 -Djkernels.test.forkTimeout=4200
 * </pre>
 *
 * <p>{@code jkernels.test.forkTimeout} raises failsafe's limit for the test JVM (900 s by default). The progress
 * lines and the summary go to standard output: the Maven log, and the {@code system-out} of
 * {@code java/target/failsafe-reports/TEST-dev.jkernels.SoakTest.xml}.
 */
class SoakTest {
    static final long SECONDS = Long.getLong("jkernels.soak.seconds", 60);
    static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("jkernels.soak.hangSeconds", 30));
    static final int CALLERS = Integer.getInteger("jkernels.soak.callers", 7);
    static final long OVERRUN_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX = 200_000;
    static final String CLOSED = "this KernelPool is closed";
    static final double U = 0x1p-53, UF = 0x1p-24;
    static final List<String> FAMILIES = List.of("vectors", "math", "sorting", "blas", "random", "images", "map",
            "mapjob");
    static final List<Backend> BACKENDS = List.of(Backend.NATIVE, Backend.JAVA, Backend.AUTO);
    static final String[] THREAD_PREFIXES = {"jk-worker", "jkernels-java", "jkernels-comple"};
    /** The job every round's end waits for (close) or cancels (shutdownNow): 4096 items, 0.1-0.5 s of work. */
    static final long[] SENTINEL = new long[4096];
    static final long SENTINEL_FIB = 46368; // fib(24)

    static {
        Arrays.fill(SENTINEL, 24);
    }

    static final Executor REJECTING = task -> {
        throw new RejectedExecutionException("soak: this executor rejects everything");
    };

    /** Thrown by a caller that found the pool closed: its round is over. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** What the chaos thread completes futures with by hand (which stops their jobs, like cancel). */
    static final class SoakAbort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SoakAbort() {
            super("soak: completed by hand", null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cases: one input of one operation, its reference outcome and its plain-Java check

    /** One operation call on working copies {@code w} of a case's inputs; returns its result unchanged. */
    @FunctionalInterface
    interface Body {
        Object run(KernelPool pool, Object[] w);
    }

    /** An asynchronous shorthand of a case's call ({@code sumAsync}, {@code submit(kernel, in)}, ...). */
    @FunctionalInterface
    interface Shorthand {
        KernelFuture<?> start(KernelPool pool, Object[] w);
    }

    /**
     * Checks a reference snapshot (result, then every argument after the call) against plain Java; null when
     * it holds. Gets the reference pool for checks that compare two operations.
     */
    @FunctionalInterface
    interface Verifier {
        String check(KernelPool ref, Object[] in, Object[] snap);
    }

    static final class Case {
        final String family, name;
        final Object[] in;
        final Body body;
        Shorthand shorthand;
        Verifier verifier;
        boolean perBackend;
        int[] writes = {};
        int sortSlot = -1, sortFrom, sortTo;
        Class<? extends RuntimeException> error;
        String errorMessage;
        final Map<String, Object[]> expected = new HashMap<>();

        Case(String family, String name, Body body, Object... in) {
            this.family = family;
            this.name = family + "." + name;
            this.body = body;
            this.in = in;
        }

        Case async(Shorthand s) {
            shorthand = s;
            return this;
        }

        Case verify(Verifier v) {
            verifier = v;
            return this;
        }

        Case writes(int... slots) {
            writes = slots;
            return this;
        }

        Case sorts(int slot, int from, int to) {
            sortSlot = slot;
            sortFrom = from;
            sortTo = to;
            return writes(slot);
        }

        Case fails(Class<? extends RuntimeException> e) {
            error = e;
            return this;
        }

        Case perBackend() {
            perBackend = true;
            return this;
        }

        boolean written(int slot) {
            for (int s : writes) {
                if (s == slot) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A MapJob over one input: the expected value of every good item, and the bad ones (outside FIB's domain). */
    static final class JobCase {
        final String name;
        final LongKernel longKernel;
        final DoubleKernel doubleKernel;
        final long[] longIn, longWant;
        final double[] doubleIn, doubleWant;
        final OnItemFailure policy;
        final Set<Integer> bad = new TreeSet<>();

        JobCase(String name, LongKernel kernel, long[] in, long[] want, OnItemFailure policy) {
            this.name = "mapjob." + name;
            this.longKernel = kernel;
            this.doubleKernel = null;
            this.longIn = in;
            this.longWant = want;
            this.doubleIn = null;
            this.doubleWant = null;
            this.policy = policy;
        }

        JobCase(String name, DoubleKernel kernel, double[] in, double[] want, OnItemFailure policy) {
            this.name = "mapjob." + name;
            this.longKernel = null;
            this.doubleKernel = kernel;
            this.longIn = null;
            this.longWant = null;
            this.doubleIn = in;
            this.doubleWant = want;
            this.policy = policy;
        }

        int n() {
            return longIn != null ? longIn.length : doubleIn.length;
        }
    }

    private final Map<String, List<Case>> cases = new LinkedHashMap<>();
    private final List<JobCase> jobs = new ArrayList<>();

    private Case add(Case c) {
        cases.computeIfAbsent(c.family, f -> new ArrayList<>()).add(c);
        return c;
    }

    private Case vec(String name, Body body, Object... in) {
        return add(new Case("vectors", name, body, in));
    }

    static double[] dv(Object o) {
        return (double[]) o;
    }

    static float[] fv(Object o) {
        return (float[]) o;
    }

    static long[] lv(Object o) {
        return (long[]) o;
    }

    static int[] iv(Object o) {
        return (int[]) o;
    }

    /** Sizes by class: 0 tiny (1..64, AUTO's inline routes), 1 medium (64..8192), 2 large (8192..MAX). */
    static int size(SplittableRandom r, int k) {
        return switch (k) {
            case 0 -> r.nextInt(1, 65);
            case 1 -> (int) Math.round(Math.exp(r.nextDouble(Math.log(64), Math.log(8192))));
            default -> (int) Math.round(Math.exp(r.nextDouble(Math.log(8192), Math.log(MAX))));
        };
    }

    static double[] doubles(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-8, 8));
        }
        return x;
    }

    static float[] floats(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-8, 8)));
        }
        return x;
    }

    /** Longs, full range or (with ties) a small one. */
    static long[] longs(SplittableRandom r, int n) {
        boolean small = r.nextBoolean();
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = small ? r.nextLong(-1000, 1000) : r.nextLong();
        }
        return x;
    }

    static int[] ints(SplittableRandom r, int n) {
        boolean small = r.nextBoolean();
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = small ? r.nextInt(-1000, 1000) : r.nextInt();
        }
        return x;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Plain-Java checks

    /** Null if the two values are the same (bitwise for floating point, NaN equal to NaN), else the difference. */
    static String same(Object want, Object got) {
        return Arrays.deepEquals(new Object[] {want}, new Object[] {got}) ? null : firstDiff(want, got);
    }

    static String firstDiff(Object want, Object got) {
        if (want != null && got != null && want.getClass().isArray() && want.getClass() == got.getClass()) {
            int n = Array.getLength(want), m = Array.getLength(got);
            for (int i = 0; i < Math.min(n, m); i++) {
                Object a = Array.get(want, i), b = Array.get(got, i);
                if (!Objects.equals(a, b)) {
                    return "at [" + i + "] expected " + a + ", got " + b + " (length " + n + ")";
                }
            }
            return "length " + n + " expected, got " + m;
        }
        return "expected " + want + ", got " + got;
    }

    /** Null if every snapshot part but the result (index 0) equals the input, except the slots listed. */
    static String unchangedExcept(Object[] in, Object[] snap, int... written) {
        for (int k = 0; k < in.length; k++) {
            int slot = k;
            if (Arrays.stream(written).noneMatch(s -> s == slot)) {
                String d = same(in[k], snap[k + 1]);
                if (d != null) {
                    return "argument " + k + " was modified: " + d;
                }
            }
        }
        return null;
    }

    static String near(double got, double want, double tolerance, String what) {
        if (Double.isNaN(got) && Double.isNaN(want)) {
            return null;
        }
        return Math.abs(got - want) <= tolerance ? null
                : what + ": " + got + " is not within " + tolerance + " of plain Java's " + want;
    }

    static double sumTolerance(int n, double abs) {
        return (2.0 * n + 64) * U * abs + Double.MIN_NORMAL;
    }

    /** {sum, sum of magnitudes} of x[off, off + n), widened to double. */
    static double[] naiveSum(Object x, int off, int n) {
        double s = 0, a = 0;
        for (int i = off; i < off + n; i++) {
            double v = ((Number) Array.get(x, i)).doubleValue();
            s += v;
            a += Math.abs(v);
        }
        return new double[] {s, a};
    }

    static double[] naiveDot(Object x, int xo, Object y, int yo, int n) {
        double s = 0, a = 0;
        for (int i = 0; i < n; i++) {
            double p = ((Number) Array.get(x, xo + i)).doubleValue() * ((Number) Array.get(y, yo + i)).doubleValue();
            s += p;
            a += Math.abs(p);
        }
        return new double[] {s, a};
    }

    static Verifier sumCheck(int off, int n) {
        return (ref, in, s) -> {
            double[] t = naiveSum(in[0], off, n);
            double got = ((Number) s[0]).doubleValue();
            double ulp = s[0] instanceof Float f ? Math.ulp(f) : 0;
            return orElse(near(got, t[0], sumTolerance(n, t[1]) + ulp, "sum"), unchangedExcept(in, s));
        };
    }

    static Verifier dotCheck(int xo, int yo, int n) {
        return (ref, in, s) -> {
            double[] t = naiveDot(in[0], xo, in[1], yo, n);
            double got = ((Number) s[0]).doubleValue();
            double ulp = s[0] instanceof Float f ? Math.ulp(f) : 0;
            return orElse(near(got, t[0], sumTolerance(n, t[1]) + ulp, "dot"), unchangedExcept(in, s));
        };
    }

    static Verifier norm2Check(int off, int n) {
        return (ref, in, s) -> {
            double[] t = naiveDot(in[0], off, in[0], off, n);
            double want = Math.sqrt(t[0]), got = ((Number) s[0]).doubleValue();
            double ulp = s[0] instanceof Float f ? Math.ulp(f) : 0;
            return near(got, want, 1e-12 * want + ulp + Double.MIN_NORMAL, "norm2");
        };
    }

    static Verifier meanCheck(int off, int n) {
        return (ref, in, s) -> {
            double[] t = naiveSum(in[0], off, n);
            return near((Double) s[0], t[0] / n, sumTolerance(n, t[1]) / n, "mean");
        };
    }

    static Verifier varianceCheck(int off, int n) {
        return (ref, in, s) -> {
            double m = naiveSum(in[0], off, n)[0] / n, v = 0;
            for (int i = off; i < off + n; i++) {
                double d = ((Number) Array.get(in[0], i)).doubleValue() - m;
                v += d * d;
            }
            v /= n;
            return near((Double) s[0], v, 1e-10 * (v + m * m) + Double.MIN_NORMAL, "variance");
        };
    }

    /** Floating prefix sums against the loop, within both sides' documented rounding bounds. */
    static Verifier prefixCheck(int off, int n) {
        return (ref, in, s) -> {
            Object got = s[1];
            double run = 0, abs = 0;
            for (int i = 0; i < n; i++) {
                double v = ((Number) Array.get(in[0], off + i)).doubleValue();
                run += v;
                abs += Math.abs(v);
                double g = ((Number) Array.get(got, off + i)).doubleValue();
                double ulp = got instanceof float[] ? Math.ulp((float) g) : 0;
                String d = near(g, run, (2.0 * i + 1100) * U * abs + ulp + Double.MIN_NORMAL, "prefixSum[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return outsideUnchanged(in[0], got, off, n);
        };
    }

    /** Integer prefix sums: exactly the wrapping loop's. */
    static Verifier integerPrefixCheck(int off, int n) {
        return (ref, in, s) -> {
            Object want = copy(in[0]);
            if (want instanceof long[] x) {
                for (int i = off + 1; i < off + n; i++) {
                    x[i] += x[i - 1];
                }
            } else {
                int[] x = iv(want);
                for (int i = off + 1; i < off + n; i++) {
                    x[i] += x[i - 1];
                }
            }
            return same(want, s[1]);
        };
    }

    static Verifier integerSumCheck(int off, int n) {
        return (ref, in, s) -> {
            long sum = 0;
            for (int i = off; i < off + n; i++) {
                sum += ((Number) Array.get(in[0], i)).longValue();
            }
            return same(sum, s[0]);
        };
    }

    static int compareAt(Object a, int i, int j) {
        if (a instanceof double[] x) {
            return Double.compare(x[i], x[j]);
        } else if (a instanceof float[] x) {
            return Float.compare(x[i], x[j]);
        } else if (a instanceof long[] x) {
            return Long.compare(x[i], x[j]);
        }
        return Integer.compare(iv(a)[i], iv(a)[j]);
    }

    /** min, max (index false) or argmin, argmax (index true) of a NaN-free slice: the first extreme. */
    static Verifier extremeCheck(boolean max, boolean index, int off, int n) {
        return (ref, in, s) -> {
            int best = off;
            for (int i = off + 1; i < off + n; i++) {
                int c = compareAt(in[0], i, best);
                if (max ? c > 0 : c < 0) {
                    best = i;
                }
            }
            return same(index ? Integer.valueOf(best) : Array.get(in[0], best), s[0]);
        };
    }

    static String outsideUnchanged(Object before, Object after, int off, int n) {
        int len = Array.getLength(before);
        for (int i = 0; i < len; i++) {
            if ((i < off || i >= off + n) && !Objects.equals(Array.get(before, i), Array.get(after, i))) {
                return "element " + i + " outside the slice [" + off + ", " + (off + n) + ") changed";
            }
        }
        return null;
    }

    static String orElse(String first, String second) {
        return first != null ? first : second;
    }

    /** A copy of an array; anything else as it is. */
    static Object copy(Object o) {
        return o != null && o.getClass().isArray() ? TestArrays.copy(o) : o;
    }

    static Object[] copies(Object[] in) {
        Object[] w = new Object[in.length];
        for (int k = 0; k < in.length; k++) {
            w[k] = copy(in[k]);
        }
        return w;
    }

    static Object[] snap(Object result, Object[] w) {
        Object[] s = new Object[w.length + 1];
        s[0] = result;
        System.arraycopy(w, 0, s, 1, w.length);
        return s;
    }

    /** Where a snapshot differs from the reference. */
    static String snapDiff(Object[] want, Object[] got) {
        if (want == null) {
            return "no reference";
        }
        for (int k = 0; k < want.length; k++) {
            String d = same(want[k], got[k]);
            if (d != null) {
                return (k == 0 ? "result" : "argument " + (k - 1)) + " " + d;
            }
        }
        return "?";
    }

    static long fib(long n) {
        return SeedTest.fib(n);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The cases of every family

    private void vectorCases(SplittableRandom r, int k) {
        int n = size(r, k), pad = r.nextInt(0, 9), off = r.nextInt(0, pad + 1), off2 = r.nextInt(0, pad + 1);
        double a = r.nextDouble(-2, 2);
        float fa = (float) r.nextDouble(-2, 2);
        double[] x = doubles(r, n), y = doubles(r, n), xs = doubles(r, n + pad), ys = doubles(r, n + pad);
        float[] fx = floats(r, n), fy = floats(r, n), fxs = floats(r, n + pad);
        long[] lx = longs(r, n), lxs = longs(r, n + pad);
        int[] ix = ints(r, n), ixs = ints(r, n + pad);
        String sz = " n=" + n, sl = " n=" + n + " off=" + off + "," + off2 + " pad=" + pad;

        vec("sum(double[])" + sz, (p, w) -> p.vectors().sum(dv(w[0])), x)
                .async((p, w) -> p.vectors().sumAsync(dv(w[0]))).verify(sumCheck(0, n));
        vec("sum(double[],off,len)" + sl, (p, w) -> p.vectors().sum(dv(w[0]), off, n), xs).verify(sumCheck(off, n));
        vec("dot(double[],double[])" + sz, (p, w) -> p.vectors().dot(dv(w[0]), dv(w[1])), x, y)
                .async((p, w) -> p.vectors().dotAsync(dv(w[0]), dv(w[1]))).verify(dotCheck(0, 0, n));
        vec("dot(double[] slices)" + sl, (p, w) -> p.vectors().dot(dv(w[0]), off, dv(w[1]), off2, n), xs, ys)
                .verify(dotCheck(off, off2, n));
        vec("norm2(double[])" + sz, (p, w) -> p.vectors().norm2(dv(w[0])), x).verify(norm2Check(0, n));
        vec("norm2(double[],off,len)" + sl, (p, w) -> p.vectors().norm2(dv(w[0]), off, n), xs).verify(norm2Check(off, n));
        vec("axpy(double)" + sz, (p, w) -> {
            p.vectors().axpy(a, dv(w[0]), dv(w[1]));
            return w[1];
        }, x, y).writes(1).async((p, w) -> p.vectors().axpyAsync(a, dv(w[0]), dv(w[1]))).verify((ref, in, s) -> {
            double[] want = dv(in[1]).clone();
            for (int i = 0; i < n; i++) {
                want[i] = want[i] + a * dv(in[0])[i];
            }
            return orElse(same(want, s[2]), unchangedExcept(in, s, 1));
        });
        vec("axpy(double, x, x)" + sz, (p, w) -> {
            p.vectors().axpy(a, dv(w[0]), dv(w[0]));
            return w[0];
        }, x).writes(0).verify((ref, in, s) -> {
            double[] want = dv(in[0]).clone();
            for (int i = 0; i < n; i++) {
                want[i] = want[i] + a * want[i];
            }
            return same(want, s[1]);
        });
        vec("axpy(double slices)" + sl, (p, w) -> {
            p.vectors().axpy(a, dv(w[0]), off, dv(w[1]), off2, n);
            return null;
        }, xs, ys).writes(1).verify((ref, in, s) -> {
            double[] want = dv(in[1]).clone();
            for (int i = 0; i < n; i++) {
                want[off2 + i] = want[off2 + i] + a * dv(in[0])[off + i];
            }
            return orElse(same(want, s[2]), unchangedExcept(in, s, 1));
        });
        vec("scale(double)" + sz, (p, w) -> {
            p.vectors().scale(a, dv(w[0]));
            return w[0];
        }, x).writes(0).async((p, w) -> p.vectors().scaleAsync(a, dv(w[0]))).verify((ref, in, s) -> {
            double[] want = dv(in[0]).clone();
            for (int i = 0; i < n; i++) {
                want[i] = a * want[i];
            }
            return same(want, s[1]);
        });
        vec("scale(double,off,len)" + sl, (p, w) -> {
            p.vectors().scale(a, dv(w[0]), off, n);
            return w[0];
        }, xs).writes(0).verify((ref, in, s) -> {
            double[] want = dv(in[0]).clone();
            for (int i = off; i < off + n; i++) {
                want[i] = a * want[i];
            }
            return same(want, s[1]);
        });
        vec("mean(double[])" + sz, (p, w) -> p.vectors().mean(dv(w[0])), x).verify(meanCheck(0, n));
        vec("variance(double[])" + sz, (p, w) -> p.vectors().variance(dv(w[0])), x).verify(varianceCheck(0, n));
        vec("mean(double[],off,len)" + sl, (p, w) -> p.vectors().mean(dv(w[0]), off, n), xs).verify(meanCheck(off, n));
        vec("variance(double[],off,len)" + sl, (p, w) -> p.vectors().variance(dv(w[0]), off, n), xs)
                .verify(varianceCheck(off, n));
        vec("prefixSum(double[])" + sz, (p, w) -> {
            p.vectors().prefixSum(dv(w[0]));
            return w[0];
        }, x).writes(0).verify(prefixCheck(0, n));
        vec("prefixSum(double[],off,len)" + sl, (p, w) -> {
            p.vectors().prefixSum(dv(w[0]), off, n);
            return w[0];
        }, xs).writes(0).verify(prefixCheck(off, n));
        vec("min(double[])" + sz, (p, w) -> p.vectors().min(dv(w[0])), x).verify(extremeCheck(false, false, 0, n));
        vec("max(double[],off,len)" + sl, (p, w) -> p.vectors().max(dv(w[0]), off, n), xs)
                .verify(extremeCheck(true, false, off, n));
        vec("argmin(double[],off,len)" + sl, (p, w) -> p.vectors().argmin(dv(w[0]), off, n), xs)
                .verify(extremeCheck(false, true, off, n));
        vec("argmax(double[])" + sz, (p, w) -> p.vectors().argmax(dv(w[0])), x).verify(extremeCheck(true, true, 0, n));

        vec("sum(float[])" + sz, (p, w) -> p.vectors().sum(fv(w[0])), fx).verify(sumCheck(0, n));
        vec("sum(float[],off,len)" + sl, (p, w) -> p.vectors().sum(fv(w[0]), off, n), fxs).verify(sumCheck(off, n));
        vec("dot(float[],float[])" + sz, (p, w) -> p.vectors().dot(fv(w[0]), fv(w[1])), fx, fy)
                .verify(dotCheck(0, 0, n));
        vec("norm2(float[])" + sz, (p, w) -> p.vectors().norm2(fv(w[0])), fx).verify(norm2Check(0, n));
        vec("axpy(float)" + sz, (p, w) -> {
            p.vectors().axpy(fa, fv(w[0]), fv(w[1]));
            return w[1];
        }, fx, fy).writes(1).verify((ref, in, s) -> {
            float[] want = fv(in[1]).clone();
            for (int i = 0; i < n; i++) {
                want[i] = want[i] + fa * fv(in[0])[i];
            }
            return orElse(same(want, s[2]), unchangedExcept(in, s, 1));
        });
        vec("scale(float,off,len)" + sl, (p, w) -> {
            p.vectors().scale(fa, fv(w[0]), off, n);
            return w[0];
        }, fxs).writes(0).verify((ref, in, s) -> {
            float[] want = fv(in[0]).clone();
            for (int i = off; i < off + n; i++) {
                want[i] = fa * want[i];
            }
            return same(want, s[1]);
        });
        vec("mean(float[])" + sz, (p, w) -> p.vectors().mean(fv(w[0])), fx).verify(meanCheck(0, n));
        vec("variance(float[],off,len)" + sl, (p, w) -> p.vectors().variance(fv(w[0]), off, n), fxs)
                .verify(varianceCheck(off, n));
        vec("prefixSum(float[])" + sz, (p, w) -> {
            p.vectors().prefixSum(fv(w[0]));
            return w[0];
        }, fx).writes(0).verify(prefixCheck(0, n));
        vec("min(float[],off,len)" + sl, (p, w) -> p.vectors().min(fv(w[0]), off, n), fxs)
                .verify(extremeCheck(false, false, off, n));
        vec("max(float[])" + sz, (p, w) -> p.vectors().max(fv(w[0])), fx).verify(extremeCheck(true, false, 0, n));
        vec("argmax(float[],off,len)" + sl, (p, w) -> p.vectors().argmax(fv(w[0]), off, n), fxs)
                .verify(extremeCheck(true, true, off, n));
        vec("argmin(float[])" + sz, (p, w) -> p.vectors().argmin(fv(w[0])), fx).verify(extremeCheck(false, true, 0, n));

        vec("sum(long[])" + sz, (p, w) -> p.vectors().sum(lv(w[0])), lx).verify(integerSumCheck(0, n));
        vec("sum(long[],off,len)" + sl, (p, w) -> p.vectors().sum(lv(w[0]), off, n), lxs).verify(integerSumCheck(off, n));
        vec("prefixSum(long[])" + sz, (p, w) -> {
            p.vectors().prefixSum(lv(w[0]));
            return w[0];
        }, lx).writes(0).verify(integerPrefixCheck(0, n));
        vec("prefixSum(long[],off,len)" + sl, (p, w) -> {
            p.vectors().prefixSum(lv(w[0]), off, n);
            return w[0];
        }, lxs).writes(0).verify(integerPrefixCheck(off, n));
        vec("min(long[])" + sz, (p, w) -> p.vectors().min(lv(w[0])), lx).verify(extremeCheck(false, false, 0, n));
        vec("max(long[],off,len)" + sl, (p, w) -> p.vectors().max(lv(w[0]), off, n), lxs)
                .verify(extremeCheck(true, false, off, n));
        vec("argmin(long[])" + sz, (p, w) -> p.vectors().argmin(lv(w[0])), lx).verify(extremeCheck(false, true, 0, n));
        vec("argmax(long[],off,len)" + sl, (p, w) -> p.vectors().argmax(lv(w[0]), off, n), lxs)
                .verify(extremeCheck(true, true, off, n));

        vec("sum(int[])" + sz, (p, w) -> p.vectors().sum(iv(w[0])), ix).verify(integerSumCheck(0, n));
        vec("sum(int[],off,len)" + sl, (p, w) -> p.vectors().sum(iv(w[0]), off, n), ixs).verify(integerSumCheck(off, n));
        vec("prefixSum(int[],off,len)" + sl, (p, w) -> {
            p.vectors().prefixSum(iv(w[0]), off, n);
            return w[0];
        }, ixs).writes(0).verify(integerPrefixCheck(off, n));
        vec("min(int[],off,len)" + sl, (p, w) -> p.vectors().min(iv(w[0]), off, n), ixs)
                .verify(extremeCheck(false, false, off, n));
        vec("max(int[])" + sz, (p, w) -> p.vectors().max(iv(w[0])), ix).verify(extremeCheck(true, false, 0, n));
        vec("argmin(int[],off,len)" + sl, (p, w) -> p.vectors().argmin(iv(w[0]), off, n), ixs)
                .verify(extremeCheck(false, true, off, n));
        vec("argmax(int[])" + sz, (p, w) -> p.vectors().argmax(iv(w[0])), ix).verify(extremeCheck(true, true, 0, n));
    }

    private void badVectorCases() {
        vec("min(empty double[])", (p, w) -> p.vectors().min(dv(w[0])), new double[0]).fails(IllegalArgumentException.class);
        vec("dot(lengths 3, 2)", (p, w) -> p.vectors().dot(dv(w[0]), dv(w[1])), new double[3], new double[2])
                .fails(IllegalArgumentException.class);
        vec("sum(slice outside)", (p, w) -> p.vectors().sum(dv(w[0]), 5, 10), new double[12])
                .fails(IndexOutOfBoundsException.class);
    }

    interface DInto {
        void run(VectorMath m, double[] x, double[] out);
    }

    interface DNew {
        double[] run(VectorMath m, double[] x);
    }

    interface DSlice {
        void run(VectorMath m, double[] x, int xo, double[] out, int oo, int n);
    }

    interface FInto {
        void run(VectorMath m, float[] x, float[] out);
    }

    interface FNew {
        float[] run(VectorMath m, float[] x);
    }

    interface FSlice {
        void run(VectorMath m, float[] x, int xo, float[] out, int oo, int n);
    }

    /** A math function: its forms, how to sample its domain from u in [0, 1), StrictMath's value, the ulps allowed. */
    record MathFn(String name, DoubleUnaryOperator sample, DoubleUnaryOperator strict, double ulps, DInto di, DNew dn,
            DSlice ds, FInto fi, FNew fn, FSlice fs) {}

    static final List<MathFn> MATH = List.of(
            new MathFn("exp", u -> -50 + 100 * u, StrictMath::exp, 2, VectorMath::exp, VectorMath::exp, VectorMath::exp,
                    VectorMath::exp, VectorMath::exp, VectorMath::exp),
            new MathFn("expm1", u -> -5 + 10 * u, StrictMath::expm1, 2, VectorMath::expm1, VectorMath::expm1,
                    VectorMath::expm1, VectorMath::expm1, VectorMath::expm1, VectorMath::expm1),
            new MathFn("log", u -> Math.exp(-30 + 60 * u), StrictMath::log, 2, VectorMath::log, VectorMath::log,
                    VectorMath::log, VectorMath::log, VectorMath::log, VectorMath::log),
            new MathFn("log1p", u -> -0.999 + 10 * u, StrictMath::log1p, 2, VectorMath::log1p, VectorMath::log1p,
                    VectorMath::log1p, VectorMath::log1p, VectorMath::log1p, VectorMath::log1p),
            new MathFn("sqrt", u -> Math.exp(-30 + 60 * u), StrictMath::sqrt, 0, VectorMath::sqrt, VectorMath::sqrt,
                    VectorMath::sqrt, VectorMath::sqrt, VectorMath::sqrt, VectorMath::sqrt),
            new MathFn("tanh", u -> -10 + 20 * u, StrictMath::tanh, 2, VectorMath::tanh, VectorMath::tanh,
                    VectorMath::tanh, VectorMath::tanh, VectorMath::tanh, VectorMath::tanh),
            new MathFn("sigmoid", u -> -30 + 60 * u, v -> 1 / (1 + StrictMath.exp(-v)), 4, VectorMath::sigmoid,
                    VectorMath::sigmoid, VectorMath::sigmoid, VectorMath::sigmoid, VectorMath::sigmoid,
                    VectorMath::sigmoid),
            new MathFn("sin", u -> -100 + 200 * u, StrictMath::sin, 2, VectorMath::sin, VectorMath::sin, VectorMath::sin,
                    VectorMath::sin, VectorMath::sin, VectorMath::sin),
            new MathFn("cos", u -> -100 + 200 * u, StrictMath::cos, 2, VectorMath::cos, VectorMath::cos, VectorMath::cos,
                    VectorMath::cos, VectorMath::cos, VectorMath::cos));

    static final double[] SPECIALS = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0,
        -1.0, 1e300, -1e300, Double.MIN_VALUE, 1e22, -1e9};

    static String ulpCheck(double got, double want, double ulps, double ulp, String what) {
        if (Double.isNaN(want) || Double.isInfinite(want)) {
            return Double.compare(got, want) == 0 || (Double.isNaN(got) && Double.isNaN(want)) ? null
                    : what + ": " + got + " but StrictMath gives " + want;
        }
        return Math.abs(got - want) <= ulps * ulp ? null
                : what + ": " + got + " is more than " + ulps + " ulp from StrictMath's " + want;
    }

    /** Every element of out[oo, oo + n) within ulps of StrictMath of x[xo + i]; the rest of out unchanged. */
    static Verifier mathCheck(MathFn fn, Object x, int xo, Object outBefore, int oo, int n, int resultSlot) {
        return (ref, in, s) -> {
            Object got = s[resultSlot];
            for (int i = 0; i < n; i++) {
                String d;
                if (got instanceof double[] g) {
                    double want = fn.strict().applyAsDouble(dv(x)[xo + i]);
                    d = ulpCheck(g[oo + i], want, fn.ulps(), Math.ulp(want), fn.name() + "(" + dv(x)[xo + i] + ")");
                } else {
                    float want = (float) fn.strict().applyAsDouble(fv(x)[xo + i]);
                    d = ulpCheck(fv(got)[oo + i], want, fn.ulps(), Math.ulp(want), fn.name() + "f(" + fv(x)[xo + i] + ")");
                }
                if (d != null) {
                    return d;
                }
            }
            return outBefore == null ? null : outsideUnchanged(outBefore, got, oo, n);
        };
    }

    private void mathCases(SplittableRandom r, int k) {
        for (MathFn fn : MATH) {
            for (boolean isDouble : new boolean[] {true, false}) {
                int n = size(r, k), pad = r.nextInt(0, 9), xo = r.nextInt(0, pad + 1), oo = r.nextInt(0, pad + 1);
                int form = r.nextInt(4);
                int len = form == 3 ? n + pad : n;
                double[] dx = new double[len];
                float[] fx = new float[len];
                for (int i = 0; i < len; i++) {
                    double v = r.nextInt(50) == 0 ? SPECIALS[r.nextInt(SPECIALS.length)]
                            : fn.sample().applyAsDouble(r.nextDouble());
                    dx[i] = v;
                    fx[i] = (float) v;
                }
                Object x = isDouble ? dx : fx;
                Object out = isDouble ? doubles(r, len) : floats(r, len);
                String name = fn.name() + (isDouble ? "(double[]" : "(float[]") + ") form "
                        + new String[] {"new", "into", "in place", "slice"}[form] + " n=" + n
                        + (form == 3 ? " xo=" + xo + " oo=" + oo : "");
                Case c = switch (form) {
                    case 0 -> new Case("math", name, (p, w) -> isDouble ? fn.dn().run(p.math(), dv(w[0]))
                            : fn.fn().run(p.math(), fv(w[0])), x).verify(mathCheck(fn, x, 0, null, 0, n, 0));
                    case 1 -> new Case("math", name, (p, w) -> {
                        if (isDouble) {
                            fn.di().run(p.math(), dv(w[0]), dv(w[1]));
                        } else {
                            fn.fi().run(p.math(), fv(w[0]), fv(w[1]));
                        }
                        return w[1];
                    }, x, out).writes(1).verify(mathCheck(fn, x, 0, null, 0, n, 2));
                    case 2 -> new Case("math", name, (p, w) -> {
                        if (isDouble) {
                            fn.di().run(p.math(), dv(w[0]), dv(w[0]));
                        } else {
                            fn.fi().run(p.math(), fv(w[0]), fv(w[0]));
                        }
                        return w[0];
                    }, x).writes(0).verify(mathCheck(fn, x, 0, null, 0, n, 1));
                    default -> new Case("math", name, (p, w) -> {
                        if (isDouble) {
                            fn.ds().run(p.math(), dv(w[0]), xo, dv(w[1]), oo, n);
                        } else {
                            fn.fs().run(p.math(), fv(w[0]), xo, fv(w[1]), oo, n);
                        }
                        return w[1];
                    }, x, out).writes(1).verify(mathCheck(fn, x, xo, out, oo, n, 2));
                };
                add(c);
            }
        }
    }

    /** Keys to sort: random, few distinct values (ties, -0.0 and 0.0) or with NaNs and infinities. */
    static Object sortKeys(SplittableRandom r, int type, int n) {
        int mode = r.nextInt(3);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (mode) {
                case 0 -> (r.nextDouble() - 0.5) * 1e6;
                case 1 -> r.nextInt(-20, 20) * 0.5 + (r.nextBoolean() ? 0.0 : -0.0);
                default -> r.nextInt(20) == 0 ? SPECIALS[r.nextInt(5)] : r.nextGaussian();
            };
        }
        return switch (type) {
            case 0 -> d;
            case 1 -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) d[i];
                }
                yield f;
            }
            case 2 -> mode == 1 ? r.longs(n, -50, 50).toArray() : r.longs(n).toArray();
            default -> mode == 1 ? r.ints(n, -50, 50).toArray() : r.ints(n).toArray();
        };
    }

    static void sortRange(Object a, int from, int to) {
        if (a instanceof double[] x) {
            Arrays.sort(x, from, to);
        } else if (a instanceof float[] x) {
            Arrays.sort(x, from, to);
        } else if (a instanceof long[] x) {
            Arrays.sort(x, from, to);
        } else {
            Arrays.sort(iv(a), from, to);
        }
    }

    static void sortCall(Sorting s, Object a, int from, int to, boolean whole) {
        if (a instanceof double[] x) {
            if (whole) {
                s.sort(x);
            } else {
                s.sort(x, from, to);
            }
        } else if (a instanceof float[] x) {
            if (whole) {
                s.sort(x);
            } else {
                s.sort(x, from, to);
            }
        } else if (a instanceof long[] x) {
            if (whole) {
                s.sort(x);
            } else {
                s.sort(x, from, to);
            }
        } else if (whole) {
            s.sort(iv(a));
        } else {
            s.sort(iv(a), from, to);
        }
    }

    static int[] argsortCall(Sorting s, Object a, int from, int to, boolean whole) {
        if (a instanceof double[] x) {
            return whole ? s.argsort(x) : s.argsort(x, from, to);
        } else if (a instanceof float[] x) {
            return whole ? s.argsort(x) : s.argsort(x, from, to);
        } else if (a instanceof long[] x) {
            return whole ? s.argsort(x) : s.argsort(x, from, to);
        }
        return whole ? s.argsort(iv(a)) : s.argsort(iv(a), from, to);
    }

    private void sortingCases(SplittableRandom r, int k) {
        String[] types = {"double[]", "float[]", "long[]", "int[]"};
        for (int type = 0; type < 4; type++) {
            for (boolean arg : new boolean[] {false, true}) {
                int n = size(r, k);
                boolean whole = r.nextBoolean();
                int pad = whole ? 0 : r.nextInt(0, 9), from = whole ? 0 : r.nextInt(0, pad + 1), to = from + n;
                Object a = sortKeys(r, type, n + pad);
                String name = (arg ? "argsort(" : "sort(") + types[type] + (whole ? ")" : ",from,to)") + " n=" + n
                        + (whole ? "" : " from=" + from + " length=" + (n + pad));
                if (arg) {
                    add(new Case("sorting", name, (p, w) -> argsortCall(p.sorting(), w[0], from, to, whole), a)
                            .verify((ref, in, s) -> {
                                Integer[] idx = new Integer[to - from];
                                for (int i = 0; i < idx.length; i++) {
                                    idx[i] = from + i;
                                }
                                Arrays.sort(idx, (i, j) -> compareAt(in[0], i, j)); // stable: ties by index
                                int[] want = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
                                return orElse(same(want, s[0]), unchangedExcept(in, s));
                            }));
                } else {
                    add(new Case("sorting", name, (p, w) -> {
                        sortCall(p.sorting(), w[0], from, to, whole);
                        return w[0];
                    }, a).sorts(0, from, to).verify((ref, in, s) -> {
                        Object want = copy(in[0]);
                        sortRange(want, from, to);
                        return same(want, s[1]);
                    }));
                }
            }
        }
    }

    static Blas.Layout layout(SplittableRandom r) {
        return r.nextBoolean() ? Blas.Layout.ROW_MAJOR : Blas.Layout.COL_MAJOR;
    }

    static Blas.Transpose trans(SplittableRandom r) {
        return r.nextBoolean() ? Blas.Transpose.NO_TRANS : Blas.Transpose.TRANS;
    }

    static int ld(SplittableRandom r, Blas.Layout l, int rows, int cols) {
        return Math.max(1, l == Blas.Layout.ROW_MAJOR ? cols : rows) + r.nextInt(0, 3);
    }

    static int span(Blas.Layout l, int rows, int cols, int ld) {
        if (rows == 0 || cols == 0) {
            return 0;
        }
        return l == Blas.Layout.ROW_MAJOR ? (rows - 1) * ld + cols : (cols - 1) * ld + rows;
    }

    static int at(Blas.Layout l, int off, int ld, int row, int col) {
        return l == Blas.Layout.ROW_MAJOR ? off + row * ld + col : off + row + col * ld;
    }

    static double get(Object a, int i) {
        return a instanceof double[] d ? d[i] : fv(a)[i];
    }

    static double pickScalar(SplittableRandom r, double... special) {
        return r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : r.nextDouble(-2, 2);
    }

    /** GEMM against the triple loop in double, within twice the documented bound; C outside its m x n untouched. */
    private void gemmCase(SplittableRandom r, int k, boolean dbl) {
        int lo = new int[] {0, 9, 49}[k], hi = new int[] {8, 48, 140}[k];
        int m = r.nextInt(lo, hi + 1), n = r.nextInt(lo, hi + 1), kk = r.nextInt(lo, hi + 1);
        Blas.Layout l = layout(r);
        Blas.Transpose ta = trans(r), tb = trans(r);
        boolean an = ta == Blas.Transpose.NO_TRANS, bn = tb == Blas.Transpose.NO_TRANS;
        int aRows = an ? m : kk, aCols = an ? kk : m, bRows = bn ? kk : n, bCols = bn ? n : kk;
        int lda = ld(r, l, aRows, aCols), ldb = ld(r, l, bRows, bCols), ldc = ld(r, l, m, n);
        int offA = r.nextInt(4), offB = r.nextInt(4), offC = r.nextInt(4);
        int lenA = offA + span(l, aRows, aCols, lda) + r.nextInt(3), lenB = offB + span(l, bRows, bCols, ldb)
                + r.nextInt(3), lenC = offC + span(l, m, n, ldc) + r.nextInt(3);
        double alpha = pickScalar(r, 1.0, -0.5, 0.0), beta = pickScalar(r, 0.0, 1.0);
        Object a = dbl ? doubles(r, lenA) : floats(r, lenA), b = dbl ? doubles(r, lenB) : floats(r, lenB);
        Object c = dbl ? doubles(r, lenC) : floats(r, lenC);
        if (beta == 0 && r.nextBoolean()) { // beta == 0 ignores C: NaN there must not propagate
            if (c instanceof double[] d) {
                Arrays.fill(d, Double.NaN);
            } else {
                Arrays.fill(fv(c), Float.NaN);
            }
        }
        String name = "gemm(" + (dbl ? "double" : "float") + ") " + l + " " + ta + " " + tb + " m=" + m + " n=" + n
                + " k=" + kk + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc
                + " off=" + offA + "," + offB + "," + offC;
        float fal = (float) alpha, fbe = (float) beta;
        double al = dbl ? alpha : fal, be = dbl ? beta : fbe;
        add(new Case("blas", name, (p, w) -> {
            if (dbl) {
                p.blas().gemm(l, ta, tb, m, n, kk, alpha, dv(w[0]), offA, lda, dv(w[1]), offB, ldb, beta, dv(w[2]), offC, ldc);
            } else {
                p.blas().gemm(l, ta, tb, m, n, kk, fal, fv(w[0]), offA, lda, fv(w[1]), offB, ldb, fbe, fv(w[2]), offC, ldc);
            }
            return w[2];
        }, a, b, c).writes(2).perBackend().verify((ref, in, s) -> {
            Object got = s[3];
            Set<Integer> inside = new HashSet<>();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0, abs = 0;
                    for (int p = 0; p < kk; p++) {
                        double av = get(in[0], an ? at(l, offA, lda, i, p) : at(l, offA, lda, p, i));
                        double bv = get(in[1], bn ? at(l, offB, ldb, p, j) : at(l, offB, ldb, j, p));
                        sum += av * bv;
                        abs += Math.abs(av * bv);
                    }
                    int ci = at(l, offC, ldc, i, j);
                    inside.add(ci);
                    double cTerm = be == 0 ? 0 : be * get(in[2], ci);
                    double want = (al == 0 || kk == 0 ? 0 : al * sum) + cTerm;
                    double u = dbl ? U : UF;
                    double tol = 2 * (kk + 2) * u * (Math.abs(al) * abs + Math.abs(cTerm)) + (dbl ? Double.MIN_NORMAL : Float.MIN_NORMAL);
                    String d = near(get(got, ci), want, tol, "C(" + i + "," + j + ")");
                    if (d != null) {
                        return d;
                    }
                }
            }
            for (int e = 0; e < lenC; e++) {
                if (!inside.contains(e) && !Objects.equals(Array.get(in[2], e), Array.get(got, e))) {
                    return "element " + e + " of c, outside C, changed";
                }
            }
            return unchangedExcept(in, s, 2);
        }));
    }

    private void gemvCase(SplittableRandom r, int k, boolean dbl) {
        int lo = new int[] {0, 9, 100}[k], hi = new int[] {8, 99, 600}[k];
        int m = r.nextInt(lo, hi + 1), n = r.nextInt(lo, hi + 1);
        Blas.Layout l = layout(r);
        Blas.Transpose t = trans(r);
        boolean nt = t == Blas.Transpose.NO_TRANS;
        int lda = ld(r, l, m, n), offA = r.nextInt(4), offX = r.nextInt(4), offY = r.nextInt(4);
        int xLen = nt ? n : m, yLen = nt ? m : n;
        int lenA = offA + span(l, m, n, lda) + r.nextInt(3);
        double alpha = pickScalar(r, 1.0, 0.0), beta = pickScalar(r, 0.0, 1.0);
        Object a = dbl ? doubles(r, lenA) : floats(r, lenA), x = dbl ? doubles(r, offX + xLen + 2) : floats(r, offX + xLen + 2);
        Object y = dbl ? doubles(r, offY + yLen + 2) : floats(r, offY + yLen + 2);
        String name = "gemv(" + (dbl ? "double" : "float") + ") " + l + " " + t + " m=" + m + " n=" + n + " alpha="
                + alpha + " beta=" + beta + " lda=" + lda + " off=" + offA + "," + offX + "," + offY;
        float fal = (float) alpha, fbe = (float) beta;
        double al = dbl ? alpha : fal, be = dbl ? beta : fbe;
        add(new Case("blas", name, (p, w) -> {
            if (dbl) {
                p.blas().gemv(l, t, m, n, alpha, dv(w[0]), offA, lda, dv(w[1]), offX, beta, dv(w[2]), offY);
            } else {
                p.blas().gemv(l, t, m, n, fal, fv(w[0]), offA, lda, fv(w[1]), offX, fbe, fv(w[2]), offY);
            }
            return w[2];
        }, a, x, y).writes(2).perBackend().verify((ref, in, s) -> {
            Object got = s[3];
            for (int i = 0; i < yLen; i++) {
                double sum = 0, abs = 0;
                for (int j = 0; j < xLen; j++) {
                    double av = get(in[0], nt ? at(l, offA, lda, i, j) : at(l, offA, lda, j, i));
                    double pr = av * get(in[1], offX + j);
                    sum += pr;
                    abs += Math.abs(pr);
                }
                double cTerm = be == 0 ? 0 : be * get(in[2], offY + i);
                double want = (al == 0 ? 0 : al * sum) + cTerm;
                double tol = 2 * (xLen + 2) * (dbl ? U : UF) * (Math.abs(al) * abs + Math.abs(cTerm)) + Float.MIN_NORMAL;
                String d = near(get(got, offY + i), want, tol, "y[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return orElse(outsideUnchanged(in[2], got, offY, yLen), unchangedExcept(in, s, 2));
        }));
    }

    private void multiplyCase(SplittableRandom r, int k, boolean dbl) {
        int lo = new int[] {1, 9, 49}[k], hi = new int[] {8, 48, 120}[k];
        int m = r.nextInt(lo, hi + 1), kk = r.nextInt(lo, hi + 1), n = r.nextInt(lo, hi + 1);
        Object a = dbl ? doubles(r, m * kk) : floats(r, m * kk), b = dbl ? doubles(r, kk * n) : floats(r, kk * n);
        String name = "multiply(" + (dbl ? "double" : "float") + ") " + m + "x" + kk + "x" + n;
        add(new Case("blas", name, (p, w) -> dbl ? p.blas().multiply(dv(w[0]), dv(w[1]), m, kk, n)
                : p.blas().multiply(fv(w[0]), fv(w[1]), m, kk, n), a, b).perBackend().verify((ref, in, s) -> {
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0, abs = 0;
                            for (int p = 0; p < kk; p++) {
                                double pr = get(in[0], i * kk + p) * get(in[1], p * n + j);
                                sum += pr;
                                abs += Math.abs(pr);
                            }
                            String d = near(get(s[0], i * n + j), sum, 2 * (kk + 2) * (dbl ? U : UF) * abs + Float.MIN_NORMAL,
                                    "C(" + i + "," + j + ")");
                            if (d != null) {
                                return d;
                            }
                        }
                    }
                    return unchangedExcept(in, s);
                }));
    }

    /** Black-Scholes, for the Monte Carlo option's check. */
    static double blackScholes(boolean put, double s, double k, double r, double v, double t) {
        double d1 = (Math.log(s / k) + (r + v * v / 2) * t) / (v * Math.sqrt(t)), d2 = d1 - v * Math.sqrt(t);
        double disc = k * Math.exp(-r * t);
        return put ? disc * NormalCdf.phi(-d2) - s * NormalCdf.phi(-d1) : s * NormalCdf.phi(d1) - disc * NormalCdf.phi(d2);
    }

    private void randomCases(SplittableRandom r, int k) {
        String[] kinds = {"bits(long[])", "bits(int[])", "uniform(double[])", "uniform(float[])", "normal(double[])",
            "normal(float[])"};
        for (int kind = 0; kind < kinds.length; kind++) {
            int n = size(r, k), pad = r.nextInt(0, 5), oo = r.nextInt(0, pad + 1);
            boolean whole = pad == 0;
            long seed = r.nextLong(), offset = r.nextBoolean() ? r.nextLong(0, 1L << 40) : r.nextLong(0, 1000);
            int kd = kind;
            Object out = switch (kind) {
                case 0 -> longs(r, n + pad);
                case 1 -> ints(r, n + pad);
                case 2, 4 -> doubles(r, n + pad);
                default -> floats(r, n + pad);
            };
            String name = kinds[kind] + " seed=" + seed + " offset=" + offset + " n=" + n + (whole ? "" : " oo=" + oo + " pad=" + pad);
            add(new Case("random", name, (p, w) -> {
                RandomOps g = p.random();
                switch (kd) {
                    case 0 -> {
                        if (whole) {
                            g.bits(seed, offset, lv(w[0]));
                        } else {
                            g.bits(seed, offset, lv(w[0]), oo, n);
                        }
                    }
                    case 1 -> g.bits(seed, offset, iv(w[0]), oo, n);
                    case 2 -> {
                        if (whole) {
                            g.uniform(seed, offset, dv(w[0]));
                        } else {
                            g.uniform(seed, offset, dv(w[0]), oo, n);
                        }
                    }
                    case 3 -> g.uniform(seed, offset, fv(w[0]), oo, n);
                    case 4 -> g.normal(seed, offset, dv(w[0]), oo, n);
                    default -> {
                        if (whole) {
                            g.normal(seed, offset, fv(w[0]));
                        } else {
                            g.normal(seed, offset, fv(w[0]), oo, n);
                        }
                    }
                }
                return w[0];
            }, out).writes(0).verify((ref, in, s) -> {
                Object got = s[1];
                String outside = outsideUnchanged(in[0], got, oo, n);
                if (outside != null) {
                    return outside;
                }
                if (kd == 2) { // a uniform double is the top 53 bits of the long value, times 2^-53
                    long[] bits = new long[n];
                    ref.random().bits(seed, offset, bits);
                    for (int i = 0; i < n; i++) {
                        if (dv(got)[oo + i] != (bits[i] >>> 11) * 0x1p-53) {
                            return "uniform[" + i + "] is not bits[" + i + "] >>> 11 times 2^-53";
                        }
                    }
                } else if (kd == 3) {
                    int[] bits = new int[n];
                    ref.random().bits(seed, offset, bits);
                    for (int i = 0; i < n; i++) {
                        if (fv(got)[oo + i] != (bits[i] >>> 8) * 0x1p-24f) {
                            return "uniform float[" + i + "] is not bits[" + i + "] >>> 8 times 2^-24";
                        }
                    }
                } else if (kd >= 4) {
                    double bound = kd == 4 ? 8.5717 : 5.7682;
                    for (int i = 0; i < n; i++) {
                        double v = ((Number) Array.get(got, oo + i)).doubleValue();
                        if (!(Math.abs(v) < bound)) {
                            return "normal[" + i + "] = " + v + " is not finite below " + bound;
                        }
                    }
                }
                return null;
            }));
        }
        long seed = r.nextLong();
        long samples = new long[] {r.nextLong(1, 65), r.nextLong(64, 100_000), r.nextLong(100_000, 2_000_000)}[k];
        add(new Case("random", "estimatePi seed=" + seed + " samples=" + samples,
                (p, w) -> p.random().estimatePi(seed, samples)).verify((ref, in, s) -> near((Double) s[0], Math.PI,
                        6 * 1.7 / Math.sqrt(samples) + 1e-12, "estimatePi")));
        long paths = new long[] {r.nextLong(2, 65), r.nextLong(64, 50_000), r.nextLong(50_000, 300_000)}[k];
        boolean put = r.nextBoolean();
        double strike = r.nextDouble(80, 120), rate = r.nextDouble(0.0, 0.05), vol = r.nextDouble(0.1, 0.5);
        double years = r.nextDouble(0.25, 2);
        long oseed = r.nextLong();
        add(new Case("random", "europeanOption " + (put ? "PUT" : "CALL") + " strike=" + strike + " paths=" + paths,
                (p, w) -> p.random().europeanOption(put ? OptionType.PUT : OptionType.CALL, 100, strike, rate, vol,
                        years, paths, oseed)).verify((ref, in, s) -> {
                            MonteCarloResult mc = (MonteCarloResult) s[0];
                            if (mc.paths() != paths || !(mc.price() >= 0) || !(mc.standardError() >= 0)) {
                                return "implausible " + mc;
                            }
                            double bs = blackScholes(put, 100, strike, rate, vol, years);
                            return paths < 1000 ? null : near(mc.price(), bs, 6 * mc.standardError() + 1e-4, "price");
                        }));
    }

    /** Escape counts by the loop MandelbrotRegion describes. */
    static int[] plainMandelbrot(MandelbrotRegion g) {
        int[] out = new int[g.width() * g.height()];
        double dx = (g.xMax() - g.xMin()) / g.width(), dy = (g.yMax() - g.yMin()) / g.height();
        for (int row = 0; row < g.height(); row++) {
            double ci = g.yMin() + row * dy;
            for (int col = 0; col < g.width(); col++) {
                double cr = g.xMin() + col * dx, zr = 0, zi = 0;
                int it = 0;
                while (it < g.maxIterations() && zr * zr + zi * zi <= 4) {
                    double t = zr * zr - zi * zi + cr;
                    zi = 2 * zr * zi + ci;
                    zr = t;
                    it++;
                }
                out[row * g.width() + col] = it;
            }
        }
        return out;
    }

    private void imageCases(SplittableRandom r, int k) {
        for (Schedule schedule : Schedule.values()) {
            int w = new int[] {r.nextInt(1, 9), r.nextInt(9, 80), r.nextInt(80, 320)}[k];
            int h = new int[] {r.nextInt(1, 9), r.nextInt(9, 60), r.nextInt(60, 200)}[k];
            double cx = r.nextDouble(-2, 0.5), cy = r.nextDouble(-1, 1), span = Math.exp(r.nextDouble(Math.log(0.01), Math.log(3)));
            MandelbrotRegion g = new MandelbrotRegion(w, h, cx - span / 2, cx + span / 2, cy - span / 3, cy + span / 3,
                    r.nextInt(1, 300));
            Case c = add(new Case("images", "mandelbrot " + schedule + " " + g, (p, ww) -> p.images().mandelbrot(g, schedule))
                    .verify((ref, in, s) -> same(plainMandelbrot(g), s[0])));
            if (schedule == Schedule.DYNAMIC) {
                c.async((p, ww) -> p.images().mandelbrotAsync(g));
            }
        }
    }

    private void mapCases(SplittableRandom r, int k) {
        long[][] fibIns = {
            r.longs(r.nextInt(1, 65), 0, 28).toArray(), // small, light
            r.longs(r.nextInt(4, 17), 28, 35).toArray(), // few, heavy: tens of ms per item in Java
            r.longs(r.nextInt(1000, 20_000), 0, 13).toArray() // many, light
        };
        long[] fin = fibIns[k];
        long[] fibWant = Arrays.stream(fin).map(SoakTest::fib).toArray();
        int n = size(r, k);
        long[] lin = longs(r, n);
        double[] din = doubles(r, n);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(50) == 0) {
                din[i] = SPECIALS[r.nextInt(SPECIALS.length)];
            }
        }
        long[] lwant = Arrays.stream(lin).map(v -> v * v).toArray();
        double[] dwant = Arrays.stream(din).map(v -> v * v).toArray();
        for (int kernel = 0; kernel < 3; kernel++) {
            int form = r.nextInt(3); // new array, into out, in place
            String kname = new String[] {"FIB", "SQUARE", "DoubleKernels.SQUARE"}[kernel];
            String name = "map(" + kname + ") form " + new String[] {"new", "into", "in place"}[form] + " n="
                    + (kernel == 0 ? fin.length : n);
            Object in = kernel == 0 ? fin : kernel == 1 ? lin : din;
            Object want = kernel == 0 ? fibWant : kernel == 1 ? lwant : dwant;
            LongKernel lk = kernel == 0 ? LongKernels.FIB : LongKernels.SQUARE;
            int kn = kernel;
            Case c;
            if (form == 0) {
                c = new Case("map", name, (p, w) -> kn == 2 ? p.map(DoubleKernels.SQUARE, dv(w[0])) : p.map(lk, lv(w[0])), in)
                        .async((p, w) -> kn == 2 ? p.submit(DoubleKernels.SQUARE, dv(w[0])) : p.submit(lk, lv(w[0])))
                        .verify((ref, inp, s) -> orElse(same(want, s[0]), unchangedExcept(inp, s)));
            } else if (form == 1) {
                Object out = kernel == 2 ? doubles(r, n) : longs(r, Array.getLength(in));
                c = new Case("map", name, (p, w) -> kn == 2 ? p.map(DoubleKernels.SQUARE, dv(w[0]), dv(w[1]))
                        : p.map(lk, lv(w[0]), lv(w[1])), in, out).writes(1)
                        .verify((ref, inp, s) -> orElse(same(want, s[2]), unchangedExcept(inp, s, 1)));
            } else {
                c = new Case("map", name, (p, w) -> kn == 2 ? p.map(DoubleKernels.SQUARE, dv(w[0]), dv(w[0]))
                        : p.map(lk, lv(w[0]), lv(w[0])), in).writes(0).verify((ref, inp, s) -> same(want, s[1]));
            }
            add(c);
        }
    }

    private void badMapCases(SplittableRandom r) {
        long[] in = r.longs(20, 0, 25).toArray();
        in[r.nextInt(in.length)] = 93;
        add(new Case("map", "map(FIB) with 93", (p, w) -> p.map(LongKernels.FIB, lv(w[0])), in)
                .fails(IllegalArgumentException.class));
        add(new Case("sorting", "sort(from > to)", (p, w) -> {
            p.sorting().sort(dv(w[0]), 3, 2);
            return w[0];
        }, new double[5]).fails(IllegalArgumentException.class));
    }

    private void jobCases(SplittableRandom r) {
        for (int j = 0; j < 10; j++) {
            OnItemFailure policy = r.nextBoolean() ? OnItemFailure.CONTINUE : OnItemFailure.CANCEL_REST;
            switch (j % 4) {
                case 0, 1 -> {
                    long[] in = r.longs(r.nextInt(1, 200), 5, j % 4 == 0 ? 22 : 28).toArray();
                    long[] want = Arrays.stream(in).map(SoakTest::fib).toArray();
                    Set<Integer> bad = new TreeSet<>();
                    if (r.nextInt(3) == 0) { // items outside the domain fail alone
                        for (int b = r.nextInt(1, 4); b > 0; b--) {
                            int at = r.nextInt(in.length);
                            in[at] = r.nextBoolean() ? 93 : -1;
                            bad.add(at);
                        }
                    }
                    JobCase jc = new JobCase("start(FIB) n=" + in.length + " " + policy + (bad.isEmpty() ? "" : " bad=" + bad),
                            LongKernels.FIB, in, want, policy);
                    jc.bad.addAll(bad);
                    jobs.add(jc);
                }
                case 2 -> {
                    long[] in = longs(r, r.nextInt(1, 100_000));
                    jobs.add(new JobCase("start(SQUARE) n=" + in.length, LongKernels.SQUARE, in,
                            Arrays.stream(in).map(v -> v * v).toArray(), policy));
                }
                default -> {
                    double[] in = doubles(r, r.nextInt(1, 100_000));
                    jobs.add(new JobCase("start(DoubleKernels.SQUARE) n=" + in.length, DoubleKernels.SQUARE, in,
                            Arrays.stream(in).map(v -> v * v).toArray(), policy));
                }
            }
        }
    }

    private void makeCases(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 3; k++) {
            vectorCases(r, k);
            mathCases(r, k);
            sortingCases(r, k);
            gemmCase(r, k, true);
            gemmCase(r, k, false);
            gemvCase(r, k, true);
            gemvCase(r, k, false);
            multiplyCase(r, k, r.nextBoolean());
            randomCases(r, k);
            imageCases(r, k);
            mapCases(r, k);
        }
        badVectorCases();
        badMapCases(r);
        jobCases(r);
    }

    /**
     * Runs every case on a reference pool, synchronously and then through submit, and keeps the snapshot
     * under {@code key}; checks it against plain Java once (the first reference of a case).
     */
    private void reference(Case c, String key, KernelPool ref) throws Exception {
        Object[] w = copies(c.in);
        Object result;
        try {
            result = c.body.run(ref, w);
        } catch (RuntimeException e) {
            if (c.error == null || !c.error.isInstance(e)) {
                throw new AssertionError(c.name + " on the reference pool " + key + " threw", e);
            }
            c.errorMessage = e.getMessage();
            return;
        }
        assertTrue(c.error == null, c.name + ": returned instead of throwing " + c.error);
        Object[] s = snap(result, w);
        if (c.verifier != null) {
            String bad = c.verifier.check(ref, c.in, s);
            assertTrue(bad == null, "the reference " + key + " disagrees with plain Java: " + c.name + ": " + bad);
        }
        Object[] wa = copies(c.in);
        Object async = ref.submit(p -> c.body.run(p, wa)).get(60, TimeUnit.SECONDS);
        Object[] sa = snap(async, wa);
        assertTrue(Arrays.deepEquals(s, sa), c.name + " on " + key + ": submit differs from the sync call: " + snapDiff(s, sa));
        c.expected.put(key, s);
    }

    private void computeReferences() throws Exception {
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(2).build()) {
            for (List<Case> family : cases.values()) {
                for (Case c : family) {
                    reference(c, c.perBackend ? "JAVA" : "ANY", java);
                }
            }
        }
        for (Isa isa : PoolConfigs.supportedIsas()) {
            try (KernelPool nat = KernelPool.builder().backend(Backend.NATIVE).isa(isa).threads(2).build()) {
                for (Case c : cases.get("blas")) {
                    reference(c, "NATIVE/" + isa, nat);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bookkeeping

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean failed;
    private volatile String hang;
    private volatile long lastProgress = System.nanoTime();
    private volatile Round current;
    private long seed;
    private ExecutorService executor;

    private void count(Backend b, String what, long n) {
        counts.computeIfAbsent(b + "|" + what, x -> new LongAdder()).add(n);
    }

    private long counted(Backend b, String what) {
        LongAdder a = counts.get(b + "|" + what);
        return a == null ? 0 : a.sum();
    }

    private void progress() {
        lastProgress = System.nanoTime();
    }

    static String stack(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    private void failure(Round rd, String what, Throwable t) {
        String msg = "[soak] FAILURE (seed " + seed + ", round " + rd.index + ", " + rd.describe + ", thread "
                + Thread.currentThread().getName() + "): " + what + "\n" + stack(t != null ? t : new Throwable("here"));
        failures.add(msg);
        System.out.println(msg);
        failed = true;
    }

    /** A thread of a round, with what it is doing and since when (for the watchdog). */
    static final class Actor {
        final Thread thread;
        volatile long since;
        volatile String doing;

        Actor(Thread thread) {
            this.thread = thread;
        }

        void begin(String what) {
            doing = what;
            since = System.nanoTime();
        }

        void end() {
            since = 0;
        }
    }

    enum End {
        CLOSE, SHUTDOWN_NOW, CLOSE_THEN_SHUTDOWN_NOW, TWO_CLOSES, TWO_SHUTDOWN_NOWS;

        boolean shutsDownNow() {
            return this == SHUTDOWN_NOW || this == CLOSE_THEN_SHUTDOWN_NOW || this == TWO_SHUTDOWN_NOWS;
        }
    }

    /** One asynchronous call in flight: a future (or MapJob) and the caller's arrays. */
    static final class Pending {
        final Case c;
        final JobCase jc;
        final Object[] w;
        final KernelFuture<?> f;
        final MapJob<?, ?> job;
        final String how;
        final boolean viaExecutor, rejecting, closeBegunBefore;
        /**
         * Stopping it early: 0 never tried, 1 cancel() or completeExceptionally() running, 2 cancel() returned
         * true, 3 it returned false, 4 completeExceptionally() returned true.
         */
        final AtomicInteger cancel = new AtomicInteger();
        boolean timeout; // orTimeout was applied
        CompletableFuture<?> stage; // a dependent stage that calls the pool, or null
        volatile String stageFailure;

        Pending(Case c, JobCase jc, Object[] w, KernelFuture<?> f, MapJob<?, ?> job, String how, boolean viaExecutor,
                boolean rejecting, boolean closeBegunBefore) {
            this.c = c;
            this.jc = jc;
            this.w = w;
            this.f = f;
            this.job = job;
            this.how = how;
            this.viaExecutor = viaExecutor;
            this.rejecting = rejecting;
            this.closeBegunBefore = closeBegunBefore;
        }

        String name() {
            return (c != null ? c.name : jc.name) + " [" + how + "]";
        }
    }

    final class Round {
        final int index;
        final Backend backend;
        final KernelPool pool;
        final List<String> keys;
        final End end;
        final long startAt, endAt;
        final SplittableRandom rnd;
        final String describe;
        volatile boolean closeBegun, shutdownNowBegun;
        final Set<Pending> outstanding = ConcurrentHashMap.newKeySet();
        final List<Actor> actors = new CopyOnWriteArrayList<>();
        final LongAdder calls = new LongAdder(), raced = new LongAdder(), refused = new LongAdder();
        final LongAdder resizes = new LongAdder(), cancels = new LongAdder(), cancelsTookEffect = new LongAdder();
        volatile int jobsCancelled;

        Round(int index, Backend backend, KernelPool pool, End end, long millis, SplittableRandom rnd, String describe) {
            this.index = index;
            this.backend = backend;
            this.pool = pool;
            this.end = end;
            this.rnd = rnd;
            this.describe = describe;
            this.startAt = System.nanoTime();
            this.endAt = startAt + TimeUnit.MILLISECONDS.toNanos(millis);
            String isa = pool.isa().map(i -> "NATIVE/" + i).orElse(null);
            this.keys = switch (backend) {
                case JAVA -> List.of("JAVA");
                case NATIVE -> List.of(isa);
                case AUTO -> List.of("JAVA", isa);
            };
        }

        Actor actor(Runnable body, String name) {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            Actor a = new Actor(t);
            actors.add(a);
            return a;
        }

        /** Results: the reference of every key this pool may legitimately match. */
        String mismatch(Case c, Object[] s) {
            List<String> ks = c.perBackend ? keys : List.of("ANY");
            for (String k : ks) {
                if (Arrays.deepEquals(c.expected.get(k), s)) {
                    return null;
                }
            }
            return "differs from the reference " + ks + ": " + snapDiff(c.expected.get(ks.get(0)), s);
        }

        /** A call found the pool closed: legitimate only once close has begun, with the documented message. */
        void refusedOrFail(IllegalStateException e, String family, String mode, String what) {
            if (closeBegun && CLOSED.equals(e.getMessage())) {
                count(backend, family + "|" + mode + "|refused (closed)", 1);
                refused.increment();
                throw new Stop();
            }
            failure(this, what + ": IllegalStateException " + (closeBegun ? "with an undocumented message" : "while the pool is open"), e);
            throw new Stop();
        }

        void outcome(String family, String mode, String outcome, boolean closeBegunBefore) {
            count(backend, family + "|" + mode + "|" + outcome, 1);
            calls.increment();
            if (!closeBegunBefore && closeBegun) {
                raced.increment();
                count(backend, end.shutsDownNow() ? "raced shutdownNow" : "raced close", 1);
            }
            progress();
        }

        /** Waits (briefly) for a cancel() in progress on another thread to return; its state. */
        int settledCancel(Pending p) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int s;
            while ((s = p.cancel.get()) == 1 && System.nanoTime() < deadline) {
                Thread.yield();
            }
            return s;
        }

        void cancel(Pending p, SplittableRandom r) {
            if (!p.cancel.compareAndSet(0, 1)) {
                return;
            }
            boolean took, byHand = r.nextInt(4) == 0;
            if (byHand) {
                took = p.f.completeExceptionally(new SoakAbort());
            } else if (p.job != null) {
                took = r.nextBoolean() ? p.job.cancel() : p.job.future().cancel(true);
            } else {
                took = p.f.cancel(r.nextBoolean());
            }
            p.cancel.set(took ? (byHand ? 4 : 2) : 3);
            cancels.increment();
            count(backend, byHand ? "completeExceptionally attempted" : "cancel attempted", 1);
            if (took) {
                cancelsTookEffect.increment();
                count(backend, byHand ? "completeExceptionally took effect" : "cancel took effect", 1);
                if (byHand ? !p.f.isCompletedExceptionally() || p.f.isCancelled() : !p.f.isCancelled()) {
                    failure(this, p.name() + ": " + (byHand ? "completeExceptionally" : "cancel")
                            + " returned true but the future is " + p.f, null);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Callers

    final class Caller implements Runnable {
        final Round rd;
        final SplittableRandom rnd;
        final ArrayDeque<Pending> mine = new ArrayDeque<>();
        final int maxOutstanding;
        Actor actor;

        Caller(Round rd, SplittableRandom rnd) {
            this.rd = rd;
            this.rnd = rnd;
            this.maxOutstanding = rnd.nextInt(0, 5);
        }

        @Override
        public void run() {
            try {
                while (!failed) {
                    String family = FAMILIES.get(rnd.nextInt(FAMILIES.size()));
                    if (family.equals("mapjob")) {
                        job(jobs.get(rnd.nextInt(jobs.size())));
                        continue;
                    }
                    List<Case> list = cases.get(family);
                    Case c = list.get(rnd.nextInt(list.size()));
                    if (rnd.nextBoolean()) {
                        sync(c);
                    } else {
                        Pending p = submit(c);
                        if (p != null) {
                            mine.add(p);
                        }
                        while (mine.size() > maxOutstanding || (!mine.isEmpty() && rnd.nextInt(10) == 0)) {
                            await(mine.poll());
                        }
                    }
                }
            } catch (Stop stop) {
                // the pool is closed (or something failed): the round is over for this caller
            } catch (RuntimeException | Error e) {
                failure(rd, "caller crashed", e);
            }
            try {
                while (!mine.isEmpty()) {
                    await(mine.poll());
                }
            } catch (Stop stop) {
                // a hang or failure was reported
            } catch (RuntimeException | Error e) {
                failure(rd, "caller crashed while draining", e);
            }
            actor.end();
        }

        void sync(Case c) {
            Object[] w = copies(c.in);
            boolean before = rd.closeBegun;
            actor.begin(c.name + " [sync]");
            try {
                Object v = c.body.run(rd.pool, w);
                if (c.error != null) {
                    failure(rd, c.name + " [sync] returned instead of throwing " + c.error.getSimpleName(), null);
                    return;
                }
                String bad = rd.mismatch(c, snap(v, w));
                if (bad != null) {
                    failure(rd, c.name + " [sync] " + bad, null);
                    return;
                }
                rd.outcome(c.family, "sync", "ok", before);
            } catch (CancellationException e) {
                if (!rd.shutdownNowBegun) {
                    failure(rd, c.name + " [sync]: CancellationException without shutdownNow", e);
                    return;
                }
                String bad = partial(c, w);
                if (bad != null) {
                    failure(rd, c.name + " [sync] cancelled by shutdownNow: " + bad, e);
                    return;
                }
                rd.outcome(c.family, "sync", "cancelled by shutdownNow", before);
            } catch (IllegalStateException e) {
                rd.refusedOrFail(e, c.family, "sync", c.name + " [sync]");
            } catch (RuntimeException | Error e) {
                if (c.error != null && c.error.isInstance(e) && Objects.equals(c.errorMessage, e.getMessage())) {
                    rd.outcome(c.family, "sync", "rejected (bad argument)", before);
                } else {
                    failure(rd, c.name + " [sync]: undocumented exception", e);
                }
            } finally {
                actor.end();
            }
        }

        /** After a synchronous call shutdownNow cancelled: unwritten inputs unchanged, a sorted range a permutation. */
        String partial(Case c, Object[] w) {
            for (int k = 0; k < c.in.length; k++) {
                if (k == c.sortSlot) {
                    Object want = copy(c.in[k]), got = copy(w[k]);
                    sortRange(want, c.sortFrom, c.sortTo);
                    sortRange(got, c.sortFrom, c.sortTo);
                    String d = orElse(same(want, got), outsideUnchanged(c.in[k], w[k], c.sortFrom, c.sortTo - c.sortFrom));
                    if (d != null) {
                        return "the range is not a permutation of what it held: " + d;
                    }
                } else if (!c.written(k)) {
                    String d = same(c.in[k], w[k]);
                    if (d != null) {
                        return "argument " + k + " (an input) was modified: " + d;
                    }
                }
            }
            return null;
        }

        Pending submit(Case c) {
            Object[] w = copies(c.in);
            boolean before = rd.closeBegun;
            int pick = rnd.nextInt(100);
            String how = c.shorthand != null && pick < 30 ? "shorthand" : pick < 40 ? "submit(call, executor)"
                    : pick < 43 ? "submit(call, rejecting executor)" : "submit(call)";
            actor.begin(c.name + " [" + how + "]");
            KernelFuture<?> f;
            try {
                f = switch (how) {
                    case "shorthand" -> c.shorthand.start(rd.pool, w);
                    case "submit(call, executor)" -> rd.pool.submit(p -> c.body.run(p, w), executor);
                    case "submit(call, rejecting executor)" -> rd.pool.submit(p -> c.body.run(p, w), REJECTING);
                    default -> rd.pool.submit(p -> c.body.run(p, w));
                };
            } catch (CancellationException e) {
                failure(rd, c.name + " [" + how + "]: submit threw CancellationException", e);
                return null;
            } catch (IllegalStateException e) {
                rd.refusedOrFail(e, c.family, "async", c.name + " [" + how + "]");
                return null;
            } catch (RuntimeException | Error e) {
                if (c.error != null && c.error.isInstance(e) && Objects.equals(c.errorMessage, e.getMessage())) {
                    rd.outcome(c.family, "async", "rejected (bad argument)", before);
                } else {
                    failure(rd, c.name + " [" + how + "]: submit threw an undocumented exception", e);
                }
                return null;
            } finally {
                actor.end();
            }
            if (c.error != null) {
                failure(rd, c.name + " [" + how + "]: submit accepted a call that must throw " + c.error.getSimpleName(), null);
                return null;
            }
            Pending p = new Pending(c, null, w, f, null, how, !how.equals("submit(call)") && !how.equals("shorthand"),
                    how.contains("rejecting"), before);
            if (rnd.nextInt(20) == 0) {
                p.timeout = true;
                f.orTimeout(rnd.nextLong(0, 20), TimeUnit.MILLISECONDS); // completes it by hand when it fires
            }
            if (rnd.nextInt(8) == 0) { // a dependent stage that calls the pool, from a delivery thread mostly
                String fam = List.of("vectors", "math", "map", "random").get(rnd.nextInt(4));
                Case nested = cases.get(fam).get(rnd.nextInt(cases.get(fam).size()));
                p.stage = f.thenApply(v -> {
                    p.stageFailure = continuation(rd, nested);
                    return v;
                });
            }
            rd.outstanding.add(p);
            if (rnd.nextInt(12) == 0) {
                rd.cancel(p, rnd); // at once: the job may not even have started
            }
            return p;
        }

        void await(Pending p) {
            awaitFuture(p);
            if (p.stage != null && !failed) {
                actor.begin("waiting for the dependent stage of " + p.name());
                try {
                    p.stage.get(HANG_NANOS, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    hang(rd, "the dependent stage of " + p.name() + " did not complete");
                    throw new Stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stop();
                } catch (ExecutionException | CancellationException e) {
                    // the future failed or was cancelled: the stage did not run (the future's outcome is checked)
                } finally {
                    actor.end();
                }
                if (p.stageFailure != null) {
                    failure(rd, "in a dependent stage of " + p.name() + ": " + p.stageFailure, null);
                }
            }
        }

        void awaitFuture(Pending p) {
            Case c = p.c;
            actor.begin("waiting for " + p.name());
            Object v;
            try {
                v = p.f.get(HANG_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                hang(rd, "the future of " + p.name() + " did not complete in " + HANG_NANOS / 1_000_000_000 + " s");
                throw new Stop();
            } catch (CancellationException e) {
                int s = rd.settledCancel(p);
                if (s != 2 && !rd.shutdownNowBegun) {
                    failure(rd, p.name() + ": CancellationException without shutdownNow or a cancel() that returned true"
                            + " (cancel state " + s + ")", e);
                } else if (!p.rejecting && !Arrays.deepEquals(p.w, c.in)) {
                    failure(rd, p.name() + ": cancelled, but the caller's arrays changed: " + snapDiff(snap(null, c.in),
                            snap(null, p.w)), e);
                } else {
                    rd.outcome(c.family, "async", s == 2 ? "cancelled by cancel()" : "cancelled by shutdownNow", p.closeBegunBefore);
                }
                return;
            } catch (ExecutionException e) {
                int s = rd.settledCancel(p);
                Throwable cause = e.getCause();
                boolean byHand = cause instanceof SoakAbort && s == 4, timedOut = cause instanceof TimeoutException && p.timeout;
                if (p.rejecting && cause instanceof RejectedExecutionException) {
                    rd.outcome(c.family, "async", "failed: executor rejected", p.closeBegunBefore);
                } else if (!byHand && !timedOut) {
                    failure(rd, p.name() + ": the future failed", e);
                } else if (!Arrays.deepEquals(p.w, c.in)) {
                    failure(rd, p.name() + ": completed by hand, but the caller's arrays changed: "
                            + snapDiff(snap(null, c.in), snap(null, p.w)), e);
                } else {
                    rd.outcome(c.family, "async", byHand ? "stopped by completeExceptionally()" : "stopped by orTimeout()",
                            p.closeBegunBefore);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure(rd, p.name() + ": interrupted", e);
                throw new Stop();
            } finally {
                rd.outstanding.remove(p);
                actor.end();
            }
            int s = rd.settledCancel(p);
            if (s == 2 || s == 4) {
                failure(rd, p.name() + ": cancel() or completeExceptionally() returned true, yet the future completed"
                        + " normally", null);
                return;
            }
            if (p.rejecting) {
                failure(rd, p.name() + ": completed normally on an executor that rejects everything", null);
                return;
            }
            String bad = rd.mismatch(c, snap(v, p.w));
            if (bad != null) {
                failure(rd, p.name() + " " + bad, null);
                return;
            }
            rd.outcome(c.family, "async", s == 3 ? "ok (cancel came too late)" : "ok", p.closeBegunBefore);
        }

        /** A MapJob: started, consumed as its items finish (iterator or poll), every item and the whole checked. */
        void job(JobCase jc) {
            boolean before = rd.closeBegun;
            Object[] w = {jc.longIn != null ? jc.longIn.clone() : jc.doubleIn.clone()};
            actor.begin(jc.name + " [start]");
            MapJob<?, ?> job;
            try {
                job = jc.longKernel != null ? rd.pool.start(jc.longKernel, lv(w[0]), jc.policy)
                        : rd.pool.start(jc.doubleKernel, dv(w[0]), jc.policy);
            } catch (CancellationException e) {
                failure(rd, jc.name + ": start threw CancellationException", e);
                return;
            } catch (IllegalStateException e) {
                rd.refusedOrFail(e, "mapjob", "job", jc.name);
                return;
            } catch (RuntimeException | Error e) {
                failure(rd, jc.name + ": start threw an undocumented exception", e);
                return;
            } finally {
                actor.end();
            }
            Pending p = new Pending(null, jc, w, job.future(), job, "start", false, false, before);
            rd.outstanding.add(p);
            try {
                jobBody(jc, p, job);
            } finally {
                rd.outstanding.remove(p);
                actor.end();
            }
        }

        private void jobBody(JobCase jc, Pending p, MapJob<?, ?> job) {
            if (rnd.nextInt(12) == 0) {
                rd.cancel(p, rnd);
            }
            Set<Integer> seen = new HashSet<>();
            TreeSet<Long> failedSeen = new TreeSet<>();
            boolean iterate = rnd.nextBoolean();
            actor.begin(jc.name + (iterate ? " [iterating]" : " [polling]"));
            String bad = null;
            if (iterate) {
                for (Object item : job) {
                    bad = orElse(bad, item(jc, item, seen, failedSeen));
                }
            } else {
                try {
                    for (;;) {
                        long t0 = System.nanoTime();
                        Object item = job.poll(HANG_NANOS, TimeUnit.NANOSECONDS);
                        if (item == null) {
                            if (System.nanoTime() - t0 >= HANG_NANOS) {
                                hang(rd, jc.name + ": no item and no end for " + HANG_NANOS / 1_000_000_000 + " s");
                                throw new Stop();
                            }
                            break;
                        }
                        bad = orElse(bad, item(jc, item, seen, failedSeen));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure(rd, jc.name + ": interrupted", e);
                    throw new Stop();
                }
            }
            if (bad != null) {
                failure(rd, jc.name + ": " + bad, null);
                return;
            }
            actor.begin(jc.name + " [future]");
            Object v;
            try {
                v = job.future().get(HANG_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                hang(rd, jc.name + ": the iteration ended but the future did not complete in " + HANG_NANOS / 1_000_000_000 + " s");
                throw new Stop();
            } catch (CancellationException e) {
                int s = rd.settledCancel(p);
                if (s != 2 && !rd.shutdownNowBegun) {
                    failure(rd, jc.name + ": CancellationException without shutdownNow or a cancel() that returned true", e);
                } else if (s != 2 && !failedSeen.isEmpty()) {
                    failure(rd, jc.name + ": items failed, yet the future says cancelled", e);
                } else {
                    rd.outcome("mapjob", "job", s == 2 ? "cancelled by cancel()" : "cancelled by shutdownNow", p.closeBegunBefore);
                }
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SoakAbort && rd.settledCancel(p) == 4) {
                    rd.outcome("mapjob", "job", "stopped by completeExceptionally()", p.closeBegunBefore);
                    return;
                }
                if (!(e.getCause() instanceof ItemFailureException ife) || jc.bad.isEmpty()) {
                    failure(rd, jc.name + ": the future failed", e);
                    return;
                }
                TreeSet<Long> listed = new TreeSet<>();
                Arrays.stream(ife.failedIndices()).forEach(listed::add);
                boolean complete = jc.policy == OnItemFailure.CONTINUE && p.cancel.get() == 0 && !rd.shutdownNowBegun;
                if (!listed.equals(failedSeen) || (complete && (seen.size() != jc.n() || listed.size() != jc.bad.size()))) {
                    failure(rd, jc.name + ": the future lists failed items " + listed + ", the iteration reported "
                            + failedSeen + " of " + seen.size() + " items, bad inputs at " + jc.bad, e);
                    return;
                }
                rd.outcome("mapjob", "job", "items failed (bad inputs)", p.closeBegunBefore);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure(rd, jc.name + ": interrupted", e);
                throw new Stop();
            }
            int s = rd.settledCancel(p);
            Object want = jc.longWant != null ? jc.longWant : jc.doubleWant;
            String diff = same(want, v);
            if (s == 2 || s == 4 || !jc.bad.isEmpty() || seen.size() != jc.n() || diff != null
                    || !Arrays.deepEquals(p.w, new Object[] {jc.longIn != null ? jc.longIn : jc.doubleIn})) {
                failure(rd, jc.name + ": completed normally but cancel state " + s + ", " + seen.size() + " of " + jc.n()
                        + " items reported, bad inputs " + jc.bad + ", result " + diff, null);
                return;
            }
            rd.outcome("mapjob", "job", s == 3 ? "ok (cancel came too late)" : "ok", p.closeBegunBefore);
        }

        /** One item of a MapJob: in range, reported once, the right value or a failure of a bad input alone. */
        private String item(JobCase jc, Object item, Set<Integer> seen, Set<Long> failedSeen) {
            int index;
            RuntimeException f;
            boolean right;
            if (item instanceof LongResult r) {
                index = r.index();
                f = r.failure();
                right = index >= 0 && index < jc.n() && r.value() == jc.longWant[index];
            } else {
                DoubleResult r = (DoubleResult) item;
                index = r.index();
                f = r.failure();
                right = index >= 0 && index < jc.n()
                        && Double.doubleToLongBits(r.value()) == Double.doubleToLongBits(jc.doubleWant[index]);
            }
            if (index < 0 || index >= jc.n() || !seen.add(index)) {
                return "item " + index + " is out of range or reported twice";
            }
            if (f != null) {
                failedSeen.add((long) index);
                if (!jc.bad.contains(index) || !(f instanceof ItemFailureException ife)
                        || !Arrays.equals(ife.failedIndices(), new long[] {index})) {
                    return "item " + index + " failed: " + f;
                }
                return null;
            }
            return right ? null : "item " + index + " has the wrong value: " + item;
        }
    }

    /**
     * A synchronous call made by a dependent stage (on a delivery thread, or on the caller's if the future was
     * done): checked like any call; null if its outcome was a documented one.
     */
    private String continuation(Round rd, Case c) {
        Object[] w = copies(c.in);
        boolean before = rd.closeBegun;
        try {
            Object v = c.body.run(rd.pool, w);
            if (c.error != null) {
                return c.name + " returned instead of throwing " + c.error.getSimpleName();
            }
            String bad = rd.mismatch(c, snap(v, w));
            if (bad != null) {
                return c.name + " " + bad;
            }
            rd.outcome(c.family, "in a stage", "ok", before);
        } catch (CancellationException e) {
            if (!rd.shutdownNowBegun) {
                return c.name + ": CancellationException without shutdownNow\n" + stack(e);
            }
            rd.outcome(c.family, "in a stage", "cancelled by shutdownNow", before);
        } catch (IllegalStateException e) {
            if (!rd.closeBegun || !CLOSED.equals(e.getMessage())) {
                return c.name + ": IllegalStateException\n" + stack(e);
            }
            rd.outcome(c.family, "in a stage", "refused (closed)", before);
        } catch (RuntimeException | Error e) {
            if (c.error == null || !c.error.isInstance(e) || !Objects.equals(c.errorMessage, e.getMessage())) {
                return c.name + ": undocumented exception\n" + stack(e);
            }
            rd.outcome(c.family, "in a stage", "rejected (bad argument)", before);
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Chaos: resizes, cancels, stats, then close or shutdownNow while the callers call

    private void chaos(Round rd, Actor me) {
        SplittableRandom rnd = rd.rnd.split();
        long meanPauseMillis = Math.max(3, TimeUnit.NANOSECONDS.toMillis(rd.endAt - rd.startAt) / 40);
        try {
            while (!failed && System.nanoTime() < rd.endAt) {
                sleep(rnd.nextLong(1, 2 * meanPauseMillis));
                int what = rnd.nextInt(10);
                if (what < 3) {
                    int n = rnd.nextInt(1, 5);
                    me.begin("resize(" + n + ")");
                    rd.pool.resize(n);
                    PoolStats s = rd.pool.stats();
                    me.end();
                    rd.resizes.increment();
                    count(rd.backend, "resize", 1);
                    if (rd.pool.threads() != n || s.threads() != n || s.workers().size() != n) {
                        failure(rd, "after resize(" + n + "): threads() " + rd.pool.threads() + ", " + s, null);
                    }
                } else if (what < 8) {
                    Object[] all = rd.outstanding.toArray();
                    for (int i = rnd.nextInt(1, 4); i > 0 && all.length > 0; i--) {
                        Pending p = (Pending) all[rnd.nextInt(all.length)];
                        me.begin("cancel " + p.name());
                        rd.cancel(p, rnd);
                        me.end();
                    }
                } else {
                    me.begin("stats()");
                    PoolStats s = rd.pool.stats();
                    me.end();
                    if (s.threads() != rd.pool.threads() || s.active() > s.threads() || s.queueDepth() < 0) {
                        failure(rd, "implausible stats " + s + " (threads() " + rd.pool.threads() + ")", null);
                    }
                    for (Object o : rd.outstanding.toArray()) {
                        Progress pr = ((Pending) o).f.progress();
                        if (pr.done() < 0 || pr.done() > pr.total()) {
                            failure(rd, ((Pending) o).name() + ": progress " + pr, null);
                        }
                    }
                }
                progress();
            }
            endRound(rd, rnd, me);
        } catch (RuntimeException | Error e) {
            failure(rd, "chaos crashed", e);
        } finally {
            me.end();
        }
    }

    private void endRound(Round rd, SplittableRandom rnd, Actor me) throws RuntimeException {
        KernelPool pool = rd.pool;
        List<Actor> helpers = new ArrayList<>();
        rd.closeBegun = true;
        if (rd.end.shutsDownNow() && rd.end != End.CLOSE_THEN_SHUTDOWN_NOW) {
            rd.shutdownNowBegun = true;
        }
        if (rnd.nextBoolean()) { // resizes and stats racing the close
            SplittableRandom hr = rnd.split();
            helpers.add(closer(rd, "resize racing close", () -> {
                try {
                    for (;;) {
                        pool.resize(hr.nextInt(1, 5));
                        pool.stats();
                        count(rd.backend, "resize racing close", 1);
                        progress();
                    }
                } catch (IllegalStateException e) {
                    if (!CLOSED.equals(e.getMessage())) {
                        failure(rd, "resize racing close", e);
                    }
                }
            }));
        }
        // A long asynchronous job, submitted last: close must wait for it, shutdownNow must cancel it.
        me.begin("submitting the sentinel job");
        KernelFuture<long[]> sentinel = pool.submit(LongKernels.FIB, SENTINEL);
        Progress before = null;
        switch (rd.end) {
            case CLOSE -> {
                helpers.forEach(a -> a.thread.start());
                me.begin("close()");
                pool.close();
            }
            case SHUTDOWN_NOW -> {
                helpers.forEach(a -> a.thread.start());
                me.begin("shutdownNow()");
                before = sentinel.progress();
                rd.jobsCancelled = pool.shutdownNow();
            }
            case CLOSE_THEN_SHUTDOWN_NOW -> {
                Actor closer = closer(rd, "close() before shutdownNow()", pool::close);
                helpers.add(closer);
                helpers.forEach(a -> a.thread.start());
                if (rnd.nextBoolean()) {
                    sleep(rnd.nextLong(0, 5)); // close() may still be waiting for synchronous calls
                } else { // close() waits for the asynchronous jobs only: no call is running any more
                    me.begin("waiting for close() to wait for the asynchronous jobs");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!(pool.runningCalls() == 0 && inClose(closer.thread)) && System.nanoTime() < deadline
                            && !sentinel.isDone()) {
                        Thread.onSpinWait();
                    }
                    sleep(1);
                }
                rd.shutdownNowBegun = true;
                me.begin("shutdownNow() while close() waits");
                before = sentinel.progress();
                rd.jobsCancelled = pool.shutdownNow();
            }
            case TWO_CLOSES -> {
                helpers.add(closer(rd, "the second close()", pool::close));
                helpers.forEach(a -> a.thread.start());
                me.begin("close() with another close()");
                pool.close();
            }
            case TWO_SHUTDOWN_NOWS -> {
                int[] other = new int[1];
                helpers.add(closer(rd, "the second shutdownNow()", () -> other[0] = pool.shutdownNow()));
                before = sentinel.progress();
                helpers.forEach(a -> a.thread.start());
                me.begin("shutdownNow() with another shutdownNow()");
                int mine = pool.shutdownNow();
                joinAll(rd, helpers);
                rd.jobsCancelled = mine + other[0];
            }
        }
        me.end();
        progress();
        checkSentinel(rd, sentinel, before);
        // Every future close waited for is done (those completed on an executor may still be on their way).
        for (Object o : rd.outstanding.toArray()) {
            Pending p = (Pending) o;
            if (!p.viaExecutor && !p.f.isDone()) {
                futureNotDoneAfterClose(rd, p.name(), p.f);
            }
        }
        joinAll(rd, helpers);
        count(rd.backend, "end " + rd.end, 1);
        count(rd.backend, "jobs cancelled by shutdownNow", rd.jobsCancelled);
        // The closed pool refuses everything and answers the rest.
        me.begin("checking the closed pool");
        for (Runnable r : List.<Runnable>of(pool::stats, () -> pool.resize(2), () -> pool.vectors().sum(new double[1]),
                () -> pool.submit(LongKernels.FIB, new long[] {3}), () -> pool.start(LongKernels.FIB, new long[] {3},
                        OnItemFailure.CONTINUE))) {
            try {
                r.run();
                failure(rd, "a closed pool accepted a call", null);
            } catch (IllegalStateException e) {
                if (!CLOSED.equals(e.getMessage())) {
                    failure(rd, "a closed pool refused with an undocumented message", e);
                }
            }
        }
        pool.close();
        if (pool.shutdownNow() != 0 || pool.threads() < 1 || !pool.toString().startsWith("KernelPool[" + rd.backend)) {
            failure(rd, "the closed pool: shutdownNow again cancelled something, or threads() or toString() broke: " + pool, null);
        }
        me.end();
    }

    /**
     * After close: the sentinel job ran to its end with the right values. After shutdownNow: if less than half
     * of it had run when shutdownNow began, work was left to hand out, so it was cancelled.
     */
    private void checkSentinel(Round rd, KernelFuture<long[]> sentinel, Progress before) {
        if (!sentinel.isDone() && !futureNotDoneAfterClose(rd, "the sentinel job", sentinel)) {
            return;
        }
        boolean cancelled = sentinel.isCancelled();
        if (!cancelled) {
            long[] got = sentinel.join();
            if (got.length != SENTINEL.length || Arrays.stream(got).anyMatch(v -> v != SENTINEL_FIB)) {
                failure(rd, "the sentinel job completed with wrong values", null);
                return;
            }
        }
        if (!rd.end.shutsDownNow()) {
            if (cancelled) {
                failure(rd, rd.end + " (no shutdownNow) cancelled the sentinel job", null);
            }
            count(rd.backend, "sentinel waited for by close", 1);
            return;
        }
        if (before.done() * 2 >= before.total()) {
            return; // it may have had no work left to hand out by then
        }
        if (cancelled) {
            count(rd.backend, "sentinel cancelled by shutdownNow", 1);
            return;
        }
        String what = rd.end + ": shutdownNow() returned " + rd.jobsCancelled + " and did not cancel the sentinel job,"
                + " which had done " + before + " when it began; the job ran to its end";
        failure(rd, what, null);
    }

    /**
     * A future close (or shutdownNow) waited for was not done when it returned; true if it completes within 10 s
     * (the caller's own wait then checks its outcome).
     */
    private boolean futureNotDoneAfterClose(Round rd, String what, KernelFuture<?> f) {
        String msg = rd.end + " returned before the future of " + what + " completed: " + f;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!f.isDone() && System.nanoTime() < deadline) {
            Thread.yield();
        }
        failure(rd, msg + (f.isDone() ? "" : ", nor in the 10 s after"), null);
        return false;
    }

    /** The thread is inside KernelPool.close() (in any state: the engine's close may wait in native code). */
    static boolean inClose(Thread t) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().equals(KernelPool.class.getName())
                && f.getMethodName().equals("close"));
    }

    private Actor closer(Round rd, String what, Runnable action) {
        Actor[] self = new Actor[1];
        self[0] = rd.actor(() -> {
            self[0].begin(what);
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                failure(rd, what, e);
            } finally {
                self[0].end();
            }
        }, "soak-r" + rd.index + "-closer");
        return self[0];
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop();
        }
    }

    /** Joins the threads, failing with a thread dump (through the watchdog's report) if the round overruns. */
    private void joinAll(Round rd, List<Actor> actors) {
        for (Actor a : actors) {
            while (a.thread.isAlive()) {
                if (hang != null) {
                    throw new Stop();
                }
                long left = rd.endAt + OVERRUN_NANOS + TimeUnit.SECONDS.toNanos(10) - System.nanoTime();
                if (left <= 0) {
                    hang(rd, "thread " + a.thread.getName() + " did not end by the round's deadline");
                    throw new Stop();
                }
                try {
                    a.thread.join(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stop();
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hang detection

    private synchronized void hang(Round rd, String what) {
        if (hang != null) {
            return;
        }
        String dump = threadDump();
        hang = "[soak] HANG (seed " + seed + ", round " + (rd == null ? "?" : rd.index + ", " + rd.describe) + "): "
                + what + "\n" + dump;
        System.out.println(hang);
        failures.add(hang);
        failed = true;
    }

    private void watchdog() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            Round rd = current;
            if (rd == null || hang != null) {
                continue;
            }
            long now = System.nanoTime();
            for (Actor a : rd.actors) {
                long since = a.since;
                if (since != 0 && now - since > HANG_NANOS) {
                    hang(rd, a.thread.getName() + " has been in " + a.doing + " for " + (now - since) / 1_000_000 + " ms");
                }
            }
            if (now - lastProgress > HANG_NANOS) {
                hang(rd, "nothing completed for " + (now - lastProgress) / 1_000_000 + " ms");
            } else if (now > rd.endAt + OVERRUN_NANOS) {
                hang(rd, "the round is " + (now - rd.endAt) / 1_000_000 + " ms past its planned end");
            }
        }
    }

    /** Every Java thread's name, state and stack, then the process's native threads (name, state, wait channel). */
    static String threadDump() {
        StringBuilder sb = new StringBuilder("---- thread dump ----\n");
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        all.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().getName())).forEach(e -> {
            Thread t = e.getKey();
            sb.append('"').append(t.getName()).append("\" ").append(t.isDaemon() ? "daemon " : "").append(t.getState())
                    .append('\n');
            for (StackTraceElement f : e.getValue()) {
                sb.append("    at ").append(f).append('\n');
            }
            sb.append('\n');
        });
        sb.append("---- native threads (/proc/self/task: name, state, wchan) ----\n");
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks.sorted()::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
                    String wchan = Files.exists(task.resolve("wchan")) ? Files.readString(task.resolve("wchan")).trim() : "?";
                    sb.append(task.getFileName()).append(' ').append(comm).append(' ').append(state).append(' ')
                            .append(wchan).append('\n');
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we listed
                }
            }
        } catch (IOException e) {
            sb.append("(cannot list: ").append(e).append(")\n");
        }
        return sb.toString();
    }

    static boolean atMost(Map<String, Integer> now, Map<String, Integer> baseline) {
        return now.entrySet().stream().allMatch(e -> e.getValue() <= baseline.get(e.getKey()));
    }

    /** The baseline: pool threads of this JVM once the ones of closed pools have ended (up to 5 s). */
    static Map<String, Integer> settledPoolThreads() {
        Map<String, Integer> last = poolThreads();
        for (int i = 0; i < 50; i++) {
            sleep(100);
            Map<String, Integer> now = poolThreads();
            if (now.equals(last) && now.values().stream().allMatch(v -> v == 0)) {
                break;
            }
            last = now;
        }
        return last;
    }

    static Map<String, Integer> poolThreads() {
        Map<String, Integer> n = new TreeMap<>();
        for (String prefix : THREAD_PREFIXES) {
            n.put(prefix, 0);
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm"));
                    for (String prefix : THREAD_PREFIXES) {
                        if (comm.startsWith(prefix)) {
                            n.merge(prefix, 1, Integer::sum);
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended while we listed
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The test

    static long seedSetting() {
        String s = System.getProperty("jkernels.soak.seed");
        return s == null || s.isBlank() ? new SplittableRandom().nextLong() : Long.decode(s.trim());
    }

    @Test
    void soak() throws Exception {
        seed = seedSetting();
        long t0 = System.nanoTime();
        System.out.println("[soak] seed " + seed + " (repeat the inputs with -Djkernels.soak.seed=" + seed + "), "
                + SECONDS + " s, " + CALLERS + " callers per pool, hang after " + HANG_NANOS / 1_000_000_000 + " s; "
                + KernelPool.nativeStatus());
        makeCases(seed);
        computeReferences();
        int total = cases.values().stream().mapToInt(List::size).sum();
        System.out.printf("[soak] %d inputs (%s) and %d MapJobs, references checked against plain Java in %.1f s%n",
                total, cases.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size()).toList(), jobs.size(),
                (System.nanoTime() - t0) / 1e9);

        Map<String, Integer> baseline = settledPoolThreads();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "soak-executor");
            t.setDaemon(true);
            return t;
        });
        Thread dog = new Thread(this::watchdog, "soak-watchdog");
        dog.setDaemon(true);
        dog.start();
        Map<Backend, Integer> rounds = new HashMap<>();
        long soakStart = System.nanoTime(), budget = TimeUnit.SECONDS.toNanos(SECONDS);
        long baseMillis = Math.max(1000, Math.min(5000, TimeUnit.SECONDS.toMillis(SECONDS) / 30));
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eed_50a6L);
        try {
            for (int i = 0; !failed && (System.nanoTime() - soakStart < budget || i < 6); i++) {
                Backend b = BACKENDS.get(i % 3);
                int j = rounds.merge(b, 1, Integer::sum) - 1;
                End end = j == 0 ? (r.nextBoolean() ? End.CLOSE : End.SHUTDOWN_NOW)
                        : j == 1 ? (counted(b, "end " + End.CLOSE) > 0 ? End.SHUTDOWN_NOW : End.CLOSE)
                        : End.values()[r.nextInt(End.values().length)];
                round(i, b, end, (long) (baseMillis * r.nextDouble(0.5, 1.5)), r.split(), baseline);
            }
        } finally {
            current = null;
            dog.interrupt();
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS); // nothing of the soak runs on into the next test
        }
        if (hang != null) {
            throw new AssertionError(hang);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " failures; the first:\n" + String.join("\n", failures.stream().limit(3).toList()));
        }
        summary(rounds, (System.nanoTime() - t0) / 1e9, (System.nanoTime() - soakStart) / 1e9);
        minimums(rounds);
    }

    private void round(int index, Backend b, End end, long millis, SplittableRandom r, Map<String, Integer> baseline) {
        KernelPool.Builder builder = KernelPool.builder().backend(b).threads(r.nextInt(1, 4));
        int spin = new int[] {-1, 0, 20, 1000}[r.nextInt(4)];
        if (spin >= 0) {
            builder.spinMicros(spin);
        }
        List<Isa> isas = PoolConfigs.supportedIsas();
        if (b != Backend.JAVA && r.nextBoolean()) {
            builder.isa(isas.get(r.nextInt(isas.size())));
        }
        KernelPool pool = builder.build();
        String describe = pool + (spin >= 0 ? " spin " + spin + " us" : "") + ", ending with " + end;
        Round rd = new Round(index, b, pool, end, millis, r, describe);
        List<Actor> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            Caller caller = new Caller(rd, r.split());
            caller.actor = rd.actor(caller, "soak-r" + index + "-" + b + "-caller-" + c);
            callers.add(caller.actor);
        }
        Actor[] chaosActor = new Actor[1];
        chaosActor[0] = rd.actor(() -> chaos(rd, chaosActor[0]), "soak-r" + index + "-" + b + "-chaos");
        progress();
        current = rd;
        callers.forEach(a -> a.thread.start());
        chaosActor[0].thread.start();
        try {
            joinAll(rd, List.of(chaosActor[0]));
            joinAll(rd, callers);
        } catch (Stop stop) {
            return; // a hang: reported with its dump
        } finally {
            current = null;
        }
        if (failed) {
            return;
        }
        if (!rd.outstanding.isEmpty()) {
            failure(rd, rd.outstanding.size() + " futures were never waited for", null);
        }
        // No worker or delivery thread outlives close (a joined Java thread may take a moment to end in the OS).
        Map<String, Integer> now = poolThreads();
        for (int wait = 0; wait < 200 && !atMost(now, baseline); wait++) {
            sleep(50);
            now = poolThreads();
        }
        if (!atMost(now, baseline)) {
            failure(rd, "threads left after the pool closed: " + now + ", before it: " + baseline, null);
        }
        System.out.printf("[soak] round %d %s: %.1f s, %d calls (%d raced the end, %d refused), %d resizes, %d of %d cancels"
                + " took effect%s%n", index, describe, (System.nanoTime() - rd.startAt) / 1e9, rd.calls.sum(),
                rd.raced.sum(), rd.refused.sum(), rd.resizes.sum(), rd.cancelsTookEffect.sum(), rd.cancels.sum(),
                end.shutsDownNow() ? ", " + rd.jobsCancelled + " jobs cancelled by shutdownNow" : "");
    }

    private void summary(Map<Backend, Integer> rounds, double wall, double soak) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("[soak] SUMMARY seed %d: %d rounds in %.1f s of soak (%.1f s with the references)%n", seed,
                rounds.values().stream().mapToInt(Integer::intValue).sum(), soak, wall));
        for (Backend b : BACKENDS) {
            long all = counts.entrySet().stream().filter(e -> e.getKey().startsWith(b + "|") && e.getKey().split("\\|").length == 4)
                    .mapToLong(e -> e.getValue().sum()).sum();
            sb.append(String.format("[soak] %s: %d rounds, %d calls%n", b, rounds.getOrDefault(b, 0), all));
            for (String family : FAMILIES) {
                sb.append(String.format("[soak]   %-8s", family));
                for (String mode : List.of("sync", "async", "job", "in a stage")) {
                    String prefix = b + "|" + family + "|" + mode + "|";
                    Map<String, Long> outcomes = new TreeMap<>();
                    counts.forEach((k, v) -> {
                        if (k.startsWith(prefix)) {
                            outcomes.put(k.substring(prefix.length()), v.sum());
                        }
                    });
                    if (!outcomes.isEmpty()) {
                        sb.append(" | ").append(mode).append(": ").append(outcomes.toString().replaceAll("[{}]", ""));
                    }
                }
                sb.append('\n');
            }
            sb.append("[soak]   lifecycle:");
            for (String e : List.of("resize", "resize racing close", "cancel attempted", "cancel took effect",
                    "completeExceptionally attempted", "completeExceptionally took effect",
                    "end CLOSE", "end SHUTDOWN_NOW", "end CLOSE_THEN_SHUTDOWN_NOW", "end TWO_CLOSES", "end TWO_SHUTDOWN_NOWS",
                    "jobs cancelled by shutdownNow", "raced close", "raced shutdownNow", "sentinel waited for by close",
                    "sentinel cancelled by shutdownNow")) {
                sb.append(' ').append(e).append(' ').append(counted(b, e)).append(',');
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        System.out.print(sb);
    }

    private long outcomes(Backend b, String family, String mode, String outcome) {
        return counted(b, family + "|" + mode + "|" + outcome);
    }

    private void minimums(Map<Backend, Integer> rounds) {
        List<String> missing = new ArrayList<>();
        long syncCancelled = 0, asyncCancelled = 0;
        for (Backend b : BACKENDS) {
            if (rounds.getOrDefault(b, 0) < 2) {
                missing.add(b + ": fewer than 2 rounds");
            }
            for (String family : FAMILIES) {
                if (family.equals("mapjob")) {
                    if (outcomes(b, family, "job", "ok") == 0) {
                        missing.add(b + " mapjob: no job completed and checked");
                    }
                    continue;
                }
                for (String mode : List.of("sync", "async")) {
                    if (outcomes(b, family, mode, "ok") == 0) {
                        missing.add(b + " " + family + " " + mode + ": no call completed and checked");
                    }
                    syncCancelled += mode.equals("sync") ? outcomes(b, family, mode, "cancelled by shutdownNow") : 0;
                    asyncCancelled += mode.equals("async") ? outcomes(b, family, mode, "cancelled by shutdownNow") : 0;
                }
            }
            for (String e : List.of("resize", "cancel took effect", "completeExceptionally took effect", "raced close",
                    "raced shutdownNow", "sentinel waited for by close", "sentinel cancelled by shutdownNow")) {
                if (counted(b, e) == 0) {
                    missing.add(b + ": no " + e);
                }
            }
            if (counted(b, "end CLOSE") + counted(b, "end TWO_CLOSES") == 0) {
                missing.add(b + ": no round ended with close()");
            }
            if (Arrays.stream(End.values()).filter(End::shutsDownNow).mapToLong(e -> counted(b, "end " + e)).sum() == 0) {
                missing.add(b + ": no round ended with shutdownNow()");
            }
            if (FAMILIES.stream().mapToLong(f -> outcomes(b, f, "in a stage", "ok")).sum() == 0) {
                missing.add(b + ": no call from a dependent stage completed and checked");
            }
            long refused = FAMILIES.stream().mapToLong(f -> outcomes(b, f, "sync", "refused (closed)")
                    + outcomes(b, f, "async", "refused (closed)") + outcomes(b, f, "job", "refused (closed)")).sum();
            if (refused == 0) {
                missing.add(b + ": no call was refused by a closed pool");
            }
        }
        if (syncCancelled == 0) {
            missing.add("no synchronous call was cancelled by shutdownNow");
        }
        if (asyncCancelled == 0) {
            missing.add("no future was cancelled by shutdownNow");
        }
        assertTrue(missing.isEmpty(), "the soak did not exercise: " + missing + " (seed " + seed + ")");
    }
}
