// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.bench.AsyncBench;
import dev.jkernels.bench.CancelBench;
import dev.jkernels.bench.Catalog;
import dev.jkernels.bench.ColdCallBench;
import dev.jkernels.bench.CrossingBench;
import dev.jkernels.bench.FfmCrossingBench;
import dev.jkernels.bench.GemmShapesBench;
import dev.jkernels.bench.MathFunctionsBench;
import dev.jkernels.bench.SortBench;
import dev.jkernels.bench.Impl;
import dev.jkernels.bench.SizeSweepBench;
import dev.jkernels.bench.ThreadScalingBench;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * What {@code full} runs, section by section, with which settings, and what that costs: the one place the
 * suite's shape and its time budget are decided. {@code full --dry-run} prints it; the tests check the
 * budget.
 *
 * <p>Settings of the kernel tables: 3 forks per point (the spread between forks is what the tables show),
 * 5 x 1 s warm-up, 5 x 200 ms measurement. The fine size sweep uses 5 x 100 ms for both (its 92 points are
 * cheap calls; the report checks every fork's steady state). EJML and ojAlgo run at the in-cache size only
 * ({@link Impl#IN_CACHE_ONLY}). Budget: at most 145 minutes per JDK on 2 vCPUs (each JDK's run is a session's work of its own, and leaves 35 minutes of it for the rest; raised from 130 for GEMM and GEMV: the next kernel family needs the suite cut or split instead). The cost model: per fork, {@value #FORK_SECONDS} s of JVM
 * start, JMH setup and input building (measured on the 2-vCPU machine), plus each iteration's time, plus half
 * a call where one call is long (an iteration ends at the first call boundary after its time is up).
 */
final class Plan {
    static final double FORK_SECONDS = 0.6;

    /** Forks, then warm-up and measurement iterations and their lengths; {@code warmups < 0}: the annotations'. */
    record Settings(int forks, int warmups, int warmupMillis, int iterations, int iterationMillis) {
        static final Settings MAIN = new Settings(3, 5, 1000, 5, 200);
        static final Settings SWEEP = new Settings(3, 5, 100, 5, 100);
        /** Single-shot benchmarks (cancel): forks only; iterations from the class. */
        static final Settings SINGLE_SHOT = new Settings(3, -1, 0, -1, 0);
        static final Settings QUICK = new Settings(1, 2, 100, 3, 100);
        static final Settings CALIBRATE = new Settings(2, 3, 100, 3, 100);
        static final Settings SMOKE = new Settings(1, 0, 10, 1, 10);

        boolean fromAnnotations() {
            return warmups < 0;
        }

        String describe() {
            return fromAnnotations() ? forks + " forks, iterations as annotated"
                    : String.format(Locale.ROOT, "%d fork(s), %d x %d ms warm-up, %d x %d ms measurement", forks, warmups,
                            warmupMillis, iterations, iterationMillis);
        }
    }

    /**
     * One JMH run: a class (its benchmark methods), parameter values (each a list; the points are their
     * cross product), settings, and the longest single call in seconds (for the estimate).
     */
    record Section(String name, Class<?> benchClass, Map<String, List<String>> params, Settings settings,
                   double longestCallSeconds) {
        String include() {
            return Catalog.includeOf(benchClass);
        }

        int methods() {
            return (int) Arrays.stream(benchClass.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).count();
        }

        int points() {
            int points = methods();
            for (List<String> values : params.values()) {
                points *= values.size();
            }
            return points;
        }

        double estimateSeconds() {
            double perFork;
            if (settings.fromAnnotations()) {
                perFork = FORK_SECONDS + 35 * 0.02; // CancelBench: 35 single shots of a few ms, plus their setups
            } else {
                double call = longestCallSeconds;
                double warm = settings.warmups() * Math.max(settings.warmupMillis() / 1000.0 + call / 2, call);
                double measure = settings.iterations() * Math.max(settings.iterationMillis() / 1000.0 + call / 2, call);
                perFork = FORK_SECONDS + warm + measure;
            }
            return points() * settings.forks() * perFork;
        }
    }

    /** The sections, and the classes left out with the reason. */
    record Suite(List<Section> sections, Map<String, String> skipped, double streamSeconds) {
        double estimateSeconds() {
            return sections.stream().mapToDouble(Section::estimateSeconds).sum() + streamSeconds;
        }

        int points() {
            return sections.stream().mapToInt(Section::points).sum();
        }

        Suite only(Pattern pattern) {
            return new Suite(sections.stream().filter(s -> pattern.matcher(s.name()).find()).toList(), skipped, streamSeconds);
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            for (Section section : sections) {
                s.append(String.format(Locale.ROOT, "  %-18s %4d points  %-58s ~%5.0f s%n", section.name(), section.points(),
                        section.settings().describe(), section.estimateSeconds()));
            }
            s.append(String.format(Locale.ROOT, "  %-18s %4s         %-58s ~%5.0f s%n", "stream", "", "1 and N threads, 4k and 2m pages, 3 runs each", streamSeconds));
            skipped.forEach((cls, why) -> s.append("  skipped ").append(cls).append(": ").append(why).append('\n'));
            s.append(String.format(Locale.ROOT, "  total %d points, about %.0f min%n", points(), estimateSeconds() / 60));
            return s.toString();
        }
    }

    private Plan() {}

    /**
     * The thread counts the sweep runs beyond the kernel tables' 1 and N: 2 .. N-1, and 2N (oversubscribed).
     * With N = 2 that is just 4.
     */
    static List<String> extraThreadCounts(int n) {
        List<String> counts = new ArrayList<>();
        for (int t = 2; t < n; t++) {
            counts.add(Integer.toString(t));
        }
        counts.add(Integer.toString(Math.max(2, 2 * n)));
        return counts;
    }

    /** The implementations whose threads the sweep varies. */
    static final List<String> SCALED = List.of(Impl.NATIVE_N, Impl.JAVA_N, Impl.OPENBLAS_N);

    static Suite full(int n, int jdkFeature, List<Catalog.Kernel> kernels) {
        return build(n, jdkFeature, kernels, false);
    }

    /** Every class and every implementation once, at one small size, one short iteration: proves the path. */
    static Suite smoke(int n, int jdkFeature, List<Catalog.Kernel> kernels) {
        return build(n, jdkFeature, kernels, true);
    }

    private static Suite build(int n, int jdkFeature, List<Catalog.Kernel> kernels, boolean smoke) {
        List<Section> sections = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Settings main = smoke ? Settings.SMOKE : Settings.MAIN;
        for (Catalog.Kernel k : kernels) {
            List<String> sizes = smoke ? List.of(k.info().quickSizes()[0]) : List.of(k.info().fullSizes());
            List<String> everywhere = smoke ? k.impls()
                    : k.impls().stream().filter(i -> !Impl.IN_CACHE_ONLY.contains(i)).toList();
            List<String> inCacheOnly = smoke ? List.of()
                    : k.impls().stream().filter(Impl.IN_CACHE_ONLY::contains).toList();
            sections.add(new Section("kernel:" + k.op(), k.benchClass(),
                    params("impl", everywhere, k.info().sizeParam(), sizes), main, longestCall(k.op())));
            if (!inCacheOnly.isEmpty()) {
                sections.add(new Section("kernel:" + k.op() + ":in-cache", k.benchClass(),
                        params("impl", inCacheOnly, k.info().sizeParam(), sizes.subList(0, 1)), main, longestCall(k.op())));
            }
        }
        sections.add(new Section("crossing", CrossingBench.class, Map.of(), main, 0));
        if (jdkFeature >= FfmCrossingBench.FIRST_JDK) {
            sections.add(new Section("ffm", FfmCrossingBench.class, Map.of(), main, 0));
        } else {
            skipped.put(FfmCrossingBench.class.getSimpleName(), "needs JDK " + FfmCrossingBench.FIRST_JDK
                    + "+ (java.lang.foreign); this is JDK " + jdkFeature);
        }
        sections.add(new Section("async", AsyncBench.class, defaults(AsyncBench.class), main, 0));
        sections.add(new Section("cancel", CancelBench.class, defaults(CancelBench.class),
                smoke ? Settings.SMOKE : Settings.SINGLE_SHOT, 0));
        Map<String, List<String>> cold = defaults(ColdCallBench.class);
        if (smoke) {
            cold.put("impl", List.of(Impl.NATIVE_N));
        }
        sections.add(new Section("cold", ColdCallBench.class, cold, main, 0));
        // GEMM's other shapes: the skinny one where B is read in place, floats; the rest of the class's grid
        // (small sizes, AUTO, every shape) is for plain JMH runs of GemmShapesBench.
        sections.add(new Section("gemm-shapes", GemmShapesBench.class, smoke
                ? params("impl", List.of(Impl.AUTO_N), "shape", List.of("4x4x4"), "type", List.of("double"))
                : params("impl", List.of(Impl.NATIVE_N, Impl.OPENBLAS_N), "shape", List.of("64x2048x2048"), "type",
                        List.of("float")), main, 0.02));
        // Sorting, outside the kernel tables (the budget): 1 Mi random doubles, the JDK's sort against the native
        // one on N threads; the rest of SortBench's grid (types, sizes, patterns, argsort) is for plain JMH runs.
        sections.add(new Section("sort", SortBench.class, smoke
                ? params("impl", List.of(Impl.NATIVE_N), "op", List.of("sort"), "type", List.of("double"), "size",
                        List.of("1024"), "pattern", List.of("random"))
                : params("impl", List.of(Impl.ARRAYS_SORT, Impl.NATIVE_N), "op", List.of("sort", "argsort"), "type",
                        List.of("double"), "size", List.of("1048576"), "pattern", List.of("random")), main, 0.1));
        // expm1, log1p, tanh, sigmoid, sin and cos, outside the kernel tables too: one function (tanh of 1 Mi doubles),
        // the Math loop against native on N threads; the rest of MathFunctionsBench's grid is for plain JMH runs.
        sections.add(new Section("math-functions", MathFunctionsBench.class, smoke
                ? params("impl", List.of(Impl.NATIVE_N), "fn", List.of("sin"), "type", List.of("float"), "size",
                        List.of("1048576"))
                : params("impl", List.of(Impl.LOOP, Impl.NATIVE_N), "fn", List.of("tanh"), "type", List.of("double"),
                        "size", List.of("1048576")), main, 0.02));
        for (Catalog.Kernel k : kernels) {
            List<String> scaled = SCALED.stream().filter(k.impls()::contains).toList();
            if (scaled.isEmpty() || k.info().restoresInput() || (smoke && !k.op().equals("sum"))) {
                continue;
            }
            sections.add(new Section("threads:" + k.op(), ThreadScalingBench.class,
                    params("op", List.of(k.op()), "impl", scaled, "threads", extraThreadCounts(n)), main, longestCall(k.op())));
        }
        Map<String, List<String>> sweep = defaults(SizeSweepBench.class);
        if (smoke) {
            sweep.put("size", List.of("16"));
        }
        sections.add(new Section("sizes", SizeSweepBench.class, sweep, smoke ? Settings.SMOKE : Settings.SWEEP, 0.05));
        return new Suite(sections, skipped, smoke ? 4 : 40);
    }

    /** Seconds of the longest single call of an op's full sizes, for the estimate (measured on 2 vCPUs). */
    static double longestCall(String op) {
        return switch (op) {
            case "fib" -> 0.19;         // LOOP at n = 38
            case "mandelbrot" -> 0.21;  // LOOP at 1024 x 1024
            case "gemm" -> 0.43;        // EJML at n = 1024
            default -> 0.015;           // 16 Mi elements, one thread
        };
    }

    static Map<String, List<String>> params(Object... keysAndValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) keysAndValues[i + 1];
            params.put((String) keysAndValues[i], values);
        }
        return params;
    }

    /** Every {@code @Param} of the class with its annotated values, so a section's point count is exact. */
    static Map<String, List<String>> defaults(Class<?> benchClass) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Field f : benchClass.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null) {
                params.put(f.getName(), new ArrayList<>(List.of(p.value())));
            }
        }
        return params;
    }

    /** For the tests: the benchmark methods of a class. */
    static List<String> methodNames(Class<?> benchClass) {
        return Arrays.stream(benchClass.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName).sorted().toList();
    }
}
