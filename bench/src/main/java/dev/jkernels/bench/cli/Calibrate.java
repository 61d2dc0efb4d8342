package dev.jkernels.bench.cli;

import dev.jkernels.bench.Impl;
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

/**
 * {@code calibrate [FILE.properties] [--smoke]}: for each operation, sweeps sizes geometrically and finds
 * where NATIVE_1 overtakes JAVA_1 ({@code <op>.native}) and where NATIVE_N overtakes the faster of the two
 * ({@code <op>.parallel}), by the rule in {@link Crossover}. Writes a properties file the library reads
 * through the {@code jkernels.thresholds} setting, and prints it.
 *
 * <p>Values are sizes in elements; for fib, recursive calls per batch ({@code FibBench.BatchCalls}).
 * {@value #NEVER} means the choice never paid in the measured range. The file's comments keep every
 * measured median, so a surprising threshold can be checked against its data.
 */
final class Calibrate {
    static final long NEVER = Long.MAX_VALUE;

    private Calibrate() {}

    static void main(String[] args) throws IOException {
        boolean smoke = List.of(args).contains("--smoke");
        Path out = JarLocation.resultsDir().resolve("thresholds-jdk" + Runtime.version().feature() + ".properties");
        for (String arg : args) {
            if (!arg.equals("--smoke")) {
                out = Path.of(arg);
            }
        }
        ShortRun.Settings settings = smoke ? ShortRun.SMOKE : ShortRun.SHORT;
        Map<String, String> env = EnvProbe.inFork();
        if (!Boolean.parseBoolean(env.get("native.loaded"))) {
            throw new IllegalStateException("calibrate needs the native library: " + env.get("native.status"));
        }
        boolean multiCore = Integer.parseInt(env.get("cpu.available")) > 1;
        List<String> impls = multiCore ? List.of(Impl.JAVA_1, Impl.NATIVE_1, Impl.NATIVE_N)
                : List.of(Impl.JAVA_1, Impl.NATIVE_1);

        List<Catalog.Kernel> kernels = Catalog.kernels();
        int points = kernels.stream().mapToInt(k -> impls.size() * sweep(k, smoke).size()).sum();
        System.out.printf(Locale.ROOT, "jkernels bench calibrate%s: %d points, about %.0f s%n",
                smoke ? " (smoke)" : "", points, settings.estimateSeconds(points));

        List<String> lines = new ArrayList<>(header(env, settings, smoke));
        for (Catalog.Kernel k : kernels) {
            System.out.println("  measuring " + k.op() + " ...");
            List<String> sizes = sweep(k, smoke);
            List<ShortRun.Point> measured = ShortRun.run(k, impls, sizes, settings);
            lines.addAll(section(k, sizes, measured, multiCore));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("written: " + out.toAbsolutePath() + "   (use with -Djkernels.thresholds=<that path>)");
    }

    private static List<String> sweep(Catalog.Kernel k, boolean smoke) {
        List<String> sizes = List.of(k.info().sweep());
        return smoke ? sizes.subList(0, Math.min(2, sizes.size())) : sizes;
    }

    private static List<String> header(Map<String, String> env, ShortRun.Settings settings, boolean smoke) {
        return List.of(
                "# jkernels thresholds, measured by: java -jar jkernels-bench.jar calibrate" + (smoke ? " --smoke" : ""),
                "# " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        + " | JDK " + env.get("jdk.version") + " (" + env.get("jdk.vendor") + ")"
                        + " | " + env.get("cpu.model") + " | " + env.get("cpu.available") + " CPUs | ISA " + env.get("native.isa"),
                "# <op>.native   = smallest size from which NATIVE_1 beats JAVA_1 by more than "
                        + Math.round(Crossover.MARGIN * 100) + "% and never loses by that much again;",
                "# <op>.parallel = the same for NATIVE_N (all CPUs) against the faster of JAVA_1 and NATIVE_1.",
                "# Sizes are elements; fib's are the recursive calls of a batch, summed over its items m as 2 fib(m) - 1",
                "# (seed fib: fib(0) = fib(1) = fib(2) = 1). " + NEVER + " = never paid in the measured range.",
                "# Each point: median of " + settings.iterations() + " x " + settings.millis() + " ms after "
                        + settings.warmups() + " warm-up iterations, one fork." + (smoke ? " SMOKE RUN: not for use." : ""),
                "");
    }

    private static List<String> section(Catalog.Kernel k, List<String> sizes, List<ShortRun.Point> measured,
                                        boolean multiCore) {
        LongUnaryOperator work = workMeasure(k);
        long[] sizeValues = sizes.stream().mapToLong(Long::parseLong).toArray();
        long[] workValues = new long[sizeValues.length];
        double[] java1 = new double[sizeValues.length];
        double[] native1 = new double[sizeValues.length];
        double[] nativeN = new double[sizeValues.length];
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "# %-8s %12s %12s %12s %12s", k.op() + ":", "size", "JAVA_1", "NATIVE_1",
                multiCore ? "NATIVE_N" : ""));
        for (int i = 0; i < sizeValues.length; i++) {
            workValues[i] = work.applyAsLong(sizeValues[i]);
            java1[i] = ShortRun.median(measured, Impl.JAVA_1, sizeValues[i]);
            native1[i] = ShortRun.median(measured, Impl.NATIVE_1, sizeValues[i]);
            nativeN[i] = multiCore ? ShortRun.median(measured, Impl.NATIVE_N, sizeValues[i]) : Double.NaN;
            lines.add(String.format(Locale.ROOT, "# %-8s %12d %12s %12s %12s", "", workValues[i],
                    Units.time(java1[i]), Units.time(native1[i]), multiCore ? Units.time(nativeN[i]) : ""));
        }
        OptionalLong nativeAt = Crossover.threshold(workValues, java1, native1, Crossover.MARGIN);
        // The pool must beat both single-thread choices: AUTO takes the pool from <op>.parallel on, whichever
        // of Java and native inline it would otherwise use there.
        double[] bestSingle = new double[sizeValues.length];
        for (int i = 0; i < bestSingle.length; i++) {
            bestSingle[i] = Math.min(java1[i], native1[i]);
        }
        OptionalLong parallelAt = multiCore
                ? Crossover.threshold(workValues, bestSingle, nativeN, Crossover.MARGIN) : OptionalLong.empty();
        lines.add(k.op() + ".native=" + nativeAt.orElse(NEVER));
        lines.add(k.op() + ".parallel=" + parallelAt.orElse(NEVER));
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
