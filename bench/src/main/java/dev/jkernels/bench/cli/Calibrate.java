// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.bench.Catalog;
import dev.jkernels.bench.ForkFlags;
import dev.jkernels.bench.PoolConfig;
import dev.jkernels.bench.report.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@code calibrate [--out FILE.properties] [--smoke]}: measures, per operation, the three routes AUTO takes
 * against each other over a geometric sweep of sizes, by AUTO pools pinned to one route ({@link PoolConfig}):
 * the Java twin on the calling thread, the native kernel on the calling thread, and the native pool of N
 * threads. Then {@code <op>.native} is where native-inline overtakes twin-inline and {@code <op>.parallel}
 * where the pool overtakes the faster of the two, by the rule in {@link Crossover}. Writes (default)
 * {@code bench/results/thresholds-jdk<feature>.properties} for the running JDK: thresholds differ per JDK
 * (C2's code for the twin differs), and the library picks the file of the JDK it runs on.
 *
 * <p>Each point: 2 forks, 3 x 100 ms warm-up and measurement, median of the fork medians: a threshold is a
 * coarse choice (near a crossover both routes cost about the same, and the 10% margin absorbs the rest), so
 * calibrate spends minutes, not the full suite's hour. AUTO is then evaluated by {@code full}, a separate
 * run, against the fixed backends.
 *
 * <p>Values are sizes in elements; for fib, recursive calls per batch ({@code FibBench.BatchCalls}).
 * {@value #NEVER} means the route never paid in the measured range. The file's comments keep every
 * measured median, so a surprising threshold can be checked against its data.
 */
final class Calibrate {
    static final long NEVER = Long.MAX_VALUE;
    static final String JAVA_INLINE = PoolConfig.AUTO_JAVA_INLINE.name();
    static final String NATIVE_INLINE = PoolConfig.AUTO_NATIVE_INLINE.name();
    static final String POOL = PoolConfig.AUTO_POOL.name();

    private Calibrate() {}

    record Args(Path out, boolean smoke) {}

    /** Unknown flags are errors, never taken for a file name. A bare {@code FILE.properties} is still accepted. */
    static Args parse(String[] args, Path defaultOut) {
        Path out = null;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.equals("--out")) {
                out = setOnce(out, Path.of(FullRun.value(args, ++i, "--out")));
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("calibrate: unknown option '" + arg
                        + "'; usage: calibrate [--out FILE.properties] [--smoke]");
            } else if (arg.endsWith(".properties")) {
                out = setOnce(out, Path.of(arg));
            } else {
                throw new IllegalArgumentException("calibrate: '" + arg + "' is neither an option nor a .properties file");
            }
        }
        return new Args(out != null ? out : defaultOut, smoke);
    }

    private static Path setOnce(Path current, Path next) {
        if (current != null) {
            throw new IllegalArgumentException("calibrate: more than one output file (" + current + ", " + next + ")");
        }
        return next;
    }

    static void main(String[] argv) throws IOException {
        Args args = parse(argv, JarLocation.resultsDir().resolve("thresholds-jdk" + Runtime.version().feature() + ".properties"));
        Plan.Settings settings = args.smoke() ? Plan.Settings.SMOKE : Plan.Settings.CALIBRATE;
        Map<String, String> env = EnvProbe.inFork();
        if (!Boolean.parseBoolean(env.get("native.loaded"))) {
            throw new IllegalStateException("calibrate needs the native library: " + env.get("native.status"));
        }
        boolean multiCore = Integer.parseInt(env.get("cpu.available")) > 1;
        List<String> routes = multiCore ? List.of(JAVA_INLINE, NATIVE_INLINE, POOL) : List.of(JAVA_INLINE, NATIVE_INLINE);

        List<Catalog.Kernel> kernels = Catalog.kernels().stream().filter(k -> k.info().calibrated()).toList();
        List<Plan.Section> sections = sections(kernels, routes, args.smoke());
        System.out.printf(Locale.ROOT, "jkernels bench calibrate%s: %d points, %s, about %.0f s%n",
                args.smoke() ? " (smoke)" : "", sections.stream().mapToInt(Plan.Section::points).sum(), settings.describe(),
                sections.stream().mapToDouble(Plan.Section::estimateSeconds).sum());

        List<String> lines = new ArrayList<>(header(env, settings, args.smoke()));
        for (int i = 0; i < kernels.size(); i++) {
            Catalog.Kernel k = kernels.get(i);
            System.out.println("  measuring " + k.op() + " ...");
            Path log = Files.createTempFile("jkernels-bench-calibrate-" + k.op() + "-", ".log");
            List<JmhRun.Point> measured;
            try {
                measured = JmhRun.points(JmhRun.run(sections.get(i), ForkFlags.ALL, log.toString()), k.info().sizeParam());
            } catch (RunnerException e) {
                throw new IllegalStateException(k.op() + ": a benchmark failed; JMH's log: " + log, e);
            }
            Files.deleteIfExists(log);
            lines.addAll(section(k.op(), workMeasure(k), sweep(k, args.smoke()), measured, multiCore));
        }
        Path out = args.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("written: " + out + "   (full picks it up for this JDK; or -Djkernels.thresholds=<that path>)");
    }

    /** One section per calibrated kernel: the routes over its sweep. */
    static List<Plan.Section> sections(List<Catalog.Kernel> kernels, List<String> routes, boolean smoke) {
        Plan.Settings settings = smoke ? Plan.Settings.SMOKE : Plan.Settings.CALIBRATE;
        List<Plan.Section> sections = new ArrayList<>();
        for (Catalog.Kernel k : kernels) {
            // The sweep's largest sizes are a sixth of full's (4 Mi elements, fib n = 32).
            sections.add(new Plan.Section("calibrate:" + k.op(), k.benchClass(),
                    Plan.params("impl", routes, k.info().sizeParam(), sweep(k, smoke)), settings, Plan.longestCall(k.op()) / 6));
        }
        return sections;
    }

    private static List<String> sweep(Catalog.Kernel k, boolean smoke) {
        List<String> sizes = List.of(k.info().sweep());
        return smoke ? sizes.subList(0, Math.min(2, sizes.size())) : sizes;
    }

    private static List<String> header(Map<String, String> env, Plan.Settings settings, boolean smoke) {
        return List.of(
                "# jkernels thresholds for Backend.AUTO on JDK " + Runtime.version().feature()
                        + ", measured by: java -jar jkernels-bench.jar calibrate" + (smoke ? " --smoke" : ""),
                "# " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        + " | JDK " + env.get("jdk.version") + " (" + env.get("jdk.vendor") + ")"
                        + " | " + env.getOrDefault("cpu.model", "?") + " | " + env.get("cpu.available") + " CPUs | ISA "
                        + env.get("native.isa"),
                "# Routes, each an AUTO pool pinned by jkernels.threshold.<op>.* while it is built: JAVA_INLINE = the twin",
                "# on the calling thread, NATIVE_INLINE = the native kernel on the calling thread, POOL = the native pool.",
                "# <op>.native   = smallest size from which NATIVE_INLINE beats JAVA_INLINE by more than "
                        + Math.round(Crossover.MARGIN * 100) + "% and never loses by that much again;",
                "# <op>.parallel = the same for POOL against the faster of JAVA_INLINE and NATIVE_INLINE.",
                "# Sizes are elements; fib's are the recursive calls of a batch, summed over its items m as 2 fib(m) - 1",
                "# (seed fib: fib(0) = fib(1) = fib(2) = 1). " + NEVER + " = never paid in the measured range.",
                "# Each point: median of " + settings.describe() + " (fork medians' median)."
                        + (smoke ? " SMOKE RUN: not for use." : ""),
                "");
    }

    /** One op's lines: the measured medians as comments, then its two thresholds. */
    static List<String> section(String op, LongUnaryOperator work, List<String> sizes, List<JmhRun.Point> measured,
                                boolean multiCore) {
        long[] sizeValues = sizes.stream().mapToLong(Long::parseLong).toArray();
        long[] workValues = new long[sizeValues.length];
        double[] javaInline = new double[sizeValues.length];
        double[] nativeInline = new double[sizeValues.length];
        double[] pool = new double[sizeValues.length];
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "# %-8s %12s %12s %14s %12s", op + ":", "size", "JAVA_INLINE", "NATIVE_INLINE",
                multiCore ? "POOL" : ""));
        for (int i = 0; i < sizeValues.length; i++) {
            workValues[i] = work.applyAsLong(sizeValues[i]);
            javaInline[i] = JmhRun.median(measured, JAVA_INLINE, sizeValues[i]);
            nativeInline[i] = JmhRun.median(measured, NATIVE_INLINE, sizeValues[i]);
            pool[i] = multiCore ? JmhRun.median(measured, POOL, sizeValues[i]) : Double.NaN;
            lines.add(String.format(Locale.ROOT, "# %-8s %12d %12s %14s %12s", "", workValues[i],
                    Units.time(javaInline[i]), Units.time(nativeInline[i]), multiCore ? Units.time(pool[i]) : ""));
        }
        OptionalLong nativeAt = Crossover.threshold(workValues, javaInline, nativeInline, Crossover.MARGIN);
        // The pool must beat both inline routes: from <op>.parallel on AUTO takes it, whichever inline route
        // it would otherwise take there.
        double[] bestInline = new double[sizeValues.length];
        for (int i = 0; i < bestInline.length; i++) {
            bestInline[i] = Math.min(javaInline[i], nativeInline[i]);
        }
        OptionalLong parallelAt = multiCore
                ? Crossover.threshold(workValues, bestInline, pool, Crossover.MARGIN) : OptionalLong.empty();
        lines.add(op + ".native=" + nativeAt.orElse(NEVER));
        lines.add(op + ".parallel=" + parallelAt.orElse(NEVER));
        lines.add("");
        return lines;
    }

    private static LongUnaryOperator workMeasure(Catalog.Kernel k) {
        try {
            return k.info().work().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(k.benchClass().getName() + ": @OpInfo.work needs a public no-argument constructor", e);
        }
    }
}
